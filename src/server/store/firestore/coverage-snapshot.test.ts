import { beforeAll, describe, expect, it } from 'vitest';
import { benchDraftWave } from '../../../../bench/launched-wave.js';
import { syntheticOrg } from '../../../../bench/synthetic-org.js';
import { rateeOrder, unitAndBelow, type CoverageFacts, type CoverageQuery } from '../../../domain/coverage.js';
import { firestoreStore, useFirestoreEmulator } from '../../test-support/firestore-emulator.js';
import { sealedDraft, throwawayKey } from '../../test-support/sealed.js';
import { buildLaunch, planFor } from '../../waves/plan.js';
import type { SurveyStore, WaveLaunch } from '../port.js';
import { openSqliteStore } from '../sqlite/sqlite-store.js';
import { scratchDir } from '../../test-support/scratch.js';

useFirestoreEmulator();

const scratch = scratchDir('coverage-snapshot');

const LAUNCH = new Date('2026-06-01T01:00:00.000Z');
const draft = (id: string, day = '2026-06-02') => sealedDraft(id, day);
beforeAll(() => throwawayKey());

/** A synthetic agency of `size` people with one launched wave, the same launch for every store. */
async function launchOn(stores: SurveyStore[], size: number): Promise<WaveLaunch> {
  const { employees, units } = syntheticOrg(size);
  const wave = benchDraftWave('w', LAUNCH);
  let launch: WaveLaunch | null = null;
  for (const store of stores) {
    await store.createAgency({ id: 'bench', name: 'Bench', createdAt: LAUNCH.toISOString() });
    await store.applyRoster('bench', { units, employees, deactivateMissing: false });
    await store.createWave(wave);
    launch ??= buildLaunch(wave, (await planFor(store, wave))!, LAUNCH, { ceremonyId: 'c', jointKey: 'k' });
    expect(await store.launchWave(launch)).toBe('launched');
  }
  return launch!;
}

/** Units in id order, without units that have nothing to show (stores differ only in listing those). */
function comparable(facts: CoverageFacts) {
  const empty = (u: CoverageFacts['units'][number]) => u.raters.invited === 0 && u.ratees === 0 && Object.keys(u.groups).length === 0;
  return {
    units: facts.units.filter((u) => !empty(u)).sort((a, b) => (a.unitId < b.unitId ? -1 : 1)),
    ratees: facts.ratees,
    perDay: facts.perDay,
  };
}

