import type { Coverage } from '../../domain/coverage.js';
import { relationships } from '../../domain/questionnaire.js';
import type { Table } from '../table-file.js';


const groupLabel = { self: 'Diri sendiri (self)', superior: 'Atasan (superior)', peer: 'Rekan kerja (peer)', subordinate: 'Bawahan (subordinate)' };

/** Coverage flattened into one sheet: one row per unit, or one row per ratee group. */
export function coverageTable(coverage: Coverage, view: 'units' | 'ratees'): Table {
  const unitPath = new Map<string, string>();
  for (const u of coverage.units) unitPath.set(u.id, u.parentId ? `${unitPath.get(u.parentId) ?? ''} > ${u.name}` : u.name);
  if (view === 'units') {
    return {
      header: [
        'Unit kerja (unit)',
        'Penilai diundang (raters invited)',
        'Selesai (finished)',
        'Sebagian (partly done)',
        'Belum mulai (not started)',
        'Tiket diterbitkan (tickets issued)',
        'Tiket terpakai (tickets used)',
        ...relationships.map((r) => `Respons ${groupLabel[r]}`),
        'Dinilai (ratees)',
        `Di bawah k=${coverage.k} (below k)`,
      ],
      rows: coverage.units.map((u) => [
        unitPath.get(u.id) ?? u.name,
        u.raters.invited,
        u.raters.finished,
        u.raters.partly,
        u.raters.notStarted,
        u.tickets.issued,
        u.tickets.used,
        ...relationships.map((r) => u.groups[r]?.responses ?? 0),
        u.ratees,
        u.rateesAtRisk,
      ]),
    };
  }
  const rows: Table['rows'] = [];
  for (const ratee of coverage.ratees.rows) {
    for (const r of relationships) {
      const g = ratee.groups[r];
      if (g) rows.push([ratee.nip, ratee.name, unitPath.get(ratee.unitId) ?? '', groupLabel[r], g.issued, g.responses, g.status]);
    }
  }
  return {
    header: [
      'NIP',
      'Nama (name)',
      'Unit kerja (unit)',
      'Kelompok (group)',
      'Tiket diterbitkan (tickets issued)',
      'Respons (responses)',
      `Status terhadap k=${coverage.k} (reached / open / short)`,
    ],
    rows,
  };
}
