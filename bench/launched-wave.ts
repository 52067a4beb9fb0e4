import type { Wave } from '../src/domain/schema.js';
import { waveSettingsSchema } from '../src/domain/schema.js';
import type { SqliteStore } from '../src/server/store/sqlite/sqlite-store.js';
import { buildLaunch, planFor } from '../src/server/waves/plan.js';
import { sealingReady } from '../src/domain/sealing/group.js';
import { ceremonyInMemory } from '../src/server/test-support/ceremony.js';
import { syntheticOrg } from './synthetic-org.js';

/** A draft wave of the bench agency with the default 360 settings, open for a day. */
export function benchDraftWave(id: string, now = new Date()): Wave {
  return {
    id,
    agencyId: 'bench',
    name: 'Bench',
    questionnaireVersion: 'berakhlak-2021.1',
    status: 'draft',
    scope: { kind: 'all' },
    opensAt: null,
    closesAt: new Date(now.getTime() + 86_400_000).toISOString(),
    settings: waveSettingsSchema.parse({}),
    planSeed: 1,
    createdAt: now.toISOString(),
    launchedAt: null,
    closedAt: null,
  };
}

/** Seeds a synthetic agency of `size` people and launches one open wave; returns every ticket. */
export async function launchedWave(store: SqliteStore, size: number, now = new Date()) {
  const { employees, units } = syntheticOrg(size);
  await store.createAgency({ id: 'bench', name: 'Bench', createdAt: now.toISOString() });
  await store.applyRoster('bench', { units, employees, deactivateMissing: false });
  const wave = benchDraftWave(`w-${size}`, now);
  await store.createWave(wave);
  // Sealed to the key of a real ceremony (the submit route derives the key from it), held in memory.
  await sealingReady();
  const { ceremony } = ceremonyInMemory(`bench-${size}`, 'bench');
  await store.createCeremony(ceremony);
  const launch = buildLaunch(wave, (await planFor(store, wave))!, now, { ceremonyId: ceremony.id, jointKey: ceremony.jointKey! });
  await store.launchWave(launch);
  const codeOf = new Map(launch.invitations.map((inv, i) => [inv.id, launch.links[i]!.code]));
  return {
    wave,
    tickets: launch.tickets.map((t) => ({ invitationId: t.invitationId, code: codeOf.get(t.invitationId)!, ticketId: t.id })),
  };
}
