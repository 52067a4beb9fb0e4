import { z } from 'zod';
import type { Relationship } from './questionnaire.js';
import { relationshipSchema } from './questionnaire-schema.js';
import type { Unit } from './schema.js';

/**
 * Coverage of a running wave: who has finished (counted from remaining tickets, as the anonymity
 * model says) and how many responses each ratee group has against k. Never any answer.
 */

type Counts = { issued: number; responses: number };
type RaterCounts = { invited: number; finished: number; partly: number; notStarted: number };

/**
 * What a store counts for one wave, already grouped: a national wave has 100,000 raters and
 * 600,000 tickets, so the store aggregates and the maths below only rolls units up.
 */
export interface CoverageFacts {
  /** Each unit's own figures (not its descendants'): raters by the rater's unit, ratee groups by the ratee's. */
  units: { unitId: string; raters: RaterCounts; groups: Partial<Record<Relationship, Counts>>; ratees: number; rateesAtRisk: number }[];
  /** Ratees in the query's units, in `rateeOrder`, at most `limit` rows; totals over all of them. */
  ratees: { total: number; atRisk: number; rows: { nip: string; name: string; unitId: string; groups: Partial<Record<Relationship, Counts>> }[] };
  /** Responses per submission day (Asia/Jakarta). */
  perDay: { day: string; responses: number }[];
  /**
   * When a store serves counts from a snapshot (Firestore) rather than live: when the counts were
   * taken, and when raters' progress was (it is counted per invitation, so less often, by a job).
   * `recountClaimed`: this call found the progress due and claimed its recount; the caller starts
   * the `coverage.recount` job (nobody else will until the claim runs out).
   */
  asOf?: { counts: string; raters: string; recountClaimed?: boolean };
}

export interface CoverageQuery {
  k: number;
  /** Ratee rows only for these units (null: all): the focus unit and every unit below it. */
  unitIds: readonly string[] | null;
  /** The focus unit itself, for stores that filter on a unit's ancestry. */
  focus: string | null;
  limit: number;
}

const countsSchema = z.object({ issued: z.int(), responses: z.int() });
const raterCountsSchema = z.object({ invited: z.int(), finished: z.int(), partly: z.int(), notStarted: z.int() });

/**
 * reached: at least k responses. open: below k, but enough tickets remain to reach it.
 * short: can no longer reach k even if every remaining rater answers.
 */
export const groupStatusSchema = z.enum(['reached', 'open', 'short']).meta({ id: 'GroupStatus' });
export type GroupStatus = z.infer<typeof groupStatusSchema>;

/** Groups held to k: self is the ratee's own view, and a superior is one known person. */
export const thresholdGroups = ['peer', 'subordinate'] as const satisfies readonly Relationship[];

const groupsSchema = z.partialRecord(relationshipSchema, countsSchema.extend({ status: groupStatusSchema }));

export const unitCoverageSchema = z.object({
  id: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  depth: z.int(),
  /** Raters who belong to this unit or any unit below it. */
  raters: raterCountsSchema,
  /** Tickets about ratees in this unit or below. */
  tickets: z.object({ issued: z.int(), used: z.int() }),
  groups: z.partialRecord(relationshipSchema, countsSchema),
  ratees: z.int(),
  rateesAtRisk: z.int(),
});

export const rateeCoverageSchema = z.object({
  nip: z.string(),
  name: z.string(),
  unitId: z.string(),
  groups: groupsSchema,
  atRisk: z.boolean(),
});
export type RateeCoverage = z.infer<typeof rateeCoverageSchema>;

export const coverageSchema = z
  .object({
    waveId: z.string(),
    k: z.int(),
    generatedAt: z.string(),
    /** When the counts were taken: `generatedAt` for a live store, the snapshot's time on Firestore. */
    countedAt: z.string(),
    /** When raters' progress was counted; it may trail `countedAt` (Firestore recounts it every 15 minutes). */
    ratersCountedAt: z.string(),
    raters: raterCountsSchema,
    tickets: z.object({ issued: z.int(), used: z.int() }),
    perDay: z.array(z.object({ day: z.string(), responses: z.int() })),
    /** The focus unit and its children, or the top-level units without a focus (every unit for exports). */
    units: z.array(unitCoverageSchema),
    /** From the top level down to the focus unit; empty without a focus. */
    focusPath: z.array(z.object({ id: z.string(), name: z.string() })),
    ratees: z.object({
      /** Ratees matching the unit filter; `rows` holds at most `limit` of them, at-risk first. */
      total: z.int(),
      atRisk: z.int(),
      rows: z.array(rateeCoverageSchema),
    }),
  })
  .meta({ id: 'Coverage' });
export type Coverage = z.infer<typeof coverageSchema>;
export type UnitCoverage = z.infer<typeof unitCoverageSchema>;

export function groupStatus(issued: number, responses: number, k: number): GroupStatus {
  if (responses >= k) return 'reached';
  return issued >= k ? 'open' : 'short';
}

/** A ratee is at risk while a peer or subordinate group that was issued has fewer than k responses. */
export function isAtRisk(groups: Partial<Record<Relationship, Counts>>, k: number): boolean {
  return thresholdGroups.some((rel) => {
    const g = groups[rel];
    return g !== undefined && g.issued > 0 && g.responses < k;
  });
}

/** Responses towards k in the groups held to it; a group not issued counts as complete. */
export function rateeProgress(groups: Partial<Record<Relationship, Counts>>, k: number): number {
  return thresholdGroups.reduce((n, rel) => n + Math.min(groups[rel] && groups[rel].issued > 0 ? groups[rel].responses : k, k), 0);
}

