import { z } from 'zod';
import { bilingual, readBilingual } from './bilingual.js';
import { nipSchema } from './nip.js';
import type { Employee, Unit } from './schema.js';
import type { LocalizedText } from './text.js';
import { parseUnitPath, unitIdFor, unitLookAlikes, unitsFromPaths } from './units.js';

export const rosterColumns = ['nip', 'name', 'unit', 'position', 'supervisorNip', 'email', 'phone'] as const;
export type RosterColumn = (typeof rosterColumns)[number];
const requiredColumns: readonly RosterColumn[] = ['nip', 'name', 'unit'];

/** Header names as Indonesian HR systems and people export them, in either language. */
const headerAliases: Record<RosterColumn, readonly string[]> = {
  nip: ['nip', 'nip baru', 'nomor induk pegawai', 'employee id'],
  name: ['nama', 'nama lengkap', 'nama pegawai', 'name', 'full name', 'employee name'],
  unit: ['unit kerja', 'unit', 'unit organisasi', 'satuan kerja', 'satker', 'work unit', 'organisation unit', 'organization unit'],
  position: ['jabatan', 'nama jabatan', 'position', 'job title', 'title'],
  supervisorNip: ['nip atasan', 'nip atasan langsung', 'atasan', 'supervisor nip', 'supervisor', 'manager nip'],
  email: ['email', 'e-mail', 'surel', 'alamat email', 'email address'],
  phone: ['no hp', 'no. hp', 'nomor hp', 'no handphone', 'nomor handphone', 'no telp', 'telepon', 'hp', 'phone', 'mobile', 'phone number'],
};

const normaliseHeader = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[._]/g, ' ')
    .replace(/\s+/g, ' ');

export function columnForHeader(header: string): RosterColumn | null {
  const h = normaliseHeader(header);
  const aliasHit = (aliases: readonly string[]) => aliases.some((a) => a.replace(/[._]/g, ' ') === h);
  return rosterColumns.find((c) => aliasHit(headerAliases[c])) ?? null;
}

/** Row problems an import refusal lists in full; the rest are counted per column. */
export const rowProblemsListed = 200;
/** New units and look-alikes an import result lists in full; the rest are counted. */
export const rosterUnitsListed = 200;

const unitPathSchema = z.array(z.string());
/** What a roster import (or its dry run) answers: one schema for the route, its OpenAPI entry and the SPA. */
export const rosterImportResultSchema = z
  .object({
    dryRun: z.boolean(),
    rows: z.int(),
    units: z.int(),
    created: z.int(),
    updated: z.int(),
    deactivated: z.int(),
    /** Units the import creates (the first `rosterUnitsListed`), by path. */
    newUnits: z.array(unitPathSchema),
    newUnitsTotal: z.int(),
    /** New units that look like a sibling written another way (the first `rosterUnitsListed`). */
    lookAlikes: z.array(z.object({ path: unitPathSchema, like: unitPathSchema, reason: z.enum(['spacing', 'abbreviation', 'spelling']) })),
    lookAlikesTotal: z.int(),
  })
  .meta({ id: 'RosterImportResult' });
export type RosterImportResult = z.infer<typeof rosterImportResultSchema>;

export interface RosterProblem {
  /** Spreadsheet row number (the header is row 1); null for problems with the whole file. */
  line: number | null;
  /** The column's header as written in the file. */
  column: string | null;
  message: LocalizedText;
}

export interface RosterTable {
  headers: string[];
  rows: { line: number; cells: string[] }[];
}

export type RosterValidation =
  | { ok: true; units: Unit[]; employees: Employee[] }
  | { ok: false; problems: RosterProblem[] };

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .transform((s) => (s === '' ? null : s))
    .pipe(z.string().max(max, message).nullable());

const rowSchema = z.object({
  nip: nipSchema,
  name: z
    .string()
    .trim()
    .min(1, bilingual('Nama tidak boleh kosong.', 'The name cannot be empty.'))
    .max(200, bilingual('Nama terlalu panjang (maksimal 200 karakter).', 'The name is too long (200 characters at most).')),
  unit: z
    .string()
    .transform(parseUnitPath)
    .pipe(
      z
        .array(z.string().max(200))
        .min(1, bilingual('Unit kerja tidak boleh kosong. Tulis jalurnya, mis. "Sekretariat Daerah > Bagian Umum".', 'The unit cannot be empty. Write its path, e.g. "Sekretariat Daerah > Bagian Umum".')),
    ),
  position: z.string().trim().max(200, bilingual('Jabatan terlalu panjang.', 'The position is too long.')),
  supervisorNip: z
    .string()
    .trim()
    .transform((s) => (s === '' || s === '-' ? null : s))
    .pipe(nipSchema.nullable()),
  email: z
    .string()
    .trim()
    .transform((s) => (s === '' ? null : s.toLowerCase()))
    .pipe(z.email(bilingual('Alamat email tidak valid.', 'The email address is not valid.')).nullable()),
  phone: optionalText(40, bilingual('Nomor HP terlalu panjang.', 'The phone number is too long.')).pipe(
    z
      .string()
      .regex(/^\+?[0-9][0-9 ()-]{5,}$/, bilingual('Nomor HP hanya boleh berisi angka, spasi, +, - dan ().', 'A phone number may hold only digits, spaces, +, - and ().'))
      .nullable(),
  ),
});

