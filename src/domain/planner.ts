import type { Relationship } from './questionnaire.js';
import type { WaveSettings } from './schema.js';
import { seededRandom } from './seeded-random.js';

export interface PlanPerson {
  nip: string;
  unitId: string;
  supervisorNip: string | null;
}

export interface Assignment {
  raterNip: string;
  rateeNip: string;
  relationship: Relationship;
}

export type ShortfallReason =
  | 'setting_below_k'
  | 'no_candidates'
  | 'too_few_candidates'
  | 'rater_cap'
  | 'few_direct_reports';

export interface Shortfall {
  rateeNip: string;
  relationship: 'peer' | 'subordinate' | 'superior';
  got: number;
  needed: number;
  reason: ShortfallReason;
}

/** count -> how many people have that count */
export type Histogram = Record<number, number>;

export interface WavePlan {
  assignments: Assignment[];
  ratees: number;
  raters: number;
  /** Raters per ratee, self excluded. */
  ratersPerRatee: Histogram;
  ratingsPerRater: Histogram;
  shortfalls: Shortfall[];
}

export interface PlanInput {
  /** Every active person of the agency: all may rate. */
  people: readonly PlanPerson[];
  /** The wave's scope: who is rated. null = everyone. */
  rateeNips: ReadonlySet<string> | null;
  settings: Pick<WaveSettings, 'includeSelf' | 'includeSuperior' | 'peersPerRatee' | 'subordinatesPerRatee' | 'maxRatingsPerRater' | 'anonymityThreshold'>;
  seed: number;
}

// How many candidates are looked at per ratee: bounds the work in very large units.
const CANDIDATE_WINDOW = 48;

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function groupBy(people: readonly PlanPerson[], key: (p: PlanPerson) => string | null): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const p of people) {
    const k = key(p);
    if (k === null) continue;
    const g = groups.get(k);
    if (g) g.push(p.nip);
    else groups.set(k, [p.nip]);
  }
  return groups;
}

/**
 * The 360° assignment plan: self, the superior, up to N direct reports and up to N peers per ratee
 * (same supervisor first, then same unit), with no rater asked for more than the cap. Pure and
 * deterministic for a seed, so a preview is exactly what launches.
 */
