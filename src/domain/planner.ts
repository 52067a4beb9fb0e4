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
  // Integer indices throughout: 100,000 people must plan in well under two seconds.
  const people = [...input.people].sort((a, b) => (a.nip < b.nip ? -1 : a.nip > b.nip ? 1 : 0));
  const n = people.length;
  const indexOf = new Map(people.map((p, i) => [p.nip, i]));
  const supervisor = new Int32Array(n).fill(-1);
  const reports: number[][] = Array.from({ length: n }, () => []);
  const unitMembers = new Map<string, number[]>();
  people.forEach((p, i) => {
    const s = p.supervisorNip === null ? undefined : indexOf.get(p.supervisorNip);
    if (s !== undefined && s !== i) {
      supervisor[i] = s;
      reports[s]!.push(i);
    }
    const members = unitMembers.get(p.unitId);
    if (members) members.push(i);
    else unitMembers.set(p.unitId, [i]);
  });
  for (const r of reports) shuffle(r, random);
  for (const m of unitMembers.values()) shuffle(m, random);
  const ratees: number[] = [];
  for (let i = 0; i < n; i++) if (!input.rateeNips || input.rateeNips.has(people[i]!.nip)) ratees.push(i);

  const load = new Int32Array(n);
  const raters: number[] = [];
  const rateeOf: number[] = [];
  const relationOf: Relationship[] = [];
  const shortfalls: Shortfall[] = [];
  const assign = (rater: number, ratee: number, relationship: Relationship): boolean => {
    if (load[rater]! >= cap) return false;
    load[rater]!++;
    raters.push(rater);
    rateeOf.push(ratee);
    relationOf.push(relationship);
    return true;
  };
  const nipOf = (i: number) => people[i]!.nip;

  if (settings.includeSelf) for (const r of ratees) assign(r, r, 'self');

  // Direct reports rate their supervisor before anyone's capacity is spent on peers.
  for (const r of ratees) {
    const own = reports[r]!;
    let got = 0;
    for (const s of own) {
      if (got >= settings.subordinatesPerRatee) break;
      if (assign(s, r, 'subordinate')) got++;
    }
    if (own.length > 0 && got < k) {
      const reason: ShortfallReason = own.length < k ? 'few_direct_reports' : settings.subordinatesPerRatee < k ? 'setting_below_k' : 'rater_cap';
      shortfalls.push({ rateeNip: nipOf(r), relationship: 'subordinate', got, needed: k, reason });
    }
  }

  if (settings.includeSuperior) {
    for (const r of ratees) {
      const s = supervisor[r]!;
      if (s < 0) continue;
      if (!assign(s, r, 'superior')) shortfalls.push({ rateeNip: nipOf(r), relationship: 'superior', got: 0, needed: 1, reason: 'rater_cap' });
    }
  }

  // Peers: a bounded window of candidates per ratee, same supervisor before same unit.
  const excludedFor = new Int32Array(n).fill(-1);
  const lists: number[][] = [];
  const siblingsInList: number[] = [];
  const pools: number[] = [];
  for (let x = 0; x < ratees.length; x++) {
    const r = ratees[x]!;
    excludedFor[r] = x;
    if (supervisor[r]! >= 0) excludedFor[supervisor[r]!] = x;
    for (const s of reports[r]!) excludedFor[s] = x;
    const list: number[] = [];
    const take = (group: number[] | undefined) => {
      if (!group || group.length === 0) return 0;
      let eligible = 0;
      const start = Math.floor(random() * group.length);
      for (let i = 0; i < group.length; i++) {
        const c = group[(start + i) % group.length]!;
        if (excludedFor[c] === x) continue;
        excludedFor[c] = x;
        eligible++;
        if (list.length < CANDIDATE_WINDOW) list.push(c);
        else if (eligible > CANDIDATE_WINDOW * 2) return eligible + (group.length - i - 1);
      }
      return eligible;
    };
    const siblingCount = supervisor[r]! >= 0 ? take(reports[supervisor[r]!]) : 0;
    siblingsInList.push(list.length);
    const unitCount = take(unitMembers.get(people[r]!.unitId));
    lists.push(list);
    pools.push(siblingCount + unitCount);
  }
  const chosen: number[][] = ratees.map(() => []);
  const order = shuffle(ratees.map((_, x) => x), random);
  const pick = (x: number, from: number, to: number): number => {
    const list = lists[x]!;
    const mine = chosen[x]!;
    let best = -1;
    let bestLoad = cap;
    for (let i = from; i < to; i++) {
      const c = list[i]!;
      const l = load[c]!;
      if (l < bestLoad && !mine.includes(c)) {
        best = c;
        bestLoad = l;
      }
    }
    return best;
  };
  for (let round = 0; round < settings.peersPerRatee; round++) {
    for (const x of order) {
      // A ratee who found nobody in an earlier round will find nobody now either.
      if (chosen[x]!.length < round) continue;
      let peer = pick(x, 0, siblingsInList[x]!);
      if (peer < 0) peer = pick(x, siblingsInList[x]!, lists[x]!.length);
      if (peer >= 0 && assign(peer, ratees[x]!, 'peer')) chosen[x]!.push(peer);
    }
  }
  for (let x = 0; x < ratees.length; x++) {
    const got = chosen[x]!.length;
    if (got >= k) continue;
    const pool = pools[x]!;
    const reason: ShortfallReason =
      settings.peersPerRatee < k ? 'setting_below_k' : pool === 0 ? 'no_candidates' : pool < k ? 'too_few_candidates' : 'rater_cap';
    shortfalls.push({ rateeNip: nipOf(ratees[x]!), relationship: 'peer', got, needed: k, reason });
  }

  const assignments: Assignment[] = new Array(raters.length);
  const perRatee = new Int32Array(n);
  for (let a = 0; a < raters.length; a++) {
    assignments[a] = { raterNip: nipOf(raters[a]!), rateeNip: nipOf(rateeOf[a]!), relationship: relationOf[a]! };
    if (relationOf[a] !== 'self') perRatee[rateeOf[a]!]!++;
  }
  const ratersPerRatee: Histogram = {};
  for (const r of ratees) ratersPerRatee[perRatee[r]!] = (ratersPerRatee[perRatee[r]!] ?? 0) + 1;
  const ratingsPerRater: Histogram = {};
  let raterCount = 0;
  for (let i = 0; i < n; i++) {
    if (load[i] === 0) continue;
    raterCount++;
    ratingsPerRater[load[i]!] = (ratingsPerRater[load[i]!] ?? 0) + 1;
  }

  return { assignments, ratees: ratees.length, raters: raterCount, ratersPerRatee, ratingsPerRater, shortfalls };
}
