import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { jobStartedSchema } from '../../contract/jobs.js';
import type { JobRunner } from '../jobs/runner.js';
import { bearer, body, makeApi } from '../test-support/api.js';
import { jobOutcome } from '../test-support/jobs.js';
import { staffTokens } from '../test-support/staff.js';

const nip = (i: number) => `198503122010011${String(i).padStart(3, '0')}`;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let coordinator: string;
let auditor: string;
beforeAll(async () => {
  ({ coordinator, auditor } = await staffTokens({
    coordinator: { role: 'coordinator', agencies: ['kab-a'] },
    auditor: { role: 'auditor', agencies: ['kab-a'] },
  }));
});

async function setup(jobs?: JobRunner) {
  const api = makeApi({ jobs });
  await api.store.createAgency({ id: 'kab-a', name: 'Kabupaten A', createdAt: '2026-01-01T00:00:00.000Z' });
  const send = (content: string | Uint8Array<ArrayBuffer>, query = '', type = 'text/csv', token = coordinator) =>
    api.app.request(`/api/agencies/kab-a/roster${query}`, { method: 'POST', headers: { ...bearer(token), 'content-type': type }, body: content });
  const call = (method: string, path: string) => api.app.request(path, { method, headers: bearer(coordinator) });
  /** Uploads; an import's job is followed to its end and answered as its result (200) or its error. */
  const upload = async (content: string | Uint8Array<ArrayBuffer>, query = '', type = 'text/csv', token = coordinator) => {
    const res = await send(content, query, type, token);
    if (res.status !== 202) return res;
    const job = await jobOutcome(call, res);
    if (job.kind !== 'roster.import') throw new Error(`an import started a ${job.kind} job`);
    return job.status === 'succeeded' ? Response.json(job.result, { status: 200 }) : Response.json({ error: job.error }, { status: 409 });
  };
  return { ...api, send, call, upload };
}

/** A job runner that holds every job until it is let go, so a test can act between the answer and the work. */
function heldJobs() {
  const held: (() => Promise<void>)[] = [];
  const runner: JobRunner = { dispatch: async (jobId, execute) => void held.push(() => execute(jobId)) };
  return { runner, release: () => Promise.all(held.splice(0).map((run) => run())) };
}

type RowError = { line: number | null; column: string | null; message: string; messages: { id: string; en: string } };
const rowsOf = async (res: Response) => (await body<{ error: { code: string; rows: RowError[] } }>(res)).error;

const goodCsv = [
  '\uFEFFNIP,Nama,Unit Kerja,Jabatan,NIP Atasan,Email,No HP',
  `${nip(1)},"Sari, S.E.",Sekretariat Daerah,Sekretaris Daerah,,sari@kab.test,0812-1111-2222`,
  `${nip(2)},Budi Santoso,Sekretariat Daerah > Bagian Umum,Kepala Bagian,${nip(1)},,`,
  `${nip(3)},"Citra ""Cici"" Dewi",Sekretariat Daerah > Bagian Umum,Analis,${nip(2)},CITRA@KAB.TEST,`,
].join('\r\n');