export function planWave(input: PlanInput): WavePlan {
  const { settings } = input;
  const k = settings.anonymityThreshold;
  const cap = settings.maxRatingsPerRater;
  const random = seededRandom(input.seed);
  const people = [...input.people].sort((a, b) => (a.nip < b.nip ? -1 : a.nip > b.nip ? 1 : 0));
  const byNip = new Map(people.map((p) => [p.nip, p]));
  const ratees = people.filter((p) => !input.rateeNips || input.rateeNips.has(p.nip));
  const load = new Map<string, number>();
  const assignments: Assignment[] = [];
  const shortfalls: Shortfall[] = [];
  const assign = (raterNip: string, rateeNip: string, relationship: Relationship): boolean => {
    const l = load.get(raterNip) ?? 0;
    if (l >= cap) return false;
    load.set(raterNip, l + 1);
    assignments.push({ raterNip, rateeNip, relationship });
    return true;
  };

  const reportsOf = groupBy(people, (p) => (p.supervisorNip && byNip.has(p.supervisorNip) ? p.supervisorNip : null));
  for (const g of reportsOf.values()) shuffle(g, random);
  const siblingsOf = reportsOf;
  const unitOf = groupBy(people, (p) => p.unitId);
  for (const g of unitOf.values()) shuffle(g, random);

  if (settings.includeSelf) for (const r of ratees) assign(r.nip, r.nip, 'self');

  // Direct reports rate their supervisor before anyone's capacity is spent on peers.
  for (const r of ratees) {
    const reports = reportsOf.get(r.nip) ?? [];
    let got = 0;
    for (const s of reports) {
      if (got >= settings.subordinatesPerRatee) break;
      if (assign(s, r.nip, 'subordinate')) got++;
    }
    if (reports.length > 0 && got < k) {
      const reason: ShortfallReason =
        reports.length < k ? 'few_direct_reports' : settings.subordinatesPerRatee < k ? 'setting_below_k' : 'rater_cap';
      shortfalls.push({ rateeNip: r.nip, relationship: 'subordinate', got, needed: k, reason });
    }
  }

  if (settings.includeSuperior) {
    for (const r of ratees) {
      const sup = r.supervisorNip;
      if (!sup || !byNip.has(sup)) continue;
      if (!assign(sup, r.nip, 'superior')) shortfalls.push({ rateeNip: r.nip, relationship: 'superior', got: 0, needed: 1, reason: 'rater_cap' });
    }
  }

  // Peers: a bounded window of candidates per ratee, same supervisor before same unit.
  const candidates = new Map<string, { list: string[]; siblings: number; pool: number }>();
  for (const r of ratees) {
    const exclude = new Set<string>([r.nip]);
    if (r.supervisorNip) exclude.add(r.supervisorNip);
    for (const s of reportsOf.get(r.nip) ?? []) exclude.add(s);
    const list: string[] = [];
    const take = (group: string[] | undefined) => {
      if (!group || group.length === 0) return 0;
      let eligible = 0;
      const start = Math.floor(random() * group.length);
      for (let i = 0; i < group.length; i++) {
        const nip = group[(start + i) % group.length]!;
        if (exclude.has(nip)) continue;
        exclude.add(nip);
        eligible++;
        if (list.length < CANDIDATE_WINDOW) list.push(nip);
        else if (eligible > CANDIDATE_WINDOW * 2) return eligible + (group.length - i - 1);
      }
      return eligible;
    };
    const siblingCount = r.supervisorNip ? take(siblingsOf.get(r.supervisorNip)) : 0;
    const siblingsInList = list.length;
    const unitCount = take(unitOf.get(r.unitId));
    candidates.set(r.nip, { list, siblings: siblingsInList, pool: siblingCount + unitCount });
  }
  const peersOf = new Map<string, Set<string>>();
  const order = shuffle([...ratees], random);
  for (let round = 0; round < settings.peersPerRatee; round++) {
    for (const r of order) {
      const c = candidates.get(r.nip)!;
      const chosen = peersOf.get(r.nip) ?? new Set<string>();
      peersOf.set(r.nip, chosen);
      if (chosen.size <= round - 1) continue;
      const pick = (from: number, to: number) => {
        let best: string | null = null;
        let bestLoad = Infinity;
        for (let i = from; i < to; i++) {
          const nip = c.list[i]!;
          if (chosen.has(nip)) continue;
          const l = load.get(nip) ?? 0;
          if (l < cap && l < bestLoad) {
            best = nip;
            bestLoad = l;
          }
        }
        return best;
      };
      const peer = pick(0, c.siblings) ?? pick(c.siblings, c.list.length);
      if (peer && assign(peer, r.nip, 'peer')) chosen.add(peer);
    }
  }
  for (const r of ratees) {
    const got = peersOf.get(r.nip)?.size ?? 0;
    if (got >= k) continue;
    const pool = candidates.get(r.nip)!.pool;
    const reason: ShortfallReason =
      settings.peersPerRatee < k ? 'setting_below_k' : pool === 0 ? 'no_candidates' : pool < k ? 'too_few_candidates' : 'rater_cap';
    shortfalls.push({ rateeNip: r.nip, relationship: 'peer', got, needed: k, reason });
  }

  const ratersPerRatee: Histogram = {};
  const perRatee = new Map<string, number>(ratees.map((r) => [r.nip, 0]));
  for (const a of assignments) if (a.relationship !== 'self') perRatee.set(a.rateeNip, (perRatee.get(a.rateeNip) ?? 0) + 1);
  for (const n of perRatee.values()) ratersPerRatee[n] = (ratersPerRatee[n] ?? 0) + 1;
  const ratingsPerRater: Histogram = {};
  for (const n of load.values()) ratingsPerRater[n] = (ratingsPerRater[n] ?? 0) + 1;

  return { assignments, ratees: ratees.length, raters: load.size, ratersPerRatee, ratingsPerRater, shortfalls };
}
