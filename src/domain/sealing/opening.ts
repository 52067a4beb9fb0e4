import type { Questionnaire, Relationship } from '../questionnaire.js';
import { responsesNeeded } from '../scoring.js';
import { maxGroupResponses, valueOpens, type ValueTally } from '../tally.js';
import { ceremonyHash, lagrangeIntegers, type CeremonyParams } from './ceremony.js';
import {
  countSlots,
  plaintextPoint,
  readTally,
  slotOf,
  SmallLogs,
  sumSealed,
  sumSlots,
  valuesOfSumSlot,
  type Ciphertext,
} from './elgamal.js';
import { add, decodePoint, encode, mul, scalarInvert, scalarOf, SealingError, sub, timesInteger, transcript, type Point, type Scalar } from './group.js';
import { proveEqualLogs, verifyEqualLogs } from './proofs.js';
import type { GroupShares, Phase } from './schema.js';

/*
 * Opening a closed wave's tallies, in two phases. "counts": the count slots of every group that
 * has enough responses (k for peers and subordinates, 1 for superior and self). "sums": for each
 * such group, the sum slot of each value that enough responses scored, which only the opened
 * counts tell. Nothing else is ever decrypted: not a response, not a group below k, not a value
 * below k. The trustee's side (trusteeShares) enforces this itself, whatever the server asks.
 */

export type { GroupShares, Phase };

export interface GroupId {
  rateeNip: string;
  relationship: Relationship;
}

export interface OpeningRules {
  params: CeremonyParams;
  waveId: string;
  k: number;
  questionnaire: Questionnaire;
}

/** Every share is bound to its ceremony, wave, phase, group, slots and trustee: none can be replayed elsewhere. */
export function shareContext(rules: OpeningRules, phase: Phase, group: GroupId, slots: readonly number[], index: number): Uint8Array {
  return transcript('berakhlak/open/v2', ceremonyHash(rules.params), rules.waveId, phase, group.rateeNip, group.relationship, slots.join(','), index);
}

const countSlotList = Array.from({ length: countSlots }, (_, i) => i);
const sumSlotList = Array.from({ length: sumSlots }, (_, i) => countSlots + i);

/** The slots a phase opens for a group, given (for "sums") its opened counts. */
export function slotsToOpen(rules: OpeningRules, phase: Phase, group: GroupId, responses: number, counts?: readonly ValueTally[]): number[] {
  const needed = responsesNeeded(group.relationship, rules.k);
  if (responses < needed) return [];
  if (phase === 'counts') return countSlotList;
  if (!counts) throw new SealingError('refused', 'sums need the opened counts');
  // A sum slot holds two values: it opens only when both reached what they need, else neither shows.
  return sumSlotList.filter((slot) => valueOpens(counts, valuesOfSumSlot(slot)[0]!, needed));
}

export function makeShares(rules: OpeningRules, phase: Phase, group: GroupId, tally: Uint8Array, slots: readonly number[], index: number, s: Scalar, V: Point): GroupShares {
  const A = slots.map((j) => slotOf(tally, j).a);
  const M = A.map((a) => mul(s, a));
  const proof = proveEqualLogs(shareContext(rules, phase, group, slots, index), s, V, A, M);
  return { rateeNip: group.rateeNip, relationship: group.relationship, slots: [...slots], shares: M.map(encode), proof };
}

export function verifyShares(rules: OpeningRules, phase: Phase, tally: Uint8Array, index: number, V: Point, given: GroupShares): boolean {
  try {
    if (given.shares.length !== given.slots.length || given.slots.length === 0) return false;
    const A = given.slots.map((j) => slotOf(tally, j).a);
    const M = given.shares.map(decodePoint);
    return verifyEqualLogs(shareContext(rules, phase, given, given.slots, index), V, A, M, given.proof);
  } catch {
    return false;
  }
}

/**
 * The plaintexts of some slots of a tally from the shares of exactly `quorum` trustees (already
 * verified): M = Σ λᵢ·Mᵢ, m·G = β − M, then m by table lookup within the slot's bound. The λᵢ are
 * applied as integers over a common denominator d (M = d⁻¹·Σ nᵢ·Mᵢ): point additions, and one
 * multiplication per slot only when d is not 1.
 */
export function combineShares(
  rules: OpeningRules,
  tally: Uint8Array,
  responses: number,
  slots: readonly number[],
  shares: ReadonlyMap<number, readonly Point[]>,
  logs: SmallLogs,
): number[] {
  const indices = [...shares.keys()];
  if (indices.length !== rules.params.quorum) throw new SealingError('refused', `${indices.length} trustees' shares, quorum ${rules.params.quorum}`);
  const { denominator, numerators } = lagrangeIntegers(indices);
  const unscale = denominator === 1n ? null : scalarInvert(scalarOf(Number(denominator)));
  return slots.map((slot, j) => {
    const c: Ciphertext = slotOf(tally, slot);
    // The coefficients sum to d > 0, so at least one is positive.
    let plus: Point | null = null;
    let minus: Point | null = null;
    for (const i of indices) {
      const n = numerators.get(i)!;
      if (n === 0n) continue;
      const term = timesInteger(n < 0n ? -n : n, shares.get(i)![j]!);
      if (n > 0n) plus = plus ? add(plus, term) : term;
      else minus = minus ? add(minus, term) : term;
    }
    let M = minus ? sub(plus!, minus) : plus!;
    if (unscale) M = mul(unscale, M);
    return logs.solveSlot(rules.questionnaire, plaintextPoint(c, M), slot, responses);
  });
}