describe('coverage on Firestore', () => {
  it('counts exactly what the SQLite store counts: units, ratee rows in order, a focus unit, exports and reminders', async () => {
    const sqlite = openSqliteStore(scratch.file('same.db'));
    const firestore = firestoreStore('demo-coverage-same', { coverage: { countsMaxAgeMs: 0, ratersMaxAgeMs: 0 } });
    const launch = await launchOn([sqlite, firestore], 60);
    // Every third ticket answered, over two days: raters end up finished, partly done and not started.
    const answered = launch.tickets.filter((_, i) => i % 3 === 0);
    for (const [i, t] of answered.entries()) {
      for (const store of [sqlite, firestore]) {
        expect(await store.recordResponse(t.invitationId, t.id, draft(`r${i}`, i % 2 ? '2026-06-02' : '2026-06-03'), '2026-06-01T12:00:00.000Z')).toBe('recorded');
      }
    }
    // Raters' progress is the recount job's (the snapshot claims it for its caller to start).
    expect((await firestore.coverageFacts('w', { k: 3, unitIds: null, focus: null, limit: 1 })).asOf?.recountClaimed).toBe(true);
    await firestore.recountRaters('w');
    const units = await sqlite.listUnits('bench');
    const focus = units.find((u) => u.path.length === 2)!.id;
    const queries: CoverageQuery[] = [
      { k: 3, unitIds: null, focus: null, limit: 1000 },
      { k: 3, unitIds: null, focus: null, limit: 7 },
      { k: 3, unitIds: unitAndBelow(units, focus), focus, limit: 1000 },
      { k: 3, unitIds: unitAndBelow(units, focus), focus, limit: 4 },
      { k: 3, unitIds: null, focus: null, limit: Number.MAX_SAFE_INTEGER },
    ];
    for (const query of queries) {
      const [expected, actual] = await Promise.all([sqlite.coverageFacts('w', query), firestore.coverageFacts('w', query)]);
      expect(comparable(actual), JSON.stringify({ ...query, unitIds: undefined })).toEqual(comparable(expected));
      expect(actual.ratees.rows.length).toBeGreaterThan(0);
      expect([...actual.ratees.rows].sort(rateeOrder(3))).toEqual(actual.ratees.rows);
    }
    const raters = (await firestore.coverageFacts('w', queries[0]!)).units.reduce((n, u) => n + u.raters.partly + u.raters.finished, 0);
    expect(raters).toBeGreaterThan(0);
    const byNip = (a: { raterNip: string }, b: { raterNip: string }) => (a.raterNip < b.raterNip ? -1 : 1);
    expect((await firestore.listRaterProgress('w')).sort(byNip)).toEqual((await sqlite.listRaterProgress('w')).sort(byNip));
    await sqlite.close();
  }, 60_000);

  it('serves every poll from one snapshot for a minute, and claims the raters’ recount for one caller every 15 minutes', async () => {
    let now = LAUNCH.getTime();
    const store = firestoreStore('demo-coverage-snapshot', { coverage: { now: () => now } });
    const launch = await launchOn([store], 12);
    const query: CoverageQuery = { k: 3, unitIds: null, focus: null, limit: 1000 };
    const total = (facts: CoverageFacts) => ({
      responses: facts.units.reduce((n, u) => n + Object.values(u.groups).reduce((m, g) => m + g.responses, 0), 0),
      notStarted: facts.units.reduce((n, u) => n + u.raters.notStarted, 0),
      invited: facts.units.reduce((n, u) => n + u.raters.invited, 0),
      perDay: facts.perDay.reduce((n, d) => n + d.responses, 0),
    });

    const first = await store.coverageFacts('w', query);
    expect(first.asOf).toEqual({ counts: LAUNCH.toISOString(), raters: LAUNCH.toISOString() });
    expect(total(first)).toEqual({ responses: 0, notStarted: launch.invitations.length, invited: launch.invitations.length, perDay: 0 });

    const t = launch.tickets[0]!;
    expect(await store.recordResponse(t.invitationId, t.id, draft('r1'), '2026-06-02T00:00:00.000Z')).toBe('recorded');
    now += 30_000;
    expect(await store.coverageFacts('w', query)).toEqual(first);

    now += 31_000;
    const second = await store.coverageFacts('w', query);
    expect(second.asOf).toEqual({ counts: new Date(now).toISOString(), raters: LAUNCH.toISOString() });
    // The ratee side is counted at submission; raters' progress waits for its recount.
    expect(total(second)).toEqual({ responses: 1, notStarted: launch.invitations.length, invited: launch.invitations.length, perDay: 1 });

    // Due: the rebuild claims the recount for its caller, and counts nothing itself.
    now = LAUNCH.getTime() + 15 * 60_000 + 1;
    const due = await store.coverageFacts('w', query);
    expect(due.asOf).toEqual({ counts: new Date(now).toISOString(), raters: LAUNCH.toISOString(), recountClaimed: true });
    expect(total(due).notStarted).toBe(launch.invitations.length);
    // While the claim holds, later rebuilds serve the old count and claim nothing.
    now += 61_000;
    expect((await store.coverageFacts('w', query)).asOf).toEqual({ counts: new Date(now).toISOString(), raters: LAUNCH.toISOString() });
    const countedAt = new Date(now).toISOString();
    expect(await store.recountRaters('w')).toEqual({ countedAt });
    now += 61_000;
    const third = await store.coverageFacts('w', query);
    expect(third.asOf).toEqual({ counts: new Date(now).toISOString(), raters: countedAt });
    expect(total(third)).toEqual({ responses: 1, notStarted: launch.invitations.length - 1, invited: launch.invitations.length, perDay: 1 });
    // A focus unit's rows are read live, while the unit figures stay the snapshot's.
    const units = await store.listUnits('bench');
    const focused = await store.coverageFacts('w', { ...query, unitIds: unitAndBelow(units, units[0]!.id), focus: units[0]!.id });
    expect(focused.ratees.total).toBe(third.ratees.total);
    expect(focused.units).toEqual(third.units);
  }, 60_000);

  it('rebuilds in one process at a time: a second instance serves the last snapshot meanwhile; two generations are kept at most', async () => {
    let now = LAUNCH.getTime();
    const timing = { coverage: { now: () => now } };
    const first = firestoreStore('demo-coverage-lease', timing);
    const second = firestoreStore('demo-coverage-lease', timing);
    await launchOn([first], 12);
    const query: CoverageQuery = { k: 3, unitIds: null, focus: null, limit: 1000 };
    const built = await first.coverageFacts('w', query);
    const coverageDocs = async () => (await first.db.collection('waves').doc('w').collection('coverage').get()).docs.map((d) => d.id).sort();
    // Stale for both instances at once: one claims the rebuild, the other answers the snapshot it has.
    now += 61_000;
    const answers = await Promise.all([first.coverageFacts('w', query), second.coverageFacts('w', query)]);
    expect(answers.map((a) => a.asOf!.counts).sort()).toEqual([built.asOf!.counts, new Date(now).toISOString()].sort());
    for (let i = 0; i < 3; i++) {
      now += 61_000;
      await first.coverageFacts('w', query);
    }
    // meta, raters, the newest and the previous generation (one unit document each), and the claim that replaced the previous one.
    const docs = await coverageDocs();
    expect(docs.filter((id) => id.startsWith('units-'))).toHaveLength(2);
    expect(docs.filter((id) => id.startsWith('rebuild-'))).toHaveLength(1);
    expect(docs).toEqual(expect.arrayContaining(['meta', 'raters']));
  }, 60_000);
});
