import { describe, expect, it } from 'vitest';
import { parseUnitPath, unitIdFor, unitsFromPaths } from './units.js';

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