/** What a trustee's browser is given for one group. */
export interface GroupToOpen extends GroupId {
  /** The sealed rows of every response of the group, as stored. */
  responses: Uint8Array[];
  /** "sums" only: the count shares the server combined, each trustee's with its proof. */
  countShares?: { index: number; shares: GroupShares }[];
}

export interface TrusteeKey {
  index: number;
  share: Scalar;
  /** Vᵢ for every trustee, from the ceremony's public commitments. */
  verificationKeys: ReadonlyMap<number, Point>;
}

/**
 * The trustee's own rules, run in their browser on what the server sent: recompute each tally
 * from its responses, refuse any group below what it needs, check the counts against their
 * proofs before trusting them, and only then make shares. Returns the shares to upload, or
 * throws SealingError 'refused' naming what the server asked for that must not be opened.
 */
/**
 * What a trustee's browser remembers across the pages and phases of one opening, so a server
 * cannot split one response across groups, or show a group twice with different responses.
 */
export class OpeningSession {
  /** α of each response's first slot → the group it was shown in. */
  readonly responses = new Map<string, string>();
  /** Groups already made shares for, per phase. */
  readonly groups = { counts: new Set<string>(), sums: new Set<string>() };
}

/** The smallest k any wave may have: whatever the server says, the trustee never opens below it. */
export const minimumK = 3;

/**
 * The trustee's own rules, run in their browser on what the server sent: recompute each tally
 * from its responses, refuse any group below what it needs (never below k = 3, whatever k the
 * server claims), a superior or self group of more than one response, a response shown in two
 * groups, a group shown twice, and counts whose proofs do not hold; only then make shares.
 * Returns the shares to upload, or throws SealingError 'refused' naming what must not be opened.
 */
export function trusteeShares(
  rules: OpeningRules,
  phase: Phase,
  key: TrusteeKey,
  groups: readonly GroupToOpen[],
  logs: SmallLogs,
  onProgress?: (done: number, total: number) => void,
  session: OpeningSession = new OpeningSession(),
): GroupShares[] {
  const own = { ...rules, k: Math.max(rules.k, minimumK) };
  const out: GroupShares[] = [];
  groups.forEach((group, n) => {
    const id = `${group.rateeNip}|${group.relationship}`;
    if (session.groups[phase].has(id)) throw new SealingError('refused', `refused: group ${id} asked for twice`);
    session.groups[phase].add(id);
    const needed = responsesNeeded(group.relationship, own.k);
    if (group.responses.length < needed) {
      throw new SealingError('refused', `refused: the ${group.relationship} group of ${group.rateeNip} has ${group.responses.length} responses, fewer than ${needed}`);
    }
    // The superior and self are one person each: a larger "group" of them is not what a wave plans.
    if (needed === 1 && group.responses.length > 1) throw new SealingError('refused', `refused: a ${group.relationship} group of ${group.responses.length} responses`);
    if (group.responses.length > maxGroupResponses) throw new SealingError('refused', `refused: a group of ${group.responses.length} responses is larger than any wave plans`);
    for (const row of group.responses) {
      const alpha = encode(slotOf(row, 0).a);
      const shownIn = session.responses.get(alpha);
      if (shownIn !== undefined && shownIn !== id) throw new SealingError('refused', `refused: one response shown in two groups (${shownIn}, ${id})`);
      session.responses.set(alpha, id);
    }
    const tally = sumSealed(group.responses);
    let counts: ValueTally[] | undefined;
    if (phase === 'sums') counts = verifiedCounts(own, key, group, tally, logs);
    const slots = slotsToOpen(own, phase, group, group.responses.length, counts);
    if (slots.length > 0) out.push(makeShares(own, phase, group, tally, slots, key.index, key.share, key.verificationKeys.get(key.index)!));
    onProgress?.(n + 1, groups.length);
  });
  return out;
}

/** The counts of a group from the trustee's own count shares and enough of others' whose proofs hold. */
function verifiedCounts(rules: OpeningRules, key: TrusteeKey, group: GroupToOpen, tally: Uint8Array, logs: SmallLogs): ValueTally[] {
  const shares = new Map<number, Point[]>([[key.index, countSlotList.map((j) => mul(key.share, slotOf(tally, j).a))]]);
  for (const { index, shares: s } of group.countShares ?? []) {
    if (shares.size === rules.params.quorum) break;
    if (shares.has(index)) continue;
    const V = key.verificationKeys.get(index);
    const fits = s.rateeNip === group.rateeNip && s.relationship === group.relationship && s.slots.join(',') === countSlotList.join(',');
    if (!V || !fits || !verifyShares(rules, 'counts', tally, index, V, s)) {
      throw new SealingError('refused', `refused: trustee ${index}'s count shares for ${group.rateeNip} do not verify`);
    }
    shares.set(index, s.shares.map(decodePoint));
  }
  if (shares.size < rules.params.quorum) throw new SealingError('refused', `the counts of ${group.rateeNip} are not opened yet`);
  const counts = combineShares(rules, tally, group.responses.length, countSlotList, shares, logs);
  return readTally(counts, null);
}
