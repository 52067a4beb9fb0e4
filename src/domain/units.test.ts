import { describe, expect, it } from 'vitest';
import { parseUnitPath, unitAncestry, unitPathText, unitIdFor, unitLookAlikes, unitsFromPaths } from './units.js';
import { unitAndBelow } from './coverage.js';

describe('unit paths', () => {
  it('parses "A > B" paths, tolerating stray spaces', () => {
    expect(parseUnitPath(' Sekretariat Daerah >  Bagian   Umum ')).toEqual(['Sekretariat Daerah', 'Bagian Umum']);
    expect(parseUnitPath(' > ')).toEqual([]);
  });

  it('writes a path as one line that parses back to the same path', () => {
    const path = ['Kementerian Dalam Negeri', 'Direktorat Jenderal Bina Keuangan Daerah', 'Subbagian Umum'];
    expect(unitPathText(path)).toBe('Kementerian Dalam Negeri > Direktorat Jenderal Bina Keuangan Daerah > Subbagian Umum');
    expect(parseUnitPath(unitPathText(path))).toEqual(path);
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

describe('unitLookAlikes', () => {
  const units = (...paths: string[][]) => unitsFromPaths('kab-a', paths);
  const leaf = (path: string[]) => units(path).at(-1)!;
  const reasons = (created: string[][], existing: string[][]) =>
    unitLookAlikes(created.map(leaf), units(...existing)).map((l) => [l.path.at(-1), l.like.at(-1), l.reason]);

  it('names abbreviations, spacing and one mistyped word among siblings', () => {
    expect(reasons([['Disdik', 'Bidang SD']], [['Disdik', 'Bidang Sekolah Dasar']])).toEqual([['Bidang SD', 'Bidang Sekolah Dasar', 'abbreviation']]);
    expect(reasons([['Setda', 'Subbag Umum']], [['Setda', 'Subbagian Umum']])).toEqual([['Subbag Umum', 'Subbagian Umum', 'abbreviation']]);
    expect(reasons([['Setda', 'Sub-Bagian Umum']], [['Setda', 'Subbagian Umum']])).toEqual([['Sub-Bagian Umum', 'Subbagian Umum', 'spacing']]);
    expect(reasons([['Setda', 'Bagian Umun']], [['Setda', 'Bagian Umum']])).toEqual([['Bagian Umun', 'Bagian Umum', 'spelling']]);
    expect(reasons([['Setda', 'Bagian Perencanan']], [['Setda', 'Bagian Perencanaan']])).toEqual([['Bagian Perencanan', 'Bagian Perencanaan', 'spelling']]);
  });

  it('leaves numbered units, real neighbours and other parents alone', () => {
    expect(reasons([['Disdik', 'Bidang 2'], ['Disdik', 'Seksi II']], [['Disdik', 'Bidang 1'], ['Disdik', 'Seksi I']])).toEqual([]);
    expect(reasons([['Setda', 'Bagian Hukum']], [['Setda', 'Bagian Umum']])).toEqual([]);
    expect(reasons([['Dinkes', 'Bidang SD']], [['Disdik', 'Bidang Sekolah Dasar']])).toEqual([]);
    // Two existing look-alikes are not this import's doing.
    expect(unitLookAlikes([], units(['Disdik', 'Bidang SD'], ['Disdik', 'Bidang Sekolah Dasar']))).toEqual([]);
  });

  it('checks new units in the same file against each other, each pair once', () => {
    const created = units(['Disdik', 'Bidang SD'], ['Disdik', 'Bidang Sekolah Dasar']).filter((u) => u.parentId);
    expect(unitLookAlikes(created, [])).toHaveLength(1);
  });

  it('checks a very large sibling group for spacing only', () => {
    const many = Array.from({ length: 1_200 }, (_, i) => ['Kecamatan', `Desa Nomor ${i}`]);
    const found = unitLookAlikes([leaf(['Kecamatan', 'DesaNomor 7']), leaf(['Kecamatan', 'Desa Nomr 8'])], units(...many));
    expect(found.map((l) => [l.path.at(-1), l.like.at(-1), l.reason])).toEqual([['DesaNomor 7', 'Desa Nomor 7', 'spacing']]);
  });
});
