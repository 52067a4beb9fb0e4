/**
 * The capacity model's per-operation counts (scripts/capacity/operations.ts) against what the
 * Firestore adapter really reads, writes and deletes: a wave's operations run one by one through the
 * API over the Firestore store on the emulator, each metered by what Firestore would bill for it
 * (src/server/test-support/firestore-billing.ts), jobs run to their end inside the measure.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { jobSchema } from '../src/contract/jobs.js';
import { linkPageSchema } from '../src/contract/waves.js';
import { defaultQuestionnaire } from '../src/domain/questionnaire.js';
import { inProcessJobs } from '../src/server/jobs/runner.js';
import { seedDemoData } from '../src/server/seed/demo.js';
import { appOver, body, jsonHeaders } from '../src/server/test-support/api.js';
import { billedBy, type Billed } from '../src/server/test-support/firestore-billing.js';
import { billed, firestoreStore, useFirestoreEmulator } from '../src/server/test-support/firestore-emulator.js';
import { signInStaff } from '../src/server/test-support/staff.js';
import { holdCeremony, openWave } from '../src/server/test-support/trustees.js';
import { answers } from '../src/server/test-support/wave.js';
import { hashCode } from '../src/server/waves/plan.js';
import { SNAPSHOT_ROWS } from '../src/server/store/firestore/coverage-snapshot.js';
import { operations, type WaveShape } from './capacity/operations.js';

useFirestoreEmulator();

let coordinator: string;
beforeAll(async () => {
  coordinator = (await signInStaff({ role: 'coordinator', agencies: ['kab-contoh'] })).token;
});

/** Everything billed, job records aside (operations.ts leaves them out). */
function total(by: Record<string, Billed>): Billed {
  const sum = { reads: 0, writes: 0, deletes: 0 };
  for (const [collection, b] of Object.entries(by)) {
    if (collection === 'jobs') continue;
    sum.reads += b.reads;
    sum.writes += b.writes;
    sum.deletes += b.deletes;
  }
  return sum;
}

