/**
 * A ministry-shaped agency (four unit levels with long Indonesian names) through the
 * API over the Firestore adapter on the in-memory emulator, under the limits guard: the roster
 * import, two overlapping launches, the link download, submissions, coverage polls and the
 * integrity check. Long work runs as jobs and their progress is printed as it goes; any Firestore
 * limit broken, or an overlapping launch that leaves more than one plan's documents, fails the run.
 * The emulator, not the adapter, sets the pace (a few ms a document), so times here are not
 * production's; the counts and sizes are.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deleteApp, initializeApp } from 'firebase-admin/app';
import { initializeFirestore } from 'firebase-admin/firestore';
import { jobSchema, jobStartedSchema, type Job } from '../src/contract/jobs.js';
import { planPreviewSchema } from '../src/contract/waves.js';
import { coverageSchema } from '../src/domain/coverage.js';
import { defaultQuestionnaire } from '../src/domain/questionnaire.js';
import { sealingReady } from '../src/domain/sealing/group.js';
import { createApp } from '../src/server/app.js';
import { buildAppDeps } from '../src/server/app-deps.js';
import { firebaseAuthFor } from '../src/server/firebase.js';
import { inProcessJobs } from '../src/server/jobs/runner.js';
import { FirestoreStore } from '../src/server/store/firestore/firestore-store.js';
import { RampLimiter } from '../src/server/store/firestore/ramp.js';
import { idTokenAt, signedInAccount } from '../src/server/test-support/accounts.js';
import { ceremonyInMemory } from '../src/server/test-support/ceremony.js';
import { startGuardedFirestore } from '../src/server/test-support/guarded-firestore.js';
import { downloadAllLinks } from '../src/server/test-support/links.js';
import { startAuthEmulator } from '../scripts/auth-emulator.js';
import { peakMb } from './report.js';
import { benchNip } from './synthetic-org.js';

process.env.METADATA_SERVER_DETECTION = 'none';
// 40,000 is the issue's size, but @firestore-emulator/server's commits slow with every document it
// holds (500 writes: 1.1 s empty, 13.6 s at 20,000 documents), so that run would take many hours
// here; 3,000 people keep the ministry's shape (all 8 directorates-general, long unit paths).
const PEOPLE = Number(process.env.BENCH_MINISTRY_PEOPLE ?? 3_000);
/** Raters who answer everything they were given before coverage is polled. */
const ANSWERING = Number(process.env.BENCH_MINISTRY_ANSWERING ?? 300);
const projectId = 'demo-berakhlak-ministry';
const authPort = 9499;
const agencyId = 'kemenkeu';

const directorates = ['Perbendaharaan', 'Pajak', 'Bea dan Cukai', 'Anggaran', 'Kekayaan Negara', 'Perimbangan Keuangan', 'Pengelolaan Pembiayaan dan Risiko', 'Strategi Ekonomi dan Fiskal'];
const provinces = ['Aceh', 'Sumatera Utara', 'Sumatera Barat', 'Riau', 'Jambi', 'Sumatera Selatan', 'Bengkulu', 'Lampung', 'Kepulauan Bangka Belitung', 'Kepulauan Riau', 'DKI Jakarta', 'Jawa Barat', 'Jawa Tengah', 'DI Yogyakarta', 'Jawa Timur', 'Banten', 'Bali', 'Nusa Tenggara Barat', 'Nusa Tenggara Timur', 'Kalimantan Barat', 'Kalimantan Tengah', 'Kalimantan Selatan', 'Kalimantan Timur', 'Kalimantan Utara', 'Sulawesi Utara', 'Sulawesi Tengah', 'Sulawesi Selatan', 'Sulawesi Tenggara', 'Gorontalo', 'Sulawesi Barat', 'Maluku', 'Maluku Utara', 'Papua', 'Papua Barat'];
const roman = ['I', 'II', 'III', 'IV'];

/**
 * The roster as a CSV: directorates-general > regional offices per province > four fields > three
 * sections, a head for every unit (reporting to the head above) and the rest spread over sections.
 * Provinces scale with `people`, so a small run keeps the shape.
 */
