import { waveSettingsSchema, type Agency, type AuditEvent, type Employee, type Unit, type Wave } from '../../../domain/schema.js';
import type { Point } from '../../../domain/sealing/group.js';
import { filledAnswers, sealedRow, throwawayKey } from '../../test-support/sealed.js';

/** The records the store contract's cases are made of. */

export const agency = (id: string, name = `Instansi ${id}`): Agency => ({ id, name, createdAt: '2026-01-05T08:00:00.000Z' });

export const unit = (agencyId: string, path: string[]): Unit => ({
  id: path.map((p) => p.toLowerCase().replace(/[^a-z0-9]+/g, '-')).join('.'),
  agencyId,
  name: path[path.length - 1]!,
  parentId: path.length > 1 ? path.slice(0, -1).map((p) => p.toLowerCase().replace(/[^a-z0-9]+/g, '-')).join('.') : null,
  path,
});

export const person = (agencyId: string, nip: string, name: string, unitId: string, supervisorNip: string | null = null): Employee => ({
  nip,
  agencyId,
  name,
  unitId,
  position: 'Analis',
  supervisorNip,
  email: `${name.toLowerCase()}@example.test`,
  phone: null,
  active: true,
});

export const NIP_A = '198503122010011001';
export const NIP_B = '199001012015022002';
export const NIP_C = '197712312000031003';

export const audit = (id: string, agencyId: string, at: string, waveId: string | null = null): AuditEvent => ({
  id,
  agencyId,
  waveId,
  actor: { uid: 'uid-1', email: 'koordinator@example.test' },
  action: 'roster.import',
  at,
  details: { rows: 3 },
});

export const draftWave = (id: string, agencyId: string, createdAt: string): Wave => ({
  id,
  agencyId,
  name: `Gelombang ${id}`,
  questionnaireVersion: 'berakhlak-2021.1',
  status: 'draft',
  scope: { kind: 'all' },
  opensAt: null,
  closesAt: '2026-12-31T10:00:00.000Z',
  settings: waveSettingsSchema.parse({}),
  planSeed: 42,
  createdAt,
  launchedAt: null,
  closedAt: null,
});

export const launchOf = (waveId: string, launchId = 'launch-1') => ({
  waveId,
  launchId,
  launchedAt: '2026-06-01T01:00:00.000Z',
  opensAt: '2026-06-01T01:00:00.000Z',
  invitations: [
    { id: 'inv-a', waveId, agencyId: 'kab-a', raterNip: NIP_A, codeHash: 'hash-a' },
    { id: 'inv-b', waveId, agencyId: 'kab-a', raterNip: NIP_B, codeHash: 'hash-b' },
  ],
  tickets: [
    { id: 't1', invitationId: 'inv-a', waveId, rateeNip: NIP_A, relationship: 'self' as const },
    { id: 't2', invitationId: 'inv-a', waveId, rateeNip: NIP_B, relationship: 'superior' as const },
    { id: 't3', invitationId: 'inv-b', waveId, rateeNip: NIP_A, relationship: 'subordinate' as const },
  ],
  links: [
    { nip: NIP_A, name: 'Ani', unitPath: ['Sekretariat'], email: null, phone: null, code: 'CODEA' },
    { nip: NIP_B, name: 'Budi', unitPath: ['Sekretariat'], email: 'budi@example.test', phone: '0812', code: 'CODEB' },
  ],
  seal: { ceremonyId: 'c1', jointKey: 'joint-key' },
});

// A throwaway key: the store only ever sees sealed bytes, whoever holds the key.
export let K: Point;
export async function loadThrowawayKey(): Promise<void> {
  K = await throwawayKey();
}
export const row = (fill: 1 | 2 | 3 | 4 | 5 = 4) => sealedRow(K, filledAnswers(fill));
export const responseDraft = (id: string, sealed = row()) => ({ id, questionnaireVersion: 'berakhlak-2021.1', sealed, day: '2026-06-02' });

/** Cases that need real transactions, by name. */
export const concurrentCases = ['[concurrent] consumes each ticket exactly once when submissions race'] as const;
