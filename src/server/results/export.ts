import type { WaveResults } from '../../domain/scoring.js';
import { coreValues, indexBands } from '../../domain/values.js';
import type { Table } from '../table-file.js';

const band = (id: string | undefined) => {
  const b = indexBands.find((x) => x.id === id);
  return b ? `${b.id} ${b.label.id}` : '';
};

/** The agency first, then every unit (path, so the tree survives a sort): overall and each value with its band. */
export function resultsTable(results: WaveResults): Table {
  const unitPath = new Map<string, string>();
  for (const u of results.units) unitPath.set(u.id, u.parentId ? `${unitPath.get(u.parentId) ?? ''} > ${u.name}` : u.name);
  const row = (name: string, figures: Pick<WaveResults['agency'], 'overall' | 'values' | 'ratees'>) => [
    name,
    figures.ratees.total,
    figures.ratees.scored,
    figures.overall?.score ?? null,
    band(figures.overall?.band),
    ...figures.values.flatMap((v) => [v.score?.score ?? null, band(v.score?.band)]),
  ];
  return {
    header: [
      'Unit kerja (unit)',
      'Pegawai dinilai (ratees)',
      'Dengan indeks (with an index)',
      'Indeks BerAKHLAK (index)',
      'Kategori (band)',
      ...coreValues.flatMap((v) => [`${v.name.id} (${v.name.en})`, `Kategori ${v.name.id} (band)`]),
    ],
    rows: [row('Instansi (agency)', results.agency), ...results.units.map((u) => row(unitPath.get(u.id) ?? u.name, u))],
  };
}