function ministryRoster(people: number): { csv: string; units: number } {
  const provinceCount = Math.max(1, Math.min(provinces.length, Math.round((people / 40_000) * provinces.length)));
  type Unit = { path: string[]; head: string | null };
  const units: Unit[] = [];
  for (const dg of directorates) {
    const l1 = [`Direktorat Jenderal ${dg}`];
    units.push({ path: l1, head: null });
    for (const province of provinces.slice(0, provinceCount)) {
      const l2 = [...l1, `Kantor Wilayah Direktorat Jenderal ${dg} Provinsi ${province}`];
      units.push({ path: l2, head: null });
      for (const field of roman) {
        const l3 = [...l2, `Bidang Pembinaan dan Pengendalian Pelaksanaan ${dg} ${field}`];
        units.push({ path: l3, head: null });
        for (const section of ['A', 'B', 'C']) units.push({ path: [...l3, `Seksi Pembinaan Pelaksanaan ${dg} ${field}${section}`], head: null });
      }
    }
  }
  const rows = ['NIP,Nama,Unit Kerja,Jabatan,NIP Atasan,Email'];
  const headOf = new Map<string, string>();
  let n = 0;
  const add = (path: string[], position: string, supervisor: string | null) => {
    const nip = benchNip(n++);
    rows.push(`${nip},Pegawai ${n},"${path.join(' > ')}",${position},${supervisor ?? ''},p${n}@${agencyId}.go.id`);
    return nip;
  };
  // Units are listed parent first, so every head's supervisor is already known.
  for (const u of units) {
    const parent = headOf.get(u.path.slice(0, -1).join(' > ')) ?? null;
    headOf.set(u.path.join(' > '), add(u.path, 'Kepala', parent));
  }
  const sections = units.filter((u) => u.path.length === 4);
  for (let i = 0; n < people; i++) {
    const section = sections[i % sections.length]!;
    add(section.path, 'Pelaksana', headOf.get(section.path.join(' > '))!);
  }
  return { csv: rows.join('\n'), units: units.length };
}

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
const line = (name: string, ms: number, detail = '') => console.log(`${name.padEnd(44)} ${(ms / 1000).toFixed(1).padStart(7)} s  peak RSS ${peakMb()} MB${detail ? `  ${detail}` : ''}`);