describe('the capacity model’s counts per operation', () => {
  it('are what the Firestore adapter bills for each operation of a wave, from plan to results', async () => {
    let now = Date.parse('2026-06-01T01:00:00.000Z');
    const store = firestoreStore('demo-capacity-counts', { coverage: { now: () => now } });
    const jobs = inProcessJobs();
    const app = appOver(store, { now: () => new Date(now), jobs, bodyLimitBytes: 256 * 1024, respondRateLimits: { perMinute: 100_000, badCodesPer10Minutes: 100_000 } });
    await seedDemoData(store);
    const { ceremony, trustees } = await holdCeremony(app, coordinator, 'kab-contoh');
    const staff = (method: string, path: string, payload?: unknown) =>
      app.request(path, { method, headers: jsonHeaders(coordinator), body: payload === undefined ? undefined : JSON.stringify(payload) });
    const respond = (path: string, payload: unknown) =>
      app.request(`/api/respond/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
    const wave = await body<{ id: string }>(await staff('POST', '/api/agencies/kab-contoh/waves', { name: 'Juni', closesAt: '2026-06-30T10:00:00Z' }));
    // The shape is read through a store of its own, so no cache of the measured one warms.
    const reader = firestoreStore('demo-capacity-counts');
    const waveDoc = reader.db.collection('waves').doc(wave.id);
    const docsIn = async (collection: string) => (await waveDoc.collection(collection).get()).size;

    // The wave's shape as it stands (read outside any measure).
    let tickets = 0;
    const shape = async (): Promise<WaveShape> => {
      const ratees = await waveDoc.collection('ratees').get();
      const progress = await reader.listRaterProgress(wave.id);
      const meta = (await waveDoc.collection('coverage').doc('meta').get()).data();
      return {
        employees: (await reader.listEmployees('kab-contoh')).length,
        units: (await reader.listUnits('kab-contoh')).length,
        raters: progress.length,
        tickets,
        ratees: ratees.size,
        unitGroups: await docsIn('unitGroups'),
        linkChunks: await docsIn('links'),
        ceremonies: (await reader.listCeremonies('kab-contoh')).length,
        remaining: progress.reduce((n, p) => n + p.left, 0),
        responses: (await reader.db.collection('responses').where('waveId', '==', wave.id).get()).size,
        pending: progress.filter((p) => p.left > 0).length,
        atRisk: ratees.docs.filter((d) => d.data().atRisk === true).length,
        dayDocs: await docsIn('days'),
        snapshotUnitDocs: Number(meta?.unitDocs ?? 0),
        openedGroups: await docsIn('opened'),
        snapshotRows: SNAPSHOT_ROWS,
      };
    };
    /** Runs `work` (and any job it started) and checks what it billed against the model's count. */
    const expectBilled = async (name: string, work: () => Promise<unknown>, model: (s: WaveShape) => Billed) => {
      const before = await shape();
      const by = await billedBy(billed, async () => {
        await work();
        await jobs.idle();
      });
      // A snapshot's unit documents are known once one is built: the wave's figure, as the model takes it.
      const { snapshotUnitDocs } = await shape();
      expect(total(by), `${name}: ${JSON.stringify(by)}`).toEqual(model({ ...before, snapshotUnitDocs: Math.max(before.snapshotUnitDocs, snapshotUnitDocs) }));
    };
    const ok = async (res: Response | Promise<Response>, status = 200) => {
      const r = await res;
      expect(r.status, await r.clone().text()).toBe(status);
      return r;
    };

    // Plan and launch: the plan is the first read of the agency's units since its roster (cold).
    let planHash = '';
    await expectBilled('plan', async () => (planHash = (await body<{ planHash: string }>(await ok(staff('POST', `/api/waves/${wave.id}/plan`)))).planHash), (s) => operations.plan(s, true));
    let jobId = '';
    const launch = async () => (jobId = (await body<{ job: { id: string } }>(await ok(staff('POST', `/api/waves/${wave.id}/launch`, { planHash }), 202))).job.id);
    // The launch's own documents are counted once it is done: the model takes them from the launch.
    const launchBilled = await billedBy(billed, async () => {
      await launch();
      await jobs.idle();
    });
    const job = jobSchema.parse(await body(await ok(staff('GET', `/api/jobs/${jobId}`))));
    expect(job.kind === 'wave.launch' && job.status === 'succeeded').toBe(true);
    tickets = job.kind === 'wave.launch' ? job.result!.tickets : 0;
    expect(total(launchBilled)).toEqual(operations.launch(await shape(), false));

    // The link list, one page (the demo agency's fits in one chunk) and the confirmation.
    const codes: string[] = [];
    await expectBilled('links page', async () => codes.push(...linkPageSchema.parse(await (await ok(staff('GET', `/api/waves/${wave.id}/links?page=0`))).json()).links.map((l) => l.code!)), () => operations.linksPage(0));
    await expectBilled('links confirm', async () => ok(staff('POST', `/api/waves/${wave.id}/links/confirm`)), (s) => operations.linksConfirm(s));

    // A rater opens the link, answers one colleague (the first submission reads the wave's seal), opens again, answers another.
    const openedLink = async (code: string) => {
      const opened = await body<{ tickets: { id: string; rateeName: string; rateeUnit: string }[] }>(await ok(respond('open', { code })));
      return opened.tickets;
    };
    const link = async (code: string) => {
      const left = await reader.listTicketsOfInvitation((await reader.findInvitationByCodeHash(hashCode(code)))!.id);
      const people = await reader.getEmployees('kab-contoh', [...new Set(left.map((t) => t.rateeNip))]);
      return { tickets: left.length, ratees: people.length, units: new Set(people.map((p) => p.unitId)).size };
    };
    const code = codes[0]!;
    let left: { id: string }[] = [];
    const expectedOpen = operations.open(await link(code));
    await expectBilled('open', async () => (left = await openedLink(code)), () => expectedOpen);
    const submit = (ticketId: string, seed: number) =>
      ok(respond('submit', { code, ticketId, questionnaireVersion: defaultQuestionnaire.version, answers: answers(seed) }));
    await expectBilled('submit (first of the wave here)', () => submit(left[0]!.id, 1), () => operations.submit(true));
    const expectedAgain = operations.open(await link(code));
    await expectBilled('open again', async () => (left = await openedLink(code)), () => expectedAgain);
    await expectBilled('submit', () => submit(left[0]!.id, 2), () => operations.submit(false));
    expect(expectedAgain.reads).toBeLessThan(expectedOpen.reads);

    // Coverage: the first poll builds the snapshot, polls within the minute read it, later ones rebuild it.
    const poll = () => ok(staff('GET', `/api/waves/${wave.id}/coverage`));
    await expectBilled('poll (builds the first snapshot)', poll, (s) => operations.pollRebuild(s, { first: true, replacesTwoBack: false, recountClaimed: false }));
    await expectBilled('poll (snapshot)', poll, (s) => operations.pollSnapshot(s));
    now += 61_000;
    await expectBilled('poll (second rebuild)', poll, (s) => operations.pollRebuild(s, { first: false, replacesTwoBack: false, recountClaimed: false }));
    // Past 15 minutes raters' progress is due: the rebuilding poll claims the recount and starts its job.
    now += 15 * 60_000;
    await expectBilled('poll (third rebuild, recount due)', poll, (s) => {
      const rebuild = operations.pollRebuild(s, { first: false, replacesTwoBack: true, recountClaimed: true });
      const recount = operations.recount(s);
      return { reads: rebuild.reads + recount.reads, writes: rebuild.writes + recount.writes, deletes: rebuild.deletes + recount.deletes };
    });
    const counted = (await waveDoc.collection('coverage').doc('raters').get()).data()!;
    expect([counted.countedAt, counted.recountUntil]).toEqual([new Date(now).toISOString(), 0]);

    await expectBilled('verify', () => ok(staff('POST', `/api/waves/${wave.id}/verify`), 202), (s) => operations.verify(s));
    await expectBilled('non-responders', () => ok(staff('GET', `/api/waves/${wave.id}/non-responders`)), (s) => operations.nonResponders(s));

    // Results, once the trustees have opened the closed wave: the first view scores it, later ones do not.
    await ok(staff('POST', `/api/waves/${wave.id}/close`));
    await openWave(app, ceremony, trustees.slice(0, 2), wave.id);
    await expectBilled('results (scored here first)', () => ok(staff('GET', `/api/waves/${wave.id}/results`)), (s) => operations.results(s, true));
    await expectBilled('results', () => ok(staff('GET', `/api/waves/${wave.id}/results`)), (s) => operations.results(s, false));
  }, 120_000);
});