describe('importRoster', () => {
  it('imports a CSV with a BOM, Indonesian headers and quoted fields, building the unit tree', async () => {
    const { upload, store } = await setup();
    const res = await upload(goodCsv);
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({
      dryRun: false,
      rows: 3,
      units: 2,
      created: 3,
      updated: 0,
      deactivated: 0,
      newUnits: [['Sekretariat Daerah'], ['Sekretariat Daerah', 'Bagian Umum']],
      newUnitsTotal: 2,
      lookAlikes: [],
      lookAlikesTotal: 0,
    });
    const people = await store.listEmployees('kab-a');
    expect(people.map((p) => p.name).sort()).toEqual(['Budi Santoso', 'Citra "Cici" Dewi', 'Sari, S.E.']);
    expect(people.find((p) => p.nip === nip(3))).toMatchObject({ supervisorNip: nip(2), email: 'citra@kab.test', unitId: 'sekretariat-daerah.bagian-umum' });
    expect((await store.listUnits('kab-a')).map((u) => [u.id, u.parentId])).toEqual([
      ['sekretariat-daerah', null],
      ['sekretariat-daerah.bagian-umum', 'sekretariat-daerah'],
    ]);
    const events = await store.listAuditEvents('kab-a');
    expect(events[0]).toMatchObject({ action: 'roster.import', details: expect.objectContaining({ created: 3 }) });
  });

  it('writes the checked file in a job: 202 at once, nothing written until the job runs, the file deleted after', async () => {
    const held = heldJobs();
    const { send, call, store } = await setup(held.runner);
    const res = await send(goodCsv);
    expect(res.status).toBe(202);
    const { job } = jobStartedSchema.parse(await res.json());
    expect(job).toMatchObject({ kind: 'roster.import', agencyId: 'kab-a', waveId: null, status: 'running', result: null });
    expect(await store.listEmployees('kab-a')).toEqual([]);
    expect(await store.readJobFile(job.id)).toEqual(new TextEncoder().encode(goodCsv));
    await held.release();
    const ended = await body<{ status: string; result: { created: number } }>(await call('GET', `/api/jobs/${job.id}`));
    expect(ended).toMatchObject({ status: 'succeeded', result: { dryRun: false, created: 3 } });
    expect(await store.listEmployees('kab-a')).toHaveLength(3);
    expect(await store.readJobFile(job.id)).toBeNull();
  });

  it('fails the job with roster_changed, writing nothing, when the roster changed after the check so the file no longer fits', async () => {
    const held = heldJobs();
    const { send, call, store } = await setup(held.runner);
    expect((await send(goodCsv)).status).toBe(202);
    await held.release();
    // A new person under Sari: fine when checked, not once Sari has left the roster.
    const res = await send(`NIP,Nama,Unit Kerja,NIP Atasan\n${nip(9)},Dian,Sekretariat Daerah,${nip(1)}`);
    expect(res.status).toBe(202);
    const { job } = jobStartedSchema.parse(await res.json());
    await store.applyRoster('kab-a', { units: [], employees: [], deactivateMissing: true });
    await held.release();
    const ended = await body<{ status: string; error: { code: string; messages: { en: string } } }>(await call('GET', `/api/jobs/${job.id}`));
    expect(ended).toMatchObject({ status: 'failed', error: { code: 'roster_changed' } });
    expect(ended.error.messages.en).toMatch(/changed after this file was checked/);
    expect((await store.listEmployees('kab-a')).map((e) => e.nip)).not.toContain(nip(9));
    expect(await store.readJobFile(job.id)).toBeNull();
  });

  it('reads semicolon-separated files with English headers', async () => {
    const { upload, store } = await setup();
    const csv = ['Name;Employee ID;Work unit;Supervisor NIP', `Ani;${nip(1)};Dinas Kesehatan;`, `Eko;${nip(2)};Dinas Kesehatan;${nip(1)}`].join('\n');
    const res = await upload(csv.replace('Employee ID', 'NIP'));
    expect(res.status).toBe(200);
    expect((await store.listEmployees('kab-a')).map((p) => p.name)).toEqual(['Ani', 'Eko']);
  });

  it('reads an XLSX workbook exported from Excel', async () => {
    const { upload, store } = await setup();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Pegawai');
    ws.addRow(['NIP', 'Nama', 'Unit Kerja', 'Jabatan', 'NIP Atasan', 'Email', 'No HP']);
    ws.addRow([nip(1), 'Sari', 'Setda', 'Sekda', '', 'sari@kab.test', 81211112222]);
    ws.addRow([nip(2), { richText: [{ text: 'Budi ' }, { text: 'S.' }] }, 'Setda > Umum', 'Kabag', nip(1), '', '']);
    const res = await upload(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), '', XLSX);
    expect(res.status).toBe(200);
    const people = await store.listEmployees('kab-a');
    expect(people.map((p) => [p.name, p.phone])).toEqual([
      ['Budi S.', null],
      ['Sari', '81211112222'],
    ]);
  });

  it('tells how to fix a NIP that Excel stored as a number', async () => {
    const { upload, store } = await setup();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Pegawai');
    ws.addRow(['NIP', 'Nama', 'Unit Kerja']);
    ws.addRow([Number(nip(1)), 'Sari', 'Setda']);
    const res = await upload(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), '', XLSX);
    expect(res.status).toBe(422);
    const error = await rowsOf(res);
    expect(error.rows).toEqual([expect.objectContaining({ line: 2, column: 'NIP' })]);
    expect(error.rows[0]!.messages.en).toMatch(/scientific notation.*Format the NIP column as Text/);
    expect(await store.listEmployees('kab-a')).toEqual([]);
  });

  const defects: [string, string, { line: number; column: string; pattern: RegExp }][] = [
    ['an implausible NIP', `NIP,Nama,Unit Kerja\n${nip(1)},Ani,Setda\n198513122010011002,Budi,Setda`, { line: 3, column: 'NIP', pattern: /birth date/ }],
    ['a NIP with a bad gender digit', `NIP,Nama,Unit Kerja\n198503122010013001,Ani,Setda`, { line: 2, column: 'NIP', pattern: /Digit 15/ }],
    ['a NIP in scientific notation', `NIP,Nama,Unit Kerja\n1.98503E+17,Ani,Setda`, { line: 2, column: 'NIP', pattern: /scientific notation/ }],
    ['a duplicate NIP', `NIP,Nama,Unit Kerja\n${nip(1)},Ani,Setda\n${nip(2)},Budi,Setda\n${nip(1)},Ani Lagi,Setda`, { line: 4, column: 'NIP', pattern: /Duplicate NIP .* row 2/ }],
    ['an unknown supervisor', `NIP,Nama,Unit Kerja,NIP Atasan\n${nip(1)},Ani,Setda,${nip(9)}`, { line: 2, column: 'NIP Atasan', pattern: /neither in this file/ }],
    ['a supervisor cycle', `NIP,Nama,Unit Kerja,NIP Atasan\n${nip(1)},Ani,Setda,${nip(3)}\n${nip(2)},Budi,Setda,${nip(1)}\n${nip(3)},Citra,Setda,${nip(2)}`, { line: 2, column: 'NIP Atasan', pattern: /cycle/ }],
    ['an empty name', `NIP,Nama,Unit Kerja\n${nip(1)},Ani,Setda\n${nip(2)},  ,Setda`, { line: 3, column: 'Nama', pattern: /name cannot be empty/ }],
    ['an empty unit', `NIP,Nama,Unit Kerja\n${nip(1)},Ani, > `, { line: 2, column: 'Unit Kerja', pattern: /unit cannot be empty/ }],
    ['a bad email', `NIP,Nama,Unit Kerja,Email\n${nip(1)},Ani,Setda,ani@`, { line: 2, column: 'Email', pattern: /email address is not valid/ }],
  ];
  for (const [name, csv, expected] of defects) {
    it(`refuses a file with ${name}: the row, the column, both languages, nothing imported`, async () => {
      const { upload, store } = await setup();
      await upload(`NIP,Nama,Unit Kerja\n${nip(50)},Lama,Setda`);
      const res = await upload(csv);
      expect(res.status).toBe(422);
      const error = await rowsOf(res);
      expect(error.code).toBe('roster_invalid');
      expect(error.rows).toHaveLength(1);
      expect(error.rows[0]).toMatchObject({ line: expected.line, column: expected.column });
      expect(error.rows[0]!.messages.en).toMatch(expected.pattern);
      expect(error.rows[0]!.messages.id.length).toBeGreaterThan(10);
      expect(error.rows[0]!.message).toBe(error.rows[0]!.messages.id);
      expect((await store.listEmployees('kab-a')).map((p) => p.nip)).toEqual([nip(50)]);
    });
  }

  it('reports every bad row at once, in row order', async () => {
    const { upload } = await setup();
    const res = await upload(`NIP,Nama,Unit Kerja\n123,Ani,Setda\n${nip(2)},,Setda\n${nip(3)},Citra,Setda`);
    expect((await rowsOf(res)).rows.map((r) => [r.line, r.column])).toEqual([
      [2, 'NIP'],
      [3, 'Nama'],
    ]);
  });

  it('lists the first 200 problems of a file of thousands of bad rows and counts the rest per column', async () => {
    const { upload, store } = await setup();
    // 3,000 rows of one repeated NIP and 800 without a name: 3,800 problems, not megabytes of them.
    const lines = ['NIP,Nama,Unit Kerja', `${nip(1)},Ani,Setda`];
    for (let i = 0; i < 3000; i++) lines.push(`${nip(1)},Ani ${i},Setda`);
    for (let i = 0; i < 800; i++) lines.push(`${nip(100 + i)},,Setda`);
    const res = await upload(lines.join('\n'));
    expect(res.status).toBe(422);
    const text = await res.clone().text();
    expect(text.length).toBeLessThan(100_000);
    const error = (await body<{ error: { rows: RowError[]; rowsTotal: number; rowsMore: Record<string, number> } }>(res)).error;
    expect(error.rows).toHaveLength(200);
    expect(error.rowsTotal).toBe(3800);
    expect(Object.values(error.rowsMore).reduce((a, b) => a + b, 0)).toBe(3800 - 200);
    expect(error.rowsMore).toMatchObject({ Nama: 800 });
    expect(await store.listEmployees('kab-a')).toEqual([]);
  });

  it('names a missing required column', async () => {
    const { upload } = await setup();
    const res = await upload(`NIP,Jabatan\n${nip(1)},Analis`);
    expect(res.status).toBe(422);
    const rows = (await rowsOf(res)).rows;
    expect(rows.map((r) => r.messages.en)).toEqual([expect.stringMatching(/"nama" \/ "nama lengkap"/), expect.stringMatching(/"unit kerja"/)]);
  });

  it('checks without importing on a dry run', async () => {
    const { upload, store } = await setup();
    const res = await upload(goodCsv, '?dryRun=true');
    expect(await body(res)).toMatchObject({ dryRun: true, created: 3 });
    expect(await store.listEmployees('kab-a')).toEqual([]);
  });

  it('lists on a dry run the units it would create and warns of ones that look like an existing unit', async () => {
    const { upload, store } = await setup();
    await upload(`NIP,Nama,Unit Kerja\n${nip(1)},Sari,Dinas Pendidikan > Bidang Sekolah Dasar\n${nip(2)},Budi,Dinas Pendidikan > Seksi I`);
    const csv = [
      'NIP,Nama,Unit Kerja',
      `${nip(1)},Sari,Dinas Pendidikan > Bidang Sekolah Dasar`,
      `${nip(3)},Eko,Dinas Pendidikan > Bidang SD`,
      `${nip(4)},Ani,Dinas Pendidikan > Seksi II`,
      `${nip(5)},Dewi,Dinas Pendidikan > Sub Bagian Umum`,
      `${nip(6)},Fajar,Dinas Pendidikan > Subbagian Umum`,
    ].join('\n');
    const before = await store.listUnits('kab-a');
    const result = await body<Record<string, unknown>>(await upload(csv, '?dryRun=true'));
    expect(result).toMatchObject({
      dryRun: true,
      newUnits: [['Dinas Pendidikan', 'Bidang SD'], ['Dinas Pendidikan', 'Seksi II'], ['Dinas Pendidikan', 'Sub Bagian Umum'], ['Dinas Pendidikan', 'Subbagian Umum']],
      newUnitsTotal: 4,
      lookAlikesTotal: 2,
    });
    // "Seksi II" beside "Seksi I" is two units, not a typo.
    expect(result.lookAlikes).toEqual([
      { path: ['Dinas Pendidikan', 'Bidang SD'], like: ['Dinas Pendidikan', 'Bidang Sekolah Dasar'], reason: 'abbreviation' },
      { path: ['Dinas Pendidikan', 'Sub Bagian Umum'], like: ['Dinas Pendidikan', 'Subbagian Umum'], reason: 'spacing' },
    ]);
    expect(await store.listUnits('kab-a')).toEqual(before);
  });

  it('updates people by NIP on re-import and deactivates the missing only when asked', async () => {
    const { upload, store } = await setup();
    await upload(goodCsv);
    const second = `NIP,Nama,Unit Kerja,NIP Atasan\n${nip(1)},Sari Baru,Sekretariat Daerah,\n${nip(2)},Budi Santoso,Sekretariat Daerah,${nip(1)}`;
    expect(await body(await upload(second))).toMatchObject({ created: 0, updated: 2, deactivated: 0 });
    expect((await store.summarizeAgency('kab-a')).activeEmployees).toBe(3);
    expect(await body(await upload(second, '?deactivateMissing=true'))).toMatchObject({ updated: 2, deactivated: 1 });
    const people = await store.listEmployees('kab-a');
    expect(people.map((p) => [p.name, p.active])).toEqual([
      ['Budi Santoso', true],
      ['Citra "Cici" Dewi', false],
      ['Sari Baru', true],
    ]);
  });

  it('refuses other file types, unreadable workbooks and auditors', async () => {
    const { upload } = await setup();
    expect((await upload('{}', '', 'application/json')).status).toBe(415);
    const broken = await upload(new Uint8Array([1, 2, 3]), '', XLSX);
    expect(broken.status).toBe(400);
    expect((await body<{ error: { code: string } }>(broken)).error.code).toBe('roster_unreadable');
    expect((await upload(goodCsv, '', 'text/csv', auditor)).status).toBe(403);
  });

  it('reads the files Excel really writes: "Unicode Text" (UTF-16, tabs), and an XLSX sent as CSV', async () => {
    const { upload, store } = await setup();
    const text = `NIP\tNama\tUnit Kerja\r\n${nip(1)}\tSari Dewi\tSekretariat Daerah\r\n${nip(2)}\tBudi Ñandu\tSekretariat Daerah > Bagian Umum\r\n`;
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
    expect(await body(await upload(utf16, '', 'text/plain'))).toMatchObject({ dryRun: false, created: 2 });
    expect((await store.listEmployees('kab-a')).map((e) => e.name)).toEqual(['Budi Ñandu', 'Sari Dewi']);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Pegawai');
    ws.addRow(['NIP', 'Nama', 'Unit Kerja']);
    ws.addRow([nip(3), 'Citra', 'Sekretariat Daerah']);
    const xlsx = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    expect(await body(await upload(xlsx, '?dryRun=true', 'application/vnd.ms-excel'))).toMatchObject({ dryRun: true, created: 1 });
  });

  it('says a binary file is not a CSV or XLSX, and names the row of an unclosed quote', async () => {
    const { upload, store } = await setup();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, ...new Array(64).fill(0)]);
    const binary = await upload(png);
    expect(binary.status).toBe(400);
    const issue = (await body<{ error: { code: string; issues: { message: string }[] } }>(binary)).error;
    expect(issue.code).toBe('roster_unreadable');
    expect(issue.issues[0]!.message).toMatch(/not a CSV or XLSX/);
    const quote = await upload(`NIP,Nama,Unit Kerja\n${nip(1)},Ani,Setda\n${nip(2)},"Budi,Setda\n${nip(3)},Citra,Setda`);
    expect(quote.status).toBe(400);
    expect((await body<{ error: { issues: { message: string }[] } }>(quote)).error.issues[0]!.message).toMatch(/row 3 is not closed/);
    expect(await store.listEmployees('kab-a')).toEqual([]);
  });

  it('says that unknown supervisors follow from the one row that was refused', async () => {
    const { upload } = await setup();
    // The head's NIP was stored by Excel as a number; three people name the head as supervisor.
    const csv = [`NIP,Nama,Unit Kerja,NIP Atasan`, `1.98503122010011E+17,Kepala,Setda,`, ...[2, 3, 4].map((i) => `${nip(i)},Staf ${i},Setda,${nip(1)}`)].join('\n');
    const rows = (await rowsOf(await upload(csv))).rows;
    expect(rows[0]).toMatchObject({ line: 2, column: 'NIP' });
    expect(rows.slice(1).map((r) => r.messages.en)).toEqual([2, 3, 4].map(() => `Supervisor NIP ${nip(1)} is unknown because row 2 was refused: fix row 2 first.`));
  });
});
