import type { CoverageFacts } from '../../domain/coverage.js';
import { relationships } from '../../domain/questionnaire.js';

type Groups = CoverageFacts['units'][number]['groups'];

/** Per relationship (in `relationships` order): issued at launch and answered so far; only the groups that exist. */
export function countsToGroups(issued: readonly number[], done: readonly number[]): Groups {
  const groups: Groups = {};
  relationships.forEach((rel, i) => {
    if (issued[i]! > 0 || done[i]! > 0) groups[rel] = { issued: issued[i]!, responses: done[i]! };
  });
  return groups;
}

/**
 * Both stores keep a ratee group's counts under the same names: `{relationship}` issued at launch
 * and `{relationship}_done` answered. Only the groups that exist are returned.
 */
export function groupCounts(row: Record<string, unknown>): Groups {
  return countsToGroups(
    relationships.map((rel) => Number(row[rel] ?? 0)),
    relationships.map((rel) => Number(row[`${rel}_done`] ?? 0)),
  );
}