function cycleMessage(chain: string[]): LocalizedText {
  const text = chain.join(' → ');
  return {
    id: `NIP atasan membentuk siklus: ${text}. Seseorang tidak dapat (secara tidak langsung) menjadi atasan dirinya sendiri.`,
    en: `The supervisor chain forms a cycle: ${text}. Nobody can be their own (indirect) supervisor.`,
  };
}

/**
 * Checks a whole roster file and turns it into units and people. Any problem anywhere means the
 * roster is refused as a whole, with every problem reported by row and column.
 * `knownNips`: active people already in the agency who may be named as supervisors.
 */
export function validateRoster(agencyId: string, table: RosterTable, knownNips: ReadonlySet<string> = new Set()): RosterValidation {
  const problems: RosterProblem[] = [];
  const columnIndex = new Map<RosterColumn, number>();
  table.headers.forEach((header, i) => {
    const column = columnForHeader(header);
    if (!column) return;
    if (columnIndex.has(column)) {
      problems.push({
        line: 1,
        column: header,
        message: { id: `Kolom "${header}" muncul dua kali.`, en: `Column "${header}" appears twice.` },
      });
    } else columnIndex.set(column, i);
  });
  for (const c of requiredColumns) {
    if (!columnIndex.has(c)) {
      const names = headerAliases[c].slice(0, 2).join('" / "');
      problems.push({
        line: 1,
        column: null,
        message: { id: `Kolom wajib "${names}" tidak ditemukan di baris judul.`, en: `Required column "${names}" is missing from the header row.` },
      });
    }
  }
  if (problems.length) return { ok: false, problems };
  if (table.rows.length === 0) {
    return { ok: false, problems: [{ line: null, column: null, message: { id: 'Berkas tidak berisi data pegawai.', en: 'The file holds no employee rows.' } }] };
  }

  const headerOf = (c: RosterColumn) => table.headers[columnIndex.get(c)!] ?? c;
  const parsed: { line: number; row: z.infer<typeof rowSchema> }[] = [];
  // Refused rows, by the digits of their NIP cell (an Excel number such as 1.98503E+17 keeps its leading ones).
  const refused: { line: number; digits: string }[] = [];
  for (const { line, cells } of table.rows) {
    const input = Object.fromEntries(rosterColumns.map((c) => [c, columnIndex.has(c) ? (cells[columnIndex.get(c)!] ?? '') : '']));
    const result = rowSchema.safeParse(input);
    if (result.success) parsed.push({ line, row: result.data });
    else {
      refused.push({ line, digits: String(input.nip).replace(/e\+?\d+$/i, '').replace(/\D/g, '') });
      for (const issue of result.error.issues) {
        const column = issue.path[0] as RosterColumn;
        problems.push({ line, column: headerOf(column), message: readBilingual(issue.message) });
      }
    }
  }

  const firstLine = new Map<string, number>();
  for (const { line, row } of parsed) {
    const seen = firstLine.get(row.nip);
    if (seen !== undefined) {
      problems.push({
        line,
        column: headerOf('nip'),
        message: { id: `NIP ${row.nip} ganda: sudah ada di baris ${seen}.`, en: `Duplicate NIP ${row.nip}: already on row ${seen}.` },
      });
    } else firstLine.set(row.nip, line);
  }

  const supervisorOf = new Map<string, string>();
  for (const { line, row } of parsed) {
    if (!row.supervisorNip) continue;
    if (row.supervisorNip === row.nip) {
      problems.push({ line, column: headerOf('supervisorNip'), message: cycleMessage([row.nip, row.nip]) });
    } else if (!firstLine.has(row.supervisorNip) && !knownNips.has(row.supervisorNip)) {
      // Most often the supervisor's own row was refused: say so, so one broken NIP reads as one problem.
      const source = refused.find((r) => r.digits.length >= 6 && row.supervisorNip!.startsWith(r.digits));
      problems.push({
        line,
        column: headerOf('supervisorNip'),
        message: source
          ? {
              id: `NIP atasan ${row.supervisorNip} tidak dikenal karena baris ${source.line} ditolak; perbaiki baris ${source.line} lebih dulu.`,
              en: `Supervisor NIP ${row.supervisorNip} is unknown because row ${source.line} was refused: fix row ${source.line} first.`,
            }
          : {
              id: `NIP atasan ${row.supervisorNip} tidak ada di berkas ini maupun di daftar pegawai aktif.`,
              en: `Supervisor NIP ${row.supervisorNip} is neither in this file nor among active employees.`,
            },
      });
    } else supervisorOf.set(row.nip, row.supervisorNip);
  }

  // Each cycle is reported once, on the row of its first member in file order.
  const state = new Map<string, 'visiting' | 'done'>();
  for (const { line, row } of parsed) {
    if (state.has(row.nip)) continue;
    const path: string[] = [];
    let at: string | undefined = row.nip;
    while (at && !state.has(at)) {
      state.set(at, 'visiting');
      path.push(at);
      at = supervisorOf.get(at);
    }
    if (at && state.get(at) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(at)), at];
      const cycleLine = Math.min(...cycle.slice(0, -1).map((n) => firstLine.get(n) ?? line));
      problems.push({ line: cycleLine, column: headerOf('supervisorNip'), message: cycleMessage(cycle) });
    }
    for (const n of path) state.set(n, 'done');
  }

  if (problems.length) {
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    return { ok: false, problems };
  }
  const units = unitsFromPaths(agencyId, parsed.map((p) => p.row.unit));
  const employees: Employee[] = parsed.map(({ row }) => ({
    nip: row.nip,
    agencyId,
    name: row.name,
    unitId: unitIdFor(row.unit),
    position: row.position,
    supervisorNip: row.supervisorNip,
    email: row.email,
    phone: row.phone,
    active: true,
  }));
  return { ok: true, units, employees };
}