/**
 * The order of ratee rows: at-risk first, then the least progress towards k (a group not issued
 * counts as complete), then NIP. Stores sort the same way before the limit.
 */
export function rateeOrder(k: number) {
  const progress = (groups: Partial<Record<Relationship, Counts>>) => rateeProgress(groups, k);
  return (a: { nip: string; groups: Partial<Record<Relationship, Counts>> }, b: { nip: string; groups: Partial<Record<Relationship, Counts>> }) =>
    Number(isAtRisk(b.groups, k)) - Number(isAtRisk(a.groups, k)) || progress(a.groups) - progress(b.groups) || (a.nip < b.nip ? -1 : a.nip > b.nip ? 1 : 0);
}

/** Days from `from` to `to` inclusive (YYYY-MM-DD), so quiet days show as zero. */
function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end && days.length < 366; t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/** The unit and every unit below it, for a ratee filter. */
export function unitAndBelow(units: readonly Unit[], unitId: string): string[] {
  return units.filter((u) => u.id === unitId || u.id.startsWith(`${unitId}.`)).map((u) => u.id);
}

function focusPath(parentOf: Map<string, string | null>, names: Map<string, string>, focus: string | null): { id: string; name: string }[] {
  const path: { id: string; name: string }[] = [];
  for (let id: string | null | undefined = focus; id && names.has(id); id = parentOf.get(id)) path.unshift({ id, name: names.get(id)! });
  return path;
}

export interface CoverageOptions {
  waveId: string;
  k: number;
  units: readonly Unit[];
  /** First and last day of the response-per-day series (launch day, and today or the close day). */
  days: { from: string; to: string };
  generatedAt: string;
  /** The unit looked at: it and its children are returned. */
  focus?: string | null;
  /** Every unit instead (exports). */
  allUnits?: boolean;
}

export function buildCoverage(facts: CoverageFacts, options: CoverageOptions): Coverage {
  const shown = (u: Unit) =>
    options.allUnits ? true : options.focus ? u.id === options.focus || u.parentId === options.focus : u.parentId === null;
  const parentOf = new Map<string, string | null>();
  const names = new Map<string, string>();
  // Only the units returned get figures; the others are walked through for roll-ups.
  const units = new Map<string, UnitCoverage>();
  for (const u of options.units) {
    parentOf.set(u.id, u.parentId);
    names.set(u.id, u.name);
    if (!shown(u)) continue;
    units.set(u.id, {
      id: u.id,
      name: u.name,
      parentId: u.parentId,
      depth: u.path.length - 1,
      raters: { invited: 0, finished: 0, partly: 0, notStarted: 0 },
      tickets: { issued: 0, used: 0 },
      groups: {},
      ratees: 0,
      rateesAtRisk: 0,
    });
  }
  const raters = { invited: 0, finished: 0, partly: 0, notStarted: 0 };
  const tickets = { issued: 0, used: 0 };
  const raterKeys = ['invited', 'finished', 'partly', 'notStarted'] as const;
  const relationshipKeys = ['self', 'superior', 'peer', 'subordinate'] as const;
  for (const own of facts.units) {
    for (const key of raterKeys) raters[key] += own.raters[key];
    // Each unit's own figures count towards it and every unit above it.
    for (let id: string | null | undefined = own.unitId; id; id = parentOf.get(id)) {
      const u = units.get(id);
      if (!u) continue;
      for (const key of raterKeys) u.raters[key] += own.raters[key];
      for (const rel of relationshipKeys) {
        const g = own.groups[rel];
        if (!g) continue;
        const sum = (u.groups[rel] ??= { issued: 0, responses: 0 });
        sum.issued += g.issued;
        sum.responses += g.responses;
        u.tickets.issued += g.issued;
        u.tickets.used += g.responses;
      }
      u.ratees += own.ratees;
      u.rateesAtRisk += own.rateesAtRisk;
    }
    for (const rel of relationshipKeys) {
      const g = own.groups[rel];
      if (!g) continue;
      tickets.issued += g.issued;
      tickets.used += g.responses;
    }
  }

  const rows: RateeCoverage[] = facts.ratees.rows.map((r) => {
    const groups: RateeCoverage['groups'] = {};
    for (const [rel, g] of Object.entries(r.groups) as [Relationship, Counts][]) {
      const status: GroupStatus =
        rel === 'self' || rel === 'superior' ? (g.responses >= g.issued ? 'reached' : 'open') : groupStatus(g.issued, g.responses, options.k);
      groups[rel] = { ...g, status };
    }
    return { nip: r.nip, name: r.name, unitId: r.unitId, groups, atRisk: isAtRisk(r.groups, options.k) };
  });

  const perDay = new Map(facts.perDay.map((d) => [d.day, d.responses]));
  const from = [options.days.from, ...perDay.keys()].sort()[0]!;
  const to = [options.days.to, ...perDay.keys()].sort().at(-1)!;

  return {
    waveId: options.waveId,
    k: options.k,
    generatedAt: options.generatedAt,
    countedAt: facts.asOf?.counts ?? options.generatedAt,
    ratersCountedAt: facts.asOf?.raters ?? options.generatedAt,
    raters,
    tickets,
    perDay: daysBetween(from, to).map((day) => ({ day, responses: perDay.get(day) ?? 0 })),
    units: [...units.values()],
    focusPath: focusPath(parentOf, names, options.focus ?? null),
    ratees: { total: facts.ratees.total, atRisk: facts.ratees.atRisk, rows },
  };
}
