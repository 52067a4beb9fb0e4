import type { Ceremony, GroupShares, Phase } from '../../../domain/sealing/schema.js';
import type { GroupKey, OpenedGroup, SealedResponse, StoredTally, WaveSeal } from '../port.js';
import { ceremonyBody, sharesBody, toOpenedGroup, toSealedResponse, toStoredTally, toWaveSeal } from './rows.js';
import { groupsJson, type Row, type Statements } from './statements.js';

/* Sealed answers on the embedded store: responses and tallies (ciphertexts), ceremonies, decryption shares, what was opened. */

export function sealedResponses(q: Statements, waveId: string, groups?: readonly GroupKey[]): SealedResponse[] {
  const rows = groups
    ? (q
        .sql(
          `SELECT r.* FROM json_each(?) g CROSS JOIN responses r ON r.wave_id = ? AND r.ratee_nip = g.value ->> 0 AND r.relationship = g.value ->> 1
           ORDER BY r.ratee_nip, r.relationship, r.id`,
        )
        .all(groupsJson(groups), waveId) as Row[])
    : (q.sql('SELECT * FROM responses WHERE wave_id = ? ORDER BY ratee_nip, relationship, id').all(waveId) as Row[]);
  return rows.map(toSealedResponse);
}

export function listTallies(q: Statements, waveId: string): StoredTally[] {
  return (q.sql('SELECT * FROM tallies WHERE wave_id = ? ORDER BY ratee_nip, relationship').all(waveId) as Row[]).map(toStoredTally);
}

export function getWaveSeal(q: Statements, waveId: string): WaveSeal | null {
  const r = q.sql('SELECT ceremony_id, joint_key FROM wave_seals WHERE wave_id = ?').get(waveId) as Row | undefined;
  return r ? toWaveSeal(r) : null;
}

export function createCeremony(q: Statements, c: Ceremony): void {
  q.sql('INSERT INTO ceremonies (id, agency_id, created_at, version, body) VALUES (?, ?, ?, ?, ?)').run(c.id, c.agencyId, c.createdAt, c.version, JSON.stringify(c));
}

export function getCeremony(q: Statements, id: string): Ceremony | null {
  const body = q.sql('SELECT body FROM ceremonies WHERE id = ?').pluck().get(id) as string | undefined;
  return body ? ceremonyBody(body) : null;
}

export function listCeremonies(q: Statements, agencyId: string): Ceremony[] {
  return (q.sql('SELECT body FROM ceremonies WHERE agency_id = ? ORDER BY created_at DESC, id').pluck().all(agencyId) as string[]).map(ceremonyBody);
}

export function saveCeremony(q: Statements, c: Ceremony, expectedVersion: number): 'saved' | 'conflict' {
  const changed = q.sql('UPDATE ceremonies SET version = ?, body = ? WHERE id = ? AND version = ?').run(c.version, JSON.stringify(c), c.id, expectedVersion).changes;
  return changed === 1 ? 'saved' : 'conflict';
}

export function saveDecryptionShares(q: Statements, waveId: string, phase: Phase, trusteeIndex: number, shares: readonly GroupShares[]): void {
  const put = q.sql(
    `INSERT INTO decryption_shares (wave_id, phase, ratee_nip, relationship, trustee_index, body) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (wave_id, phase, ratee_nip, relationship, trustee_index) DO UPDATE SET body = excluded.body`,
  );
  q.db.transaction(() => {
    for (const s of shares) put.run(waveId, phase, s.rateeNip, s.relationship, trusteeIndex, JSON.stringify(s));
  })();
}

export function listDecryptionShares(q: Statements, waveId: string, phase: Phase, groups?: readonly GroupKey[]): { trusteeIndex: number; shares: GroupShares }[] {
  const rows = groups
    ? (q
        .sql(
          `SELECT d.trustee_index, d.body FROM json_each(?) g CROSS JOIN decryption_shares d
             ON d.wave_id = ? AND d.phase = ? AND d.ratee_nip = g.value ->> 0 AND d.relationship = g.value ->> 1
           ORDER BY d.ratee_nip, d.relationship, d.trustee_index`,
        )
        .raw()
        .all(groupsJson(groups), waveId, phase) as [number, string][])
    : (q
        .sql('SELECT trustee_index, body FROM decryption_shares WHERE wave_id = ? AND phase = ? ORDER BY ratee_nip, relationship, trustee_index')
        .raw()
        .all(waveId, phase) as [number, string][]);
  return rows.map(([trusteeIndex, body]) => ({ trusteeIndex, shares: sharesBody(body) }));
}

export function saveOpened(q: Statements, waveId: string, opened: readonly OpenedGroup[]): void {
  const put = q.sql(
    `INSERT INTO opened_groups (wave_id, ratee_nip, relationship, counts, sums) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (wave_id, ratee_nip, relationship) DO UPDATE SET counts = coalesce(excluded.counts, counts), sums = coalesce(excluded.sums, sums)`,
  );
  q.db.transaction(() => {
    for (const g of opened) put.run(waveId, g.rateeNip, g.relationship, g.counts && JSON.stringify(g.counts), g.sums && JSON.stringify(g.sums));
  })();
}

export function countDecryptionShares(q: Statements, waveId: string, phase: Phase): Map<number, number> {
  const rows = q.sql('SELECT trustee_index, count(*) FROM decryption_shares WHERE wave_id = ? AND phase = ? GROUP BY trustee_index').raw().all(waveId, phase) as [number, number][];
  return new Map(rows);
}

export function listOpened(q: Statements, waveId: string, groups?: readonly GroupKey[]): OpenedGroup[] {
  const rows = groups
    ? (q
        .sql(
          `SELECT o.* FROM json_each(?) g CROSS JOIN opened_groups o ON o.wave_id = ? AND o.ratee_nip = g.value ->> 0 AND o.relationship = g.value ->> 1
           ORDER BY o.ratee_nip, o.relationship`,
        )
        .all(groupsJson(groups), waveId) as Row[])
    : (q.sql('SELECT * FROM opened_groups WHERE wave_id = ? ORDER BY ratee_nip, relationship').all(waveId) as Row[]);
  return rows.map(toOpenedGroup);
}