const firestore = await startGuardedFirestore();
process.env.FIRESTORE_EMULATOR_HOST = firestore.host;
const dir = mkdtempSync(join(tmpdir(), 'b360-ministry-'));
const auth = await startAuthEmulator({ projectId, host: '127.0.0.1', port: authPort, workDir: join(dir, 'emulator'), quiet: true });
const firebaseApp = initializeApp({ projectId }, 'ministry-bench');
let failed = false;
try {
  const authHost = `127.0.0.1:${authPort}`;
  const email = `koordinator@${agencyId}.go.id`;
  await signedInAccount(authHost, projectId, email, { role: 'coordinator', agencies: [agencyId] });
  // ID tokens last an hour; the run may not: each call signs in again when its token is 30 minutes old.
  let token = { value: await idTokenAt(authHost, email, 'test-password-1'), at: Date.now() };
  const bearer = async () => {
    if (Date.now() - token.at > 30 * 60_000) token = { value: await idTokenAt(authHost, email, 'test-password-1'), at: Date.now() };
    return `Bearer ${token.value}`;
  };

  const store = new FirestoreStore(initializeFirestore(firebaseApp, { preferRest: false }), { ramp: () => new RampLimiter() });
  const jobs = inProcessJobs();
  const settings = {
    web: { apiKey: 'k', authDomain: 'd', projectId },
    authEmulatorHost: authHost,
    bodyLimitBytes: 64 * 1024,
    respondRateLimits: { perMinute: 1_000_000, badCodesPer10Minutes: 1_000_000 },
    trustedProxies: 0,
  };
  const app = createApp(buildAppDeps({ store, auth: firebaseAuthFor(projectId, authHost), settings }, { jobs }));
  const staff = async (method: string, path: string, payload?: unknown, type = 'application/json') =>
    app.request(path, { method, headers: { authorization: await bearer(), 'content-type': type }, body: payload === undefined ? undefined : typeof payload === 'string' ? payload : JSON.stringify(payload) });
  const ok = async (res: Response | Promise<Response>, status = 200) => {
    const r = await res;
    if (r.status !== status) throw new Error(`${r.url || 'request'}: HTTP ${r.status} ${(await r.text()).slice(0, 300)}`);
    return r;
  };
  /** Follows a started job to its end, printing its progress every 30 s. */
  const followed = async (name: string, res: Response): Promise<Job> => {
    const { job } = jobStartedSchema.parse(await (await ok(res, 202)).json());
    let printed = Date.now();
    for (;;) {
      const now = jobSchema.parse(await (await ok(staff('GET', `/api/jobs/${job.id}`))).json());
      if (now.status !== 'running') return now;
      if (Date.now() - printed > 30_000) {
        printed = Date.now();
        const { done, total } = now.progress;
        console.log(`  ${name}: ${done.toLocaleString('en')} of ${total.toLocaleString('en')} documents${total ? ` (${Math.round((100 * done) / total)}%)` : ''} at ${elapsed()}`);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  };
  const succeeded = <K extends Job['kind']>(job: Job, kind: K): Extract<Job, { kind: K }> => {
    if (job.kind !== kind || job.status !== 'succeeded') throw new Error(`${kind} job ${job.status}: ${job.error?.code ?? ''}`);
    return job as Extract<Job, { kind: K }>;
  };

  console.log(`Firestore adapter, ministry-shaped agency of ${PEOPLE.toLocaleString('en')} people, on the in-memory emulator under the limits guard`);
  await store.createAgency({ id: agencyId, name: 'Kementerian Keuangan (sintetis)', createdAt: new Date().toISOString() });
  await sealingReady();
  await store.createCeremony(ceremonyInMemory('kunci-2026', agencyId).ceremony);

  // Roster: the check answers in the request, the rows are written by a job.
  const roster = ministryRoster(PEOPLE);
  let t = performance.now();
  const imported = succeeded(await followed('roster import', await staff('POST', `/api/agencies/${agencyId}/roster`, roster.csv, 'text/csv')), 'roster.import');
  line('roster import (check + job)', performance.now() - t, `${imported.result!.created.toLocaleString('en')} people, ${roster.units.toLocaleString('en')} units, ${(roster.csv.length / 2 ** 20).toFixed(1)} MiB CSV`);

  // Wave, plan, then two launches at once, as a coordinator's retry after a 504 would send.
  const wave = (await (await ok(staff('POST', `/api/agencies/${agencyId}/waves`, { name: 'Gelombang 1', closesAt: new Date(Date.now() + 14 * 86_400_000).toISOString() }), 201)).json()) as { id: string };
  t = performance.now();
  const plan = planPreviewSchema.parse(await (await ok(staff('POST', `/api/waves/${wave.id}/plan`))).json());
  line('plan', performance.now() - t, `${plan.raters.toLocaleString('en')} raters, ${plan.assignments.toLocaleString('en')} assignments`);
  t = performance.now();
  const [first, second] = await Promise.all([staff('POST', `/api/waves/${wave.id}/launch`, { planHash: plan.planHash }), staff('POST', `/api/waves/${wave.id}/launch`, { planHash: plan.planHash })]);
  const launches = await Promise.all([followed('launch A', first), followed('launch B', second)]);
  const launched = launches.filter((j) => j.status === 'succeeded');
  const refused = launches.filter((j) => j.status === 'failed').map((j) => j.error?.code);
  if (launched.length !== 1) throw new Error(`two overlapping launches: ${launched.length} succeeded (${refused.join(', ')})`);
  const launch = succeeded(launched[0]!, 'wave.launch').result!;
  line('launch (two at once, as jobs)', performance.now() - t, `${launch.invitations.toLocaleString('en')} invitations, ${launch.tickets.toLocaleString('en')} tickets; the other: ${refused.join(', ')}`);
  const db = store.db;
  const counted = async (collection: string) => (await db.collection(collection).where('waveId', '==', wave.id).count().get()).data().count;
  const [invitations, tickets] = await Promise.all([counted('invitations'), counted('tickets')]);
  if (invitations !== plan.raters || tickets !== plan.assignments) throw new Error(`after two launches: ${invitations} invitations, ${tickets} tickets; the plan has ${plan.raters} and ${plan.assignments}`);
  console.log(`  stored after both: ${invitations.toLocaleString('en')} invitations and ${tickets.toLocaleString('en')} tickets, exactly the plan's`);

  // The link list, page by page, then confirmed (the codes deleted).
  t = performance.now();
  const { links } = await downloadAllLinks((method, path) => staff(method, path), wave.id);
  const linkBytes = Buffer.byteLength(JSON.stringify(links));
  line('link download (pages + confirm)', performance.now() - t, `${links.length.toLocaleString('en')} links, ${(linkBytes / 2 ** 20).toFixed(1)} MiB in pages`);

  // Some raters answer everything they were given.
  const answers = Object.fromEntries(defaultQuestionnaire.items.map((item, i) => [item.behaviourId, (i % 5) + 1]));
  const respond = (path: string, payload: unknown) => app.request(`/api/respond/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
  t = performance.now();
  let submitted = 0;
  for (const link of links.slice(0, ANSWERING)) {
    const opened = (await (await ok(respond('open', { code: link.code }))).json()) as { tickets: { id: string }[] };
    for (const ticket of opened.tickets) {
      await ok(respond('submit', { code: link.code, ticketId: ticket.id, questionnaireVersion: defaultQuestionnaire.version, answers }));
      submitted++;
    }
  }
  line('open + submit, one after another', performance.now() - t, `${ANSWERING} raters, ${submitted.toLocaleString('en')} submissions`);

  // Coverage: the first poll builds the snapshot, the next reads it; a due recount runs as a job.
  t = performance.now();
  await ok(staff('GET', `/api/waves/${wave.id}/coverage`));
  line('coverage poll (builds the snapshot)', performance.now() - t);
  t = performance.now();
  const poll = coverageSchema.parse(await (await ok(staff('GET', `/api/waves/${wave.id}/coverage`))).json());
  line('coverage poll (from the snapshot)', performance.now() - t, `${poll.tickets.used.toLocaleString('en')} of ${poll.tickets.issued.toLocaleString('en')} tickets used, ${poll.units.length} top-level units`);
  t = performance.now();
  const verified = succeeded(await followed('integrity check', await staff('POST', `/api/waves/${wave.id}/verify`)), 'wave.verify');
  const report = verified.result!;
  if (!report.ok) throw new Error(`the integrity check found ${report.mismatchCount} mismatches`);
  line('integrity check (job)', performance.now() - t, `issued ${report.totals.issued.toLocaleString('en')} = remaining ${report.totals.remaining.toLocaleString('en')} + responses ${report.totals.responses.toLocaleString('en')}`);
  await jobs.idle();

  // What the guard saw.
  const requests = firestore.guard.requests;
  const commits = requests.filter((r) => r.rpc === 'Commit');
  const biggest = commits.reduce((a, r) => Math.max(a, r.bytes), 0);
  const billed = [...firestore.billed().values()].reduce((a, b) => ({ reads: a.reads + b.reads, writes: a.writes + b.writes, deletes: a.deletes + b.deletes }), { reads: 0, writes: 0, deletes: 0 });
  console.log(
    `limits guard: ${firestore.guard.breaches.length} breaches; ${commits.length.toLocaleString('en')} commits, the largest ${(biggest / 2 ** 20).toFixed(2)} MiB of 10 MiB; ` +
      `billed ${billed.reads.toLocaleString('en')} reads, ${billed.writes.toLocaleString('en')} writes, ${billed.deletes.toLocaleString('en')} deletes; total ${elapsed()}`,
  );
  for (const breach of firestore.guard.breaches.slice(0, 5)) console.log(`  BREACH ${breach.rpc}: ${breach.rule} (${breach.detail})`);
  if (firestore.guard.breaches.length > 0) failed = true;
} catch (error) {
  failed = true;
  console.error(`ministry run FAILED at ${elapsed()}: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await deleteApp(firebaseApp).catch(() => undefined);
  await auth.stop();
  firestore.stop();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
