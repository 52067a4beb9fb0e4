import { z } from 'zod';
import { thresholdGroups } from './coverage.js';
import type { Questionnaire, Relationship } from './questionnaire.js';
import { relationships } from './questionnaire.js';
import { relationshipSchema } from './questionnaire-schema.js';
import type { Unit, WaveSettings } from './schema.js';
import { tallyResponses, tallyShape, valueOpens, type GroupTally, type PlainResponse } from './tally.js';
import { bandFor, coreValues, indexBands } from './values.js';

/*
 * The Indeks BerAKHLAK of a closed wave. Pure: the server feeds it responses, the SPA shows its output.
 *
 * 1. A response scores a value as the mean of that value's behaviours it answered ("na" ignored),
 *    mapped from the 1–5 scale to 0–100: (mean − 1) / 4 × 100.
 * 2. A ratee's group (superior, peers, subordinates, self) scores a value as the mean over its
 *    responses that scored it. Peers and subordinates count only when at least k responses scored
 *    that value; below k the group is left out of every figure. The superior is one known person and
 *    self is the ratee, so they need one response.
 * 3. A ratee's value is the weighted mean of the superior, peer and subordinate groups that count
 *    (weights from the wave, renormalised over the groups present), and only when a peer or
 *    subordinate group counts: an index always rests on at least k anonymous raters. Self is shown
 *    beside, never in the index. The ratee's overall index is the mean of their scored values.
 * 4. A unit (with every unit below it) and the agency score a value as the mean over their ratees
 *    who have it, and overall as the mean of their value scores. Each figure gets its band.
 *
 * Steps 1–2 run on group tallies (tally.ts): the sum of the responses' scaled value means and how
 * many responses scored each value, which is all that sealed answers ever reveal.
 */

export const bandIdSchema = z.enum(indexBands.map((b) => b.id) as [string, ...string[]]).meta({ id: 'IndexBandId' });

export const scoreSchema = z
  .object({ score: z.number().min(0).max(100), band: bandIdSchema })
  .nullable()
  .meta({ id: 'Score', description: 'Index 0–100 (one decimal) and its band; null when too few responses allow it.' });
export type Score = z.infer<typeof scoreSchema>;

const valueScoresSchema = z.array(z.object({ valueId: z.string(), score: scoreSchema }));
const bandCountsSchema = z.record(z.string(), z.int());

export const unitResultSchema = z.object({
  id: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  depth: z.int(),
  overall: scoreSchema,
  values: valueScoresSchema,
  /** Ratees in this unit or below: all, and those with an index. */
  ratees: z.object({ total: z.int(), scored: z.int() }),
});
export type UnitResult = z.infer<typeof unitResultSchema>;

export const waveResultsSchema = z
  .object({
    waveId: z.string(),
    waveName: z.string(),
    k: z.int(),
    closedAt: z.string().nullable(),
    weights: z.object({ superior: z.number(), peer: z.number(), subordinate: z.number() }),
    agency: z.object({
      overall: scoreSchema,
      values: valueScoresSchema,
      ratees: z.object({ total: z.int(), scored: z.int() }),
      /** Ratees per band, overall and per value. */
      distribution: z.object({ overall: bandCountsSchema, values: z.record(z.string(), bandCountsSchema) }),
    }),
    units: z.array(unitResultSchema),
    ratees: z.array(z.object({ nip: z.string(), name: z.string(), unitId: z.string(), overall: scoreSchema })),
  })
  .meta({ id: 'WaveResults' });
export type WaveResults = z.infer<typeof waveResultsSchema>;

