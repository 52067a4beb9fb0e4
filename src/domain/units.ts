import type { Unit } from './schema.js';

/** Coordinators write unit paths as "Sekretariat Daerah > Bagian Umum". */
export function parseUnitPath(text: string): string[] {
  return text
    .split('>')
    .map((s) => s.trim().replace(/\s+/g, ' '))
    .filter((s) => s.length > 0);
}

function slug(segment: string): string {
  const s = segment
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return s || 'unit';
}

/** A unit's id is derived from its path, so re-importing the same roster finds the same units. */
export function unitIdFor(path: readonly string[]): string {
  return path.map(slug).join('.');
}

/** The unit and every unit above it, top first: a unit's id holds its ancestors' ids as prefixes. */
export function unitAncestry(unitId: string): string[] {
  if (unitId === '') return [];
  const parts = unitId.split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
}

/** Every unit named by `paths`, with all of their ancestors, parents before children. */
export function unitsFromPaths(agencyId: string, paths: readonly (readonly string[])[]): Unit[] {
  const byId = new Map<string, Unit>();
  for (const path of paths) {
    for (let depth = 1; depth <= path.length; depth++) {
      const prefix = path.slice(0, depth);
      const id = unitIdFor(prefix);
      if (byId.has(id)) continue;
      byId.set(id, {
        id,
        agencyId,
        name: prefix[depth - 1]!,
        parentId: depth > 1 ? unitIdFor(prefix.slice(0, -1)) : null,
        path: [...prefix],
      });
    }
  }
  return [...byId.values()].sort((a, b) => a.path.length - b.path.length || a.id.localeCompare(b.id));
}

/** The chosen units and every unit below them. */
export function unitSubtrees(units: readonly Unit[], rootIds: readonly string[]): Set<string> {
  const children = new Map<string, string[]>();
  for (const u of units) {
    if (u.parentId === null) continue;
    const list = children.get(u.parentId);
    if (list) list.push(u.id);
    else children.set(u.parentId, [u.id]);
  }
  const found = new Set<string>();
  const stack = [...rootIds];
  while (stack.length) {
    const id = stack.pop()!;
    if (found.has(id)) continue;
    found.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return found;
}