/** What the agency holds now, as far as checking an import needs it. */
export interface RosterNow {
  employees: readonly { nip: string; active: boolean }[];
  units: readonly Unit[];
}

export type RosterCheck =
  | {
      ok: false;
      /** The first `rowProblemsListed` problems; `rowsTotal` and `rowsMore` (per column) count the rest. */
      rows: RosterProblem[];
      rowsTotal: number;
      rowsMore: Record<string, number>;
    }
  | {
      ok: true;
      report: Omit<RosterImportResult, 'dryRun'>;
      units: Unit[];
      employees: Employee[];
    };

/**
 * An import checked against the agency as it is: the refusal, or what would change (the counts and
 * the units report a dry run shows, and the rows to write). The one place these figures are made.
 */
export function checkRosterImport(agencyId: string, table: RosterTable, now: RosterNow, deactivateMissing: boolean): RosterCheck {
  const known = deactivateMissing ? new Set<string>() : new Set(now.employees.filter((e) => e.active).map((e) => e.nip));
  const result = validateRoster(agencyId, table, known);
  if (!result.ok) {
    const rowsMore: Record<string, number> = {};
    for (const p of result.problems.slice(rowProblemsListed)) rowsMore[p.column ?? ''] = (rowsMore[p.column ?? ''] ?? 0) + 1;
    return { ok: false, rows: result.problems.slice(0, rowProblemsListed), rowsTotal: result.problems.length, rowsMore };
  }
  const incoming = new Set(result.employees.map((e) => e.nip));
  const existingNips = new Set(now.employees.map((e) => e.nip));
  const created = result.employees.filter((e) => !existingNips.has(e.nip)).length;
  const existingUnitIds = new Set(now.units.map((u) => u.id));
  const newUnits = result.units.filter((u) => !existingUnitIds.has(u.id));
  const lookAlikes = unitLookAlikes(newUnits, now.units);
  return {
    ok: true,
    report: {
      rows: result.employees.length,
      units: result.units.length,
      created,
      updated: result.employees.length - created,
      deactivated: deactivateMissing ? now.employees.filter((e) => e.active && !incoming.has(e.nip)).length : 0,
      newUnits: newUnits.slice(0, rosterUnitsListed).map((u) => u.path),
      newUnitsTotal: newUnits.length,
      lookAlikes: lookAlikes.slice(0, rosterUnitsListed),
      lookAlikesTotal: lookAlikes.length,
    },
    units: result.units,
    employees: result.employees,
  };
}