export const rateeReportSchema = z
  .object({
    waveId: z.string(),
    waveName: z.string(),
    k: z.int(),
    ratee: z.object({ nip: z.string(), name: z.string(), unitPath: z.array(z.string()), position: z.string() }),
    overall: scoreSchema,
    /** Per relationship: responses received and whether the group is shown. */
    groups: z.partialRecord(relationshipSchema, z.object({ responses: z.int(), shown: z.boolean() })),
    values: z.array(
      z.object({
        valueId: z.string(),
        /** The index value: superior, peers and subordinates, weighted. */
        others: scoreSchema,
        /** Each group's own figure, null where k does not allow it. */
        groups: z.partialRecord(relationshipSchema, z.number().nullable()),
      }),
    ),
  })
  .meta({ id: 'RateeReport' });
export type RateeReport = z.infer<typeof rateeReportSchema>;

export type { GroupTally } from './tally.js';

export interface ScoringRules {
  k: number;
  weights: WaveSettings['groupWeights'];
  questionnaire: Questionnaire;
}

export interface GroupScores {
  responses: number;
  /** Whether the group counts: k responses for peers and subordinates, one for superior and self. */
  shown: boolean;
  /** Per value, in the order of `coreValues`; null where the group cannot show it. */
  values: (number | null)[];
}

export interface RateeScores {
  nip: string;
  unitId: string;
  groups: Partial<Record<Relationship, GroupScores>>;
  /** The index per value (weighted groups, self excluded), in the order of `coreValues`. */
  values: (number | null)[];
  overall: number | null;
}

const V = coreValues.length;
const isThreshold = relationships.map((r) => (thresholdGroups as readonly string[]).includes(r));

/** Responses a group needs before it, or one of its values, counts: k for peers and subordinates, 1 for superior and self. */
export function responsesNeeded(relationship: Relationship, k: number): number {
  return (thresholdGroups as readonly string[]).includes(relationship) ? k : 1;
}

/** Step 1–3 of the method for every ratee with at least one response, from the groups' tallies. */
export function scoreGroups(groups: Iterable<GroupTally>, rules: ScoringRules): Map<string, RateeScores> {
  const { scale } = tallyShape(rules.questionnaire);
  const weights = relationships.map((r) => (r === 'self' ? 0 : rules.weights[r]));
  const byRatee = new Map<string, { unitId: string; groups: Partial<Record<Relationship, GroupScores>> }>();
  for (const g of groups) {
    let ratee = byRatee.get(g.rateeNip);
    if (!ratee) byRatee.set(g.rateeNip, (ratee = { unitId: g.rateeUnitId, groups: {} }));
    const needed = responsesNeeded(g.relationship, rules.k);
    if (g.values.length !== V) throw new RangeError(`tally of ${g.values.length} values, expected ${V}`);
    // Group mean of the responses' value scores: mean of ((m / scale) − 1) / 4 × 100 = (Σm / (scale · n) − 1) × 25.
    const values = g.values.map((t, v) => (valueOpens(g.values, v, needed) && t.sum !== null ? (t.sum / (scale * t.count) - 1) * 25 : null));
    ratee.groups[g.relationship] = { responses: g.responses, shown: g.responses >= needed, values };
  }
  const scores = new Map<string, RateeScores>();
  for (const [nip, ratee] of byRatee) {
    const values: (number | null)[] = new Array<number | null>(V);
    for (let v = 0; v < V; v++) {
      let sum = 0;
      let weight = 0;
      let anonymous = false;
      for (let r = 0; r < relationships.length; r++) {
        const score = ratee.groups[relationships[r]!]?.values[v];
        if (score === null || score === undefined || weights[r] === 0) continue;
        sum += score * weights[r]!;
        weight += weights[r]!;
        anonymous ||= isThreshold[r]!;
      }
      values[v] = anonymous ? sum / weight : null;
    }
    scores.set(nip, { nip, unitId: ratee.unitId, groups: ratee.groups, values, overall: mean(values) });
  }
  return scores;
}

/** The same method on known plaintext answers: the reference opened tallies are checked against. */
export function scoreRatees(responses: Iterable<PlainResponse>, rules: ScoringRules): Map<string, RateeScores> {
  return scoreGroups(tallyResponses(rules.questionnaire, responses), rules);
}

