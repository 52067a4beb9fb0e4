/** Parses, validates and imports a 10,000-row roster CSV the way POST /roster does. */
import Papa from 'papaparse';
import { validateRoster } from '../src/domain/roster.js';
import { parseRosterFile } from '../src/server/roster/parse-file.js';
import { openSqliteStore } from '../src/server/store/sqlite/sqlite-store.js';
import { report } from './report.js';
import { syntheticOrg } from './synthetic-org.js';

const ROWS = Number(process.env.BENCH_ROSTER_ROWS ?? 10_000);
const { employees, units } = syntheticOrg(ROWS);
const pathOf = new Map(units.map((u) => [u.id, u.path.join(' > ')]));
const csv = Papa.unparse({
  fields: ['NIP', 'Nama', 'Unit Kerja', 'Jabatan', 'NIP Atasan', 'Email', 'No HP'],
  data: employees.map((e) => [e.nip, e.name, pathOf.get(e.unitId), e.position, e.supervisorNip ?? '', e.email, '081234567890']),
});
const bytes = new TextEncoder().encode(csv);

const store = openSqliteStore(':memory:');
await store.createAgency({ id: 'bench', name: 'Bench', createdAt: new Date().toISOString() });
const started = performance.now();
const table = await parseRosterFile(bytes, 'csv');
const parsed = performance.now();
const result = validateRoster('bench', table);
if (!result.ok) throw new Error(JSON.stringify(result.problems.slice(0, 3)));
const validated = performance.now();
await store.applyRoster('bench', { units: result.units, employees: result.employees, deactivateMissing: false });
const done = performance.now();
report(
  `import ${ROWS.toLocaleString('en')}-row roster CSV`,
  done - started,
  5000,
  `${(bytes.length / 1e6).toFixed(1)} MB: parse ${(parsed - started).toFixed(0)} ms, validate ${(validated - parsed).toFixed(0)} ms, write ${(done - validated).toFixed(0)} ms`,
);
await store.close();
