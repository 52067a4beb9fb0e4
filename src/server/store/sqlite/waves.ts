import type { Invitation, Ticket, Wave } from '../../../domain/schema.js';
import { isAtRisk, rateeProgress } from '../../../domain/coverage.js';
import { countsToGroups } from '../group-counts.js';
import type { LinkPage, WaveLaunch } from '../port.js';
import { toInvitation, toLinks, toTicket, toWave, waveParams } from './rows.js';
import type { Row, Statements } from './statements.js';

/* Waves on the embedded store: drafts, the launch that issues invitations and tickets, links, reissue, close. */

export function createWave(q: Statements, wave: Wave): void {
  q
    .sql(
      `INSERT INTO waves (id, agency_id, name, questionnaire_version, status, scope, opens_at, closes_at, settings, plan_seed, created_at, launched_at, closed_at)
       VALUES (@id, @agency_id, @name, @questionnaire_version, @status, @scope, @opens_at, @closes_at, @settings, @plan_seed, @created_at, @launched_at, @closed_at)`,
    )
    .run(waveParams(wave));
}

export function updateDraftWave(q: Statements, wave: Wave): 'updated' | 'not_found' | 'not_draft' {
  return q.db.transaction(() => {
    const current = q.sql('SELECT status FROM waves WHERE id = ?').pluck().get(wave.id) as string | undefined;
    if (!current) return 'not_found' as const;
    if (current !== 'draft') return 'not_draft' as const;
    q
      .sql(
        `UPDATE waves SET name = @name, questionnaire_version = @questionnaire_version, scope = @scope, opens_at = @opens_at,
           closes_at = @closes_at, settings = @settings WHERE id = @id AND status = 'draft'`,
      )
      .run(waveParams(wave));
    return 'updated' as const;
  }).immediate();
}

export function getWave(q: Statements, id: string): Wave | null {
  const row = q.sql('SELECT * FROM waves WHERE id = ?').get(id) as Row | undefined;
  return row ? toWave(row) : null;
}

export function listWaves(q: Statements, agencyId: string): Wave[] {
  return (q.sql('SELECT * FROM waves WHERE agency_id = ? ORDER BY created_at DESC, id').all(agencyId) as Row[]).map(toWave);
}

