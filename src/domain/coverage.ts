import { z } from 'zod';
import type { Relationship } from './questionnaire.js';
import { relationshipSchema } from './questionnaire-schema.js';
import type { Unit } from './schema.js';

/**
 * Coverage of a running wave: who has finished (counted from remaining tickets, as the anonymity
 * model says) and how many responses each ratee group has against k. Never any answer.
 */

/** What a store counts for one wave; the maths below turns it into the report. */
export interface CoverageFacts {
  /** One per invitation: tickets issued at launch and still unused. */
  raters: { raterNip: string; unitId: string; issued: number; left: number }[];
  /** One per ratee group issued at launch, with the responses recorded so far. */
  groups: { rateeNip: string; rateeName: string; rateeUnitId: string; relationship: Relationship; issued: number; responses: number }[];
  /** Responses per submission day (Asia/Jakarta). */
  perDay: { day: string; responses: number }[];
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
    raters: raterCountsSchema,
    tickets: z.object({ issued: z.int(), used: z.int() }),
    perDay: z.array(z.object({ day: z.string(), responses: z.int() })),
    units: z.array(unitCoverageSchema),
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

function emptyUnit(unit: Unit): UnitCoverage {
  return {
    id: unit.id,
    name: unit.name,
    parentId: unit.parentId,
    depth: unit.path.length - 1,
    raters: { invited: 0, finished: 0, partly: 0, notStarted: 0 },
    tickets: { issued: 0, used: 0 },
    groups: {},
    ratees: 0,
    rateesAtRisk: 0,
  };
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

export interface CoverageOptions {
  waveId: string;
  k: number;
  units: readonly Unit[];
  /** First and last day of the response-per-day series (launch day, and today or the close day). */
  days: { from: string; to: string };
  /** Only ratees in this unit or below are listed (the unit tree is always whole). */
  unitId?: string | null;
  /** At most this many ratee rows. */
  limit: number;
  generatedAt: string;
}

export function buildCoverage(facts: CoverageFacts, options: CoverageOptions): Coverage {
  const units = new Map(options.units.map((u) => [u.id, emptyUnit(u)]));
  // Every unit a figure counts towards: its own and each ancestor.
  const lineage = new Map<string, UnitCoverage[]>();
  const lineageOf = (unitId: string): UnitCoverage[] => {
    let chain = lineage.get(unitId);
    if (chain) return chain;
    chain = [];
    for (let u = units.get(unitId); u; u = u.parentId === null ? undefined : units.get(u.parentId)) chain.push(u);
    lineage.set(unitId, chain);
    return chain;
  };

  const raters = { invited: 0, finished: 0, partly: 0, notStarted: 0 };
  const tickets = { issued: 0, used: 0 };
  for (const r of facts.raters) {
    const state = r.left === 0 ? 'finished' : r.left >= r.issued ? 'notStarted' : 'partly';
    raters.invited++;
    raters[state]++;
    for (const u of lineageOf(r.unitId)) {
      u.raters.invited++;
      u.raters[state]++;
    }
  }

  const ratees = new Map<string, RateeCoverage>();
  for (const g of facts.groups) {
    if (g.issued === 0 && g.responses === 0) continue;
    let ratee = ratees.get(g.rateeNip);
    if (!ratee) {
      ratee = { nip: g.rateeNip, name: g.rateeName, unitId: g.rateeUnitId, groups: {}, atRisk: false };
      ratees.set(g.rateeNip, ratee);
    }
    const status = g.relationship === 'self' || g.relationship === 'superior' ? (g.responses >= g.issued ? 'reached' : 'open') : groupStatus(g.issued, g.responses, options.k);
    ratee.groups[g.relationship] = { issued: g.issued, responses: g.responses, status };
    tickets.issued += g.issued;
    tickets.used += g.responses;
    for (const u of lineageOf(g.rateeUnitId)) {
      u.tickets.issued += g.issued;
      u.tickets.used += g.responses;
      const sum = (u.groups[g.relationship] ??= { issued: 0, responses: 0 });
      sum.issued += g.issued;
      sum.responses += g.responses;
    }
  }

  for (const ratee of ratees.values()) {
    ratee.atRisk = thresholdGroups.some((rel) => {
      const group = ratee.groups[rel];
      return group !== undefined && group.status !== 'reached';
    });
    for (const u of lineageOf(ratee.unitId)) {
      u.ratees++;
      if (ratee.atRisk) u.rateesAtRisk++;
    }
  }

  let rows = [...ratees.values()];
  if (options.unitId) {
    const inScope = new Set(options.units.filter((u) => lineageOf(u.id).some((a) => a.id === options.unitId)).map((u) => u.id));
    rows = rows.filter((r) => inScope.has(r.unitId));
  }
  const atRiskInScope = rows.reduce((n, r) => n + (r.atRisk ? 1 : 0), 0);
  // At-risk first, fewest responses first among them, then by name.
  const progress = (r: RateeCoverage) => thresholdGroups.reduce((n, rel) => n + Math.min(r.groups[rel]?.responses ?? options.k, options.k), 0);
  rows.sort((a, b) => Number(b.atRisk) - Number(a.atRisk) || progress(a) - progress(b) || a.name.localeCompare(b.name) || a.nip.localeCompare(b.nip));

  const perDay = new Map(facts.perDay.map((d) => [d.day, d.responses]));
  const from = [options.days.from, ...perDay.keys()].sort()[0]!;
  const to = [options.days.to, ...perDay.keys()].sort().at(-1)!;

  return {
    waveId: options.waveId,
    k: options.k,
    generatedAt: options.generatedAt,
    raters,
    tickets,
    perDay: daysBetween(from, to).map((day) => ({ day, responses: perDay.get(day) ?? 0 })),
    units: [...units.values()],
    ratees: { total: rows.length, atRisk: atRiskInScope, rows: rows.slice(0, options.limit) },
  };
}
