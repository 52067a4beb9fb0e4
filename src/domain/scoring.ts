import { z } from 'zod';
import { thresholdGroups } from './coverage.js';
import type { Answer, Questionnaire, Relationship } from './questionnaire.js';
import { relationships } from './questionnaire.js';
import { relationshipSchema } from './questionnaire-schema.js';
import type { Unit, WaveSettings } from './schema.js';
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
    ratee: z.object({ nip: z.string(), name: z.string(), unitName: z.string(), position: z.string() }),
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

/** What scoring reads of a response: never more than the anonymity model lets it hold. */
export interface ScoredResponse {
  rateeNip: string;
  rateeUnitId: string;
  relationship: Relationship;
  answers: Readonly<Record<string, Answer>>;
}

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
const R = relationships.length;
const isThreshold = relationships.map((r) => (thresholdGroups as readonly string[]).includes(r));

/** Step 1–3 of the method for every ratee with at least one response. */
export function scoreRatees(responses: Iterable<ScoredResponse>, rules: ScoringRules): Map<string, RateeScores> {
  const valueIndex = new Map(coreValues.map((v, i) => [v.id, i]));
  const items = rules.questionnaire.items.map((item) => ({ id: item.behaviourId, value: valueIndex.get(item.valueId)! }));
  const relIndex = new Map(relationships.map((r, i) => [r, i]));
  // Per ratee: per (relationship, value) the sum of response scores and their count, then responses per relationship.
  const acc = new Map<string, { unitId: string; sums: Float64Array; counts: Uint32Array; responses: Uint32Array }>();
  const itemSum = new Float64Array(V);
  const itemCount = new Uint8Array(V);
  for (const response of responses) {
    let a = acc.get(response.rateeNip);
    if (!a) {
      a = { unitId: response.rateeUnitId, sums: new Float64Array(R * V), counts: new Uint32Array(R * V), responses: new Uint32Array(R) };
      acc.set(response.rateeNip, a);
    }
    const rel = relIndex.get(response.relationship)!;
    a.responses[rel]!++;
    itemSum.fill(0);
    itemCount.fill(0);
    for (const item of items) {
      const answer = response.answers[item.id];
      if (typeof answer === 'number') {
        itemSum[item.value]! += answer;
        itemCount[item.value]!++;
      }
    }
    for (let v = 0; v < V; v++) {
      if (itemCount[v] === 0) continue;
      a.sums[rel * V + v]! += ((itemSum[v]! / itemCount[v]! - 1) / 4) * 100;
      a.counts[rel * V + v]!++;
    }
  }

  const weights = relationships.map((r) => (r === 'self' ? 0 : rules.weights[r]));
  const scores = new Map<string, RateeScores>();
  for (const [nip, a] of acc) {
    const groups: Partial<Record<Relationship, GroupScores>> = {};
    const needed = relationships.map((_, r) => (isThreshold[r] ? rules.k : 1));
    relationships.forEach((rel, r) => {
      if (a.responses[r] === 0) return;
      groups[rel] = {
        responses: a.responses[r]!,
        shown: a.responses[r]! >= needed[r]!,
        values: coreValues.map((_, v) => (a.counts[r * V + v]! >= needed[r]! ? a.sums[r * V + v]! / a.counts[r * V + v]! : null)),
      };
    });
    const values = coreValues.map((_, v) => {
      let sum = 0;
      let weight = 0;
      let anonymous = false;
      relationships.forEach((rel, r) => {
        const score = groups[rel]?.values[v];
        if (score === null || score === undefined || weights[r] === 0) return;
        sum += score * weights[r]!;
        weight += weights[r]!;
        anonymous ||= isThreshold[r]!;
      });
      return anonymous ? sum / weight : null;
    });
    scores.set(nip, { nip, unitId: a.unitId, groups, values, overall: mean(values) });
  }
  return scores;
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
  ratee.values.forEach((v, i) => {
    if (v === null) return;
    agg.sums[i]! += v;
    agg.counts[i]!++;
  });
}

function aggregateValues(agg: Aggregate): (number | null)[] {
  return coreValues.map((_, i) => (agg.counts[i] === 0 ? null : agg.sums[i]! / agg.counts[i]!));
}

const valueScores = (values: readonly (number | null)[]) => coreValues.map((v, i) => ({ valueId: v.id, score: toScore(values[i]!) }));

function bandCounts(scores: Iterable<number | null>): Record<string, number> {
  const counts = Object.fromEntries(indexBands.map((b) => [b.id, 0]));
  for (const s of scores) if (s !== null) counts[toScore(s)!.band]!++;
  return counts;
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
        overall: bandCounts(scored.map((s) => s.overall)),
        values: Object.fromEntries(coreValues.map((v, i) => [v.id, bandCounts(scored.map((s) => s.values[i]!))])),
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
