/**
 * Respondents' submissions while a coordinator uploads a large XLSX roster to the same server:
 * the upload is parsed off the request thread, so submissions' latency must barely move.
 * A real server process, a real Auth emulator for the coordinator, a steady 100 submissions/s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import ExcelJS from 'exceljs';
import { jobSchema, jobStartedSchema } from '../src/contract/jobs.js';
import { defaultQuestionnaire, type Answer } from '../src/domain/questionnaire.js';
import { signedInAccount, type Claims } from '../src/server/test-support/accounts.js';
import { startAuthEmulator } from '../scripts/auth-emulator.js';
import { startServer } from './load-server.js';
import { syntheticOrg } from './synthetic-org.js';

const ROWS = Number(process.env.BENCH_ROSTER_ROWS ?? 40_000);
const RATE = 100;
const projectId = 'demo-berakhlak-bench';
const authHost = '127.0.0.1:9399';
const dir = mkdtempSync(join(tmpdir(), 'b360-roster-load-'));
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The roster as an XLSX; `edition` renames every 100th person, as a month's re-export changes a few rows. */
async function rosterXlsx(rows: number, edition = 0): Promise<Uint8Array<ArrayBuffer>> {
  const { employees, units } = syntheticOrg(rows);
  const pathOf = new Map(units.map((u) => [u.id, u.path.join(' > ')]));
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Pegawai');
  sheet.addRow(['NIP', 'Nama', 'Unit Kerja', 'Jabatan', 'NIP Atasan', 'Email', 'No HP']);
  employees.forEach((e, i) =>
    sheet.addRow([e.nip, i % 100 === 0 ? `${e.name} (${edition})` : e.name, pathOf.get(e.unitId), e.position, e.supervisorNip ?? '', e.email ?? '', '081234567890']),
  );
  return new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
}

const tokenFor = async (email: string, claims: Claims) => (await signedInAccount(authHost, projectId, email, claims)).token;

const emulator = await startAuthEmulator({ projectId, host: '127.0.0.1', port: 9399, workDir: join(dir, 'emulator'), quiet: true });
try {
  const [editions, token, admin] = await Promise.all([
    Promise.all([rosterXlsx(ROWS, 1), rosterXlsx(ROWS, 2)]),
    tokenFor('koordinator@bench.test', { role: 'coordinator', agencies: ['bench', 'bench-baru'] }),
    tokenFor('admin@bench.test', { role: 'admin' }),
  ]);
  const xlsx = editions[0];
  const server = await startServer(dir, 3000, 'roster', { FIREBASE_PROJECT_ID: projectId, FIREBASE_AUTH_EMULATOR_HOST: authHost });
  try {
    const answers = Object.fromEntries(defaultQuestionnaire.items.map((item, i) => [item.behaviourId, ((i % 5) + 1) as Answer]));
    const bodies = server.tickets.map((t) => JSON.stringify({ code: t.code, ticketId: t.ticketId, questionnaireVersion: defaultQuestionnaire.version, answers }));
    let next = 0;
    const submissions = (seconds: number) =>
      autocannon({
        url: `${server.url}/api/respond/submit`,
        connections: 10,
        overallRate: RATE,
        duration: seconds,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        requests: [{ setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length]! }) }],
      });
    const upload = async (dryRun: boolean, file = xlsx, agency = 'bench') => {
      const started = performance.now();
      const res = await fetch(`${server.url}/api/agencies/${agency}/roster?dryRun=${dryRun}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': XLSX },
        body: file,
      });
      const body = await res.text();
      if (res.status !== (dryRun ? 200 : 202)) throw new Error(`roster upload answered ${res.status}: ${body.slice(0, 300)}`);
      // An import is written by a job: the upload's time runs until the job has ended.
      if (!dryRun) {
        const { job } = jobStartedSchema.parse(JSON.parse(body));
        for (;;) {
          const now = jobSchema.parse(await (await fetch(`${server.url}/api/jobs/${job.id}`, { headers: { authorization: `Bearer ${token}` } })).json());
          if (now.status === 'failed') throw new Error(`roster import job failed: ${now.error?.code}`);
          if (now.status === 'succeeded') break;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      return performance.now() - started;
    };

    await submissions(3); // warm-up: JIT and the submission thread
    const line = (label: string, r: autocannon.Result, extra = '') =>
      console.log(
        `${label.padEnd(44)} p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms  ${r['2xx']}/${r.requests.total} 2xx${extra}`,
      );
    line(`submitResponse at ${RATE}/s, no upload`, await submissions(10));

    // The agency's roster as it will be re-imported: the first import writes all of it.
    await upload(false);
    for (const dryRun of [true, false]) {
      let running = true;
      const uploads: number[] = [];
      const loop = (async () => {
        // Two editions in turn, so each import has 1% of its rows to write.
        while (running) uploads.push(await upload(dryRun, editions[uploads.length % 2]));
      })();
      const during = await submissions(20);
      running = false;
      await loop;
      const goal = during.latency.p99 <= 100 && during['2xx'] === during.requests.total ? 'met' : 'MISSED';
      line(
        `submitResponse at ${RATE}/s, XLSX ${dryRun ? 'check' : 're-import (1% changed)'} looping`,
        during,
        `  (goal p99 ≤ 100 ms: ${goal})  ${uploads.length} uploads of ${(xlsx.length / 1e6).toFixed(1)} MB / ${ROWS.toLocaleString('en')} rows, ${(uploads.reduce((a, b) => a + b, 0) / uploads.length / 1000).toFixed(1)} s each`,
      );
    }

    // A new agency's first roster: every row is written in one transaction, and SQLite has one writer.
    const created = await fetch(`${server.url}/api/agencies`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'bench-baru', name: 'Instansi Baru' }),
    });
    if (created.status !== 201) throw new Error(`creating the agency answered ${created.status}`);
    const firstImport = upload(false, xlsx, 'bench-baru');
    const during = await submissions(6);
    line(`submitResponse at ${RATE}/s, a first import of ${ROWS.toLocaleString('en')}`, during, `  (a new agency: every row is new, written in one transaction; the import took ${((await firstImport) / 1000).toFixed(1)} s)`);
  } finally {
    await server.stop();
  }
} finally {
  await emulator.stop();
  rmSync(dir, { recursive: true, force: true });
}
