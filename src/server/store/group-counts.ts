import type { CoverageFacts } from '../../domain/coverage.js';
import { relationships } from '../../domain/questionnaire.js';

/**
 * Both stores keep a ratee group's counts under the same names: `{relationship}` issued at launch
 * and `{relationship}_done` answered. Only the groups that exist are returned.
 */
export function groupCounts(row: Record<string, unknown>): CoverageFacts['units'][number]['groups'] {
  const groups: CoverageFacts['units'][number]['groups'] = {};
  for (const rel of relationships) {
    const issued = Number(row[rel] ?? 0);
    const responses = Number(row[`${rel}_done`] ?? 0);
    if (issued > 0 || responses > 0) groups[rel] = { issued, responses };
  }
  return groups;
}