function mean(xs: readonly (number | null)[]): number | null {
  let sum = 0;
  let n = 0;
  for (const x of xs) {
    if (x === null) continue;
    sum += x;
    n++;
  }
  return n === 0 ? null : sum / n;
}

/** A figure as shown: one decimal and its band. */
export function toScore(value: number | null): Score {
  if (value === null) return null;
  const score = Math.round(value * 10) / 10;
  return { score, band: bandFor(score).id };
}

interface Aggregate {
  total: number;
  scored: number;
  sums: Float64Array;
  counts: Uint32Array;
}

function emptyAggregate(): Aggregate {
  return { total: 0, scored: 0, sums: new Float64Array(V), counts: new Uint32Array(V) };
}

function addRatee(agg: Aggregate, ratee: RateeScores | undefined) {
  agg.total++;
  if (!ratee) return;
  if (ratee.overall !== null) agg.scored++;
  for (let i = 0; i < V; i++) {
    const v = ratee.values[i]!;
    if (v === null) continue;
    agg.sums[i]! += v;
    agg.counts[i]!++;
  }
}

function aggregateValues(agg: Aggregate): (number | null)[] {
  return coreValues.map((_, i) => (agg.counts[i] === 0 ? null : agg.sums[i]! / agg.counts[i]!));
}

const valueScores = (values: readonly (number | null)[]) => coreValues.map((v, i) => ({ valueId: v.id, score: toScore(values[i]!) }));

/** Ratees per band of one figure (overall, or value `i`), banded as shown: one decimal. */
function bandCounts(ratees: readonly RateeScores[], figure: (r: RateeScores) => number | null): Record<string, number> {
  const counts = new Uint32Array(indexBands.length);
  for (const r of ratees) {
    const s = figure(r);
    if (s === null) continue;
    const shown = Math.round(s * 10) / 10;
    counts[indexBands.findIndex((b) => shown >= b.min)]!++;
  }
  return Object.fromEntries(indexBands.map((b, i) => [b.id, counts[i]!]));
}

export interface ResultsInput {
  wave: { id: string; name: string; closedAt: string | null; settings: WaveSettings };
  units: readonly Unit[];
  /** Everyone planned as a ratee in the wave (those without responses count as not scored). */
  ratees: readonly { nip: string; name: string; unitId: string }[];
  scores: ReadonlyMap<string, RateeScores>;
}

/** Step 4: the agency, every unit with the units below it, and the ratees' overall figures. */
export function buildResults(input: ResultsInput): WaveResults {
  const agency = emptyAggregate();
  const perUnit = new Map(input.units.map((u) => [u.id, emptyAggregate()]));
  const parentOf = new Map(input.units.map((u) => [u.id, u.parentId]));
  for (const ratee of input.ratees) {
    const scores = input.scores.get(ratee.nip);
    addRatee(agency, scores);
    for (let id: string | null | undefined = ratee.unitId; id; id = parentOf.get(id)) {
      const agg = perUnit.get(id);
      if (agg) addRatee(agg, scores);
    }
  }
  const agencyValues = aggregateValues(agency);
  const scored = input.ratees.map((r) => input.scores.get(r.nip)).filter((s): s is RateeScores => s !== undefined);
  return {
    waveId: input.wave.id,
    waveName: input.wave.name,
    k: input.wave.settings.anonymityThreshold,
    closedAt: input.wave.closedAt,
    weights: input.wave.settings.groupWeights,
    agency: {
      overall: toScore(mean(agencyValues)),
      values: valueScores(agencyValues),
      ratees: { total: agency.total, scored: agency.scored },
      distribution: {
        overall: bandCounts(scored, (s) => s.overall),
        values: Object.fromEntries(coreValues.map((v, i) => [v.id, bandCounts(scored, (s) => s.values[i]!)])),
      },
    },
    units: input.units.map((u) => {
      const agg = perUnit.get(u.id)!;
      const values = aggregateValues(agg);
      return {
        id: u.id,
        name: u.name,
        parentId: u.parentId,
        depth: u.path.length - 1,
        overall: toScore(mean(values)),
        values: valueScores(values),
        ratees: { total: agg.total, scored: agg.scored },
      };
    }),
    ratees: input.ratees.map((r) => ({ nip: r.nip, name: r.name, unitId: r.unitId, overall: toScore(input.scores.get(r.nip)?.overall ?? null) })),
  };
}

