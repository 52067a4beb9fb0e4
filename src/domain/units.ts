import { distance } from 'fastest-levenshtein';
import type { Unit } from './schema.js';

/** Coordinators write unit paths as "Sekretariat Daerah > Bagian Umum". */
export function parseUnitPath(text: string): string[] {
  return text
    .split('>')
    .map((s) => s.trim().replace(/\s+/g, ' '))
    .filter((s) => s.length > 0);
}

/** How a path is written wherever it is one line of text (pages, files): the form parseUnitPath reads. */
export function unitPathText(path: readonly string[]): string {
  return path.join(' > ');
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

/** Why two sibling units look like one unit written two ways. */
export type LookAlikeReason = 'spacing' | 'abbreviation' | 'spelling';
export interface UnitLookAlike {
  /** The unit this import creates. */
  path: string[];
  /** The sibling it looks like, already in the agency or also in the file. */
  like: string[];
  reason: LookAlikeReason;
}

const wordsOf = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
const isNumeral = (w: string) => /^(\d+|[ivxlc]+)$/.test(w);

/** Two sibling names that differ only in how they were typed, or null. */
function lookAlikeReason(a: string[], b: string[]): LookAlikeReason | null {
  if (a.join('') === b.join('')) return 'spacing';
  // What is left after the words both names start and end with.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const restA = a.slice(start, a.length - end);
  const restB = b.slice(start, b.length - end);
  for (const [one, many] of [
    [restA, restB],
    [restB, restA],
  ] as const) {
    // "SD" beside "Sekolah Dasar"; "Subbag" beside "Subbagian".
    if (one.length !== 1 || many.length === 0) continue;
    const word = one[0]!;
    if (many.length >= 2 && word === many.map((w) => w[0]).join('')) return 'abbreviation';
    if (many.length === 1 && word.length >= 3 && many[0]!.startsWith(word) && !isNumeral(many[0]!)) return 'abbreviation';
  }
  // One mistyped word: "Umun" beside "Umum"; never "Seksi I" beside "Seksi II" or "Bidang 1" beside "Bidang 2".
  if (restA.length === 1 && restB.length === 1) {
    const [x, y] = [restA[0]!, restB[0]!];
    if (x.length >= 4 && y.length >= 4 && !isNumeral(x) && !isNumeral(y) && distance(x, y) <= (Math.min(x.length, y.length) >= 8 ? 2 : 1)) return 'spelling';
  }
  return null;
}

/** Sibling groups larger than this are checked for spacing only: pairwise checks would grow with the square. */
const pairwiseSiblingLimit = 1_000;

/**
 * New units that look like a sibling (same parent) written another way, so a coordinator can fix
 * the file before the agency gets "Bidang SD" next to "Bidang Sekolah Dasar". Each pair once.
 */
export function unitLookAlikes(created: readonly Unit[], existing: readonly Unit[]): UnitLookAlike[] {
  const createdIds = new Set(created.map((u) => u.id));
  const siblings = new Map<string, Unit[]>();
  for (const u of [...existing.filter((e) => !createdIds.has(e.id)), ...created]) {
    const key = u.parentId ?? '';
    const list = siblings.get(key);
    if (list) list.push(u);
    else siblings.set(key, [u]);
  }
  const found: UnitLookAlike[] = [];
  for (const group of siblings.values()) {
    if (!group.some((u) => createdIds.has(u.id))) continue;
    const words = group.map((u) => wordsOf(u.name));
    if (group.length > pairwiseSiblingLimit) {
      const firstByCompact = new Map<string, number>();
      group.forEach((u, i) => {
        const compact = words[i]!.join('');
        const seen = firstByCompact.get(compact);
        if (seen === undefined) firstByCompact.set(compact, i);
        else if (createdIds.has(u.id)) found.push({ path: u.path, like: group[seen]!.path, reason: 'spacing' });
      });
      continue;
    }
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const [a, b] = [group[i]!, group[j]!];
        const aNew = createdIds.has(a.id);
        if (!aNew && !createdIds.has(b.id)) continue;
        const reason = lookAlikeReason(words[i]!, words[j]!);
        if (reason) found.push(aNew ? { path: a.path, like: b.path, reason } : { path: b.path, like: a.path, reason });
      }
    }
  }
  return found;
}