export function launchWave(q: Statements, launch: WaveLaunch): 'launched' | 'not_found' | 'not_draft' {
  return q.db.transaction(() => {
    const row = q.sql('SELECT * FROM waves WHERE id = ?').get(launch.waveId) as Row | undefined;
    if (!row) return 'not_found' as const;
    const wave = toWave(row);
    if (wave.status !== 'draft') return 'not_draft' as const;
    const issued = new Map<string, number>();
    for (const t of launch.tickets) issued.set(t.invitationId, (issued.get(t.invitationId) ?? 0) + 1);
    const unitOf = new Map(
      (q.sql('SELECT nip, unit_id FROM employees WHERE agency_id = ?').raw().all(wave.agencyId) as [string, string][]).map(([nip, unit]) => [nip, unit]),
    );
    // Runs: the raters of one unit, numbered in order so a wave's runs are contiguous.
    const runs = new Map<string, { invitations: number; run: number }>();
    for (const i of launch.invitations) {
      const unitId = unitOf.get(i.raterNip) ?? '';
      const r = runs.get(unitId);
      if (r) r.invitations++;
      else runs.set(unitId, { invitations: 1, run: 0 });
    }
    const addRun = q.sql('INSERT INTO ticket_runs (wave_id, unit_id, invitations) VALUES (?, ?, ?)');
    for (const unitId of [...runs.keys()].sort()) {
      const r = runs.get(unitId)!;
      r.run = Number(addRun.run(launch.waveId, unitId, r.invitations).lastInsertRowid);
    }
    const runOf = new Map<string, number>();
    const invite = q.sql(
      'INSERT INTO invitations (id, wave_id, agency_id, rater_nip, code_hash, tickets_issued, rater_unit_id, run) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const i of launch.invitations) {
      const run = runs.get(unitOf.get(i.raterNip) ?? '')!.run;
      runOf.set(i.id, run);
      invite.run(i.id, launch.waveId, i.agencyId, i.raterNip, i.codeHash, issued.get(i.id) ?? 0, unitOf.get(i.raterNip) ?? '', run);
    }
    const ticket = q.sql('INSERT INTO tickets (run, invitation_id, id, ratee_nip, relationship, issued) VALUES (?, ?, ?, ?, ?, ?)');
    const slot = { self: 0, superior: 1, peer: 2, subordinate: 3 } as const;
    const groups = new Map<string, [number, number, number, number]>();
    // In key order, so the B-tree is appended to rather than split all over.
    const ordered = launch.tickets.map((t) => ({ t, run: runOf.get(t.invitationId)! })).sort((a, b) => a.run - b.run);
    for (const { t, run } of ordered) {
      ticket.run(run, t.invitationId, t.id, t.rateeNip, t.relationship, issued.get(t.invitationId)!);
      const counts = groups.get(t.rateeNip) ?? [0, 0, 0, 0];
      counts[slot[t.relationship]]++;
      groups.set(t.rateeNip, counts);
    }
    const k = wave.settings.anonymityThreshold;
    const groupRow = q.sql(
      `INSERT INTO ratee_groups (wave_id, ratee_unit_id, ratee_nip, self, superior, peer, subordinate, k, at_risk, progress)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const perUnit = new Map<string, { ratees: number; atRisk: number; counts: [number, number, number, number] }>();
    for (const nip of [...groups.keys()].sort()) {
      const counts = groups.get(nip)!;
      const unitId = unitOf.get(nip) ?? '';
      const g = countsToGroups(counts, [0, 0, 0, 0]);
      const risk = isAtRisk(g, k);
      groupRow.run(launch.waveId, unitId, nip, ...counts, k, Number(risk), rateeProgress(g, k));
      const u = perUnit.get(unitId) ?? { ratees: 0, atRisk: 0, counts: [0, 0, 0, 0] };
      u.ratees++;
      u.atRisk += Number(risk);
      counts.forEach((n, i) => (u.counts[i] = u.counts[i]! + n));
      perUnit.set(unitId, u);
    }
    const unitRow = q.sql(
      `INSERT INTO unit_groups (wave_id, unit_id, ratees, at_risk, self, superior, peer, subordinate, self_done, superior_done, peer_done, subordinate_done)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0)`,
    );
    for (const [unitId, u] of perUnit) unitRow.run(launch.waveId, unitId, u.ratees, u.atRisk, ...u.counts);
    q.sql('INSERT INTO link_batches (wave_id, links) VALUES (?, ?)').run(launch.waveId, JSON.stringify(launch.links));
    q.sql('INSERT INTO wave_seals (wave_id, ceremony_id, joint_key) VALUES (?, ?, ?)').run(launch.waveId, launch.seal.ceremonyId, launch.seal.jointKey);
    q
      .sql(`UPDATE waves SET status = 'open', launched_at = ?, opens_at = ? WHERE id = ?`)
      .run(launch.launchedAt, launch.opensAt, launch.waveId);
    return 'launched' as const;
  }).immediate();
}

/** Links per page of the embedded store's link list (one JSON row, read whole for each page). */
const LINK_PAGE = 2000;

export function readLinks(q: Statements, waveId: string, page: number): LinkPage | null {
  const stored = q.sql('SELECT links FROM link_batches WHERE wave_id = ?').pluck().get(waveId) as string | undefined;
  if (stored === undefined) return null;
  const links = toLinks(stored);
  const start = page * LINK_PAGE;
  return { links: links.slice(start, start + LINK_PAGE), total: links.length, next: start + LINK_PAGE < links.length ? page + 1 : null };
}

export function confirmLinks(q: Statements, waveId: string): number | null {
  return q.db.transaction(() => {
    const stored = q.sql('SELECT links FROM link_batches WHERE wave_id = ?').pluck().get(waveId) as string | undefined;
    if (stored === undefined) return null;
    q.sql('DELETE FROM link_batches WHERE wave_id = ?').run(waveId);
    return toLinks(stored).length;
  }).immediate();
}

export function hasLinks(q: Statements, waveId: string): boolean {
  return q.sql('SELECT 1 FROM link_batches WHERE wave_id = ?').get(waveId) !== undefined;
}

export function reissueInvitation(
  q: Statements,
  waveId: string,
  raterNip: string,
  next: { id: string; codeHash: string; ticketId: () => string },
): { status: 'reissued'; movedTickets: number } | { status: 'not_found' } {
  return q.db.transaction(() => {
    const old = q.sql('SELECT * FROM invitations WHERE wave_id = ? AND rater_nip = ?').get(waveId, raterNip) as Row | undefined;
    if (!old) return { status: 'not_found' as const };
    q.sql('DELETE FROM invitations WHERE id = ?').run(old.id);
    q
      .sql(
        'INSERT INTO invitations (id, wave_id, agency_id, rater_nip, code_hash, tickets_issued, rater_unit_id, run) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(next.id, waveId, old.agency_id, raterNip, next.codeHash, old.tickets_issued, old.rater_unit_id, old.run);
    const ids = q.sql('SELECT id FROM tickets WHERE run = ? AND invitation_id = ?').pluck().all(old.run, old.id) as string[];
    const move = q.sql('UPDATE tickets SET invitation_id = ?, id = ? WHERE run = ? AND invitation_id = ? AND id = ?');
    for (const id of ids) move.run(next.id, next.ticketId(), old.run, old.id, id);
    return { status: 'reissued' as const, movedTickets: ids.length };
  }).immediate();
}

export function closeWave(q: Statements, waveId: string, closedAt: string): 'closed' | 'not_found' | 'not_open' {
  return q.db.transaction(() => {
    const status = q.sql('SELECT status FROM waves WHERE id = ?').pluck().get(waveId) as string | undefined;
    if (!status) return 'not_found' as const;
    if (status !== 'open') return 'not_open' as const;
    q.sql(`UPDATE waves SET status = 'closed', closed_at = ? WHERE id = ?`).run(closedAt, waveId);
    return 'closed' as const;
  }).immediate();
}

export function findInvitationByCodeHash(q: Statements, codeHash: string): Invitation | null {
  const row = q.sql('SELECT * FROM invitations WHERE code_hash = ?').get(codeHash) as Row | undefined;
  return row ? toInvitation(row) : null;
}

export function listTicketsOfInvitation(q: Statements, invitationId: string): Ticket[] {
  const rows = q
    .sql(
      `SELECT t.*, i.wave_id FROM invitations i JOIN tickets t ON t.run = i.run AND t.invitation_id = i.id
       WHERE i.id = ? ORDER BY t.ratee_nip, t.relationship`,
    )
    .all(invitationId) as Row[];
  return rows.map(toTicket);
}