/** One ratee's development report: each value by group where k allows, self beside the others. */
export function buildRateeReport(
  wave: { id: string; name: string; settings: WaveSettings },
  ratee: RateeReport['ratee'],
  scores: RateeScores | undefined,
): RateeReport {
  const groups: RateeReport['groups'] = {};
  for (const rel of relationships) {
    const g = scores?.groups[rel];
    if (g) groups[rel] = { responses: g.responses, shown: g.shown };
  }
  return {
    waveId: wave.id,
    waveName: wave.name,
    k: wave.settings.anonymityThreshold,
    ratee,
    overall: toScore(scores?.overall ?? null),
    groups,
    values: coreValues.map((v, i) => ({
      valueId: v.id,
      others: toScore(scores?.values[i] ?? null),
      groups: Object.fromEntries(
        relationships.filter((rel) => scores?.groups[rel]).map((rel) => {
          const s = scores!.groups[rel]!.values[i]!;
          return [rel, s === null ? null : Math.round(s * 10) / 10];
        }),
      ),
    })),
  };
}

export const rankingsSchema = z
  .object({
    rounds: z.array(
      z.object({
        round: z.string(),
        agencies: z.array(
          z.object({
            agencyId: z.string(),
            agencyName: z.string(),
            waveId: z.string(),
            waveName: z.string(),
            overall: scoreSchema,
            /** 1 is best; agencies with the same shown figure share a rank; null without an index. */
            rank: z.int().nullable(),
            values: z.array(z.object({ valueId: z.string(), score: scoreSchema, rank: z.int().nullable() })),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'Rankings' });
export type Rankings = z.infer<typeof rankingsSchema>;

/** Competition ranks (1, 2, 2, 4) by the figure as shown, so equal-looking figures rank equal. */
export function competitionRanks(scores: readonly Score[]): (number | null)[] {
  const shown = scores.map((s) => s?.score ?? null);
  return shown.map((s) => (s === null ? null : 1 + shown.filter((o) => o !== null && o > s).length));
}

export interface RankedWave {
  agencyId: string;
  agencyName: string;
  waveId: string;
  waveName: string;
  round: string;
  results: Pick<WaveResults, 'agency'>;
}

/** Agencies of each national round, best first, ranked overall and per value. */
export function rankRounds(waves: readonly RankedWave[]): Rankings {
  const byRound = new Map<string, RankedWave[]>();
  for (const w of waves) byRound.set(w.round, [...(byRound.get(w.round) ?? []), w]);
  return {
    rounds: [...byRound.entries()]
      .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
      .map(([round, members]) => {
        const overallRanks = competitionRanks(members.map((m) => m.results.agency.overall));
        const valueRanks = coreValues.map((_, i) => competitionRanks(members.map((m) => m.results.agency.values[i]!.score)));
        const agencies = members.map((m, j) => ({
          agencyId: m.agencyId,
          agencyName: m.agencyName,
          waveId: m.waveId,
          waveName: m.waveName,
          overall: m.results.agency.overall,
          rank: overallRanks[j]!,
          values: m.results.agency.values.map((v, i) => ({ valueId: v.valueId, score: v.score, rank: valueRanks[i]![j]! })),
        }));
        agencies.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.agencyName.localeCompare(b.agencyName));
        return { round, agencies };
      }),
  };
}
