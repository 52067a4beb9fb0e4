import { describe, expect, it } from 'vitest';
import { parseUnitPath, unitAncestry, unitIdFor, unitsFromPaths } from './units.js';
import { unitAndBelow } from './coverage.js';

describe('unit paths', () => {
  it('parses "A > B" paths, tolerating stray spaces', () => {
    expect(parseUnitPath(' Sekretariat Daerah >  Bagian   Umum ')).toEqual(['Sekretariat Daerah', 'Bagian Umum']);
    expect(parseUnitPath(' > ')).toEqual([]);
  });

  it('derives stable ids from paths', () => {
    expect(unitIdFor(['Sekretariat Daerah', 'Bagian Umum'])).toBe('sekretariat-daerah.bagian-umum');
    expect(unitIdFor(['Dinas Pekerjaan Umum & Penataan Ruang'])).toBe('dinas-pekerjaan-umum-penataan-ruang');
  });

  it('builds a tree with every ancestor, parents first', () => {
    const units = unitsFromPaths('kab-a', [['Setda', 'Bagian Umum', 'Subbag TU'], ['Setda', 'Bagian Keuangan'], ['Dinkes']]);
    expect(units.map((u) => [u.id, u.parentId])).toEqual([
      ['dinkes', null],
      ['setda', null],
      ['setda.bagian-keuangan', 'setda'],
      ['setda.bagian-umum', 'setda'],
      ['setda.bagian-umum.subbag-tu', 'setda.bagian-umum'],
    ]);
  });
});

describe('unitAncestry', () => {
  it('lists the unit and every unit above it, top first, matching unitsFromPaths and unitAndBelow', () => {
    const units = unitsFromPaths('kab-a', [['Sekretariat Daerah', 'Bagian Umum', 'Sub Bagian TU'], ['Dinas Kesehatan']]);
    const leaf = units.find((u) => u.path.length === 3)!;
    const ancestry = unitAncestry(leaf.id);
    expect(ancestry).toEqual(leaf.path.map((_, i) => unitIdFor(leaf.path.slice(0, i + 1))));
    // Whoever is in unit X's subtree has X in their ancestry, and no one else does.
    for (const u of units) {
      const below = unitAndBelow(units, u.id);
      expect(units.filter((v) => unitAncestry(v.id).includes(u.id)).map((v) => v.id).sort()).toEqual([...below].sort());
    }
    expect(unitAncestry('')).toEqual([]);
  });
});
