import type { Employee } from '../src/domain/schema.js';
import { seededRandom } from '../src/domain/seeded-random.js';
import { unitIdFor, unitsFromPaths } from '../src/domain/units.js';

/** The `i`-th of a run of distinct, plausible NIPs (birth date, appointment, gender, sequence). */
export function benchNip(i: number): string {
  const year = 1965 + (i % 35);
  const month = 1 + (Math.floor(i / 35) % 12);
  const day = 1 + (Math.floor(i / 420) % 28);
  const seq = 1 + (Math.floor(i / 11760) % 999);
  return `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${year + 23}0${1 + (i % 9)}${1 + (i % 2)}${String(seq).padStart(3, '0')}`;
}

/**
 * A deterministic agency of `size` people: a head, then teams of about 8 under each supervisor,
 * four to five levels deep, each team its own unit under its supervisor's unit.
 */
export function syntheticOrg(size: number, agencyId = 'bench') {
  const random = seededRandom(size);
  const employees: Employee[] = [];
  const paths: string[][] = [];
  const queue: { index: number; path: string[] }[] = [];
  const add = (path: string[], supervisor: number | null) => {
    const index = employees.length;
    const nip = benchNip(index);
    employees.push({
      nip,
      agencyId,
      name: `Pegawai ${index + 1}`,
      unitId: unitIdFor(path),
      position: supervisor === null ? 'Kepala' : 'Staf',
      supervisorNip: supervisor === null ? null : employees[supervisor]!.nip,
      email: `p${index + 1}@bench.test`,
      phone: null,
      active: true,
    });
    paths.push(path);
    queue.push({ index, path });
  };
  add(['Instansi'], null);
  for (let q = 0; employees.length < size; q++) {
    const boss = queue[q]!;
    const team = 6 + Math.floor(random() * 5);
    const unitPath = [...boss.path, `Tim ${boss.index + 1}`];
    for (let i = 0; i < team && employees.length < size; i++) add(unitPath, boss.index);
  }
  return { employees, units: unitsFromPaths(agencyId, paths) };
}
