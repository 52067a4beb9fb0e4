import type { Questionnaire } from '../questionnaire.js';
import { maxGroupResponses, responseValueScores, sumPairOf, tallyShape, valuesPerSumSlot, type ValueTally } from '../tally.js';
import { coreValues } from '../values.js';
import { add, IDENTITY, mul, mulBase, randomScalar, scalarOf, SealingError, sub, type Point } from './group.js';

/*
 * Exponential ElGamal over ristretto255: Enc(m) = (r·G, m·G + r·K). Adding ciphertexts adds their
 * plaintexts, so a group's tally is the sum of its responses' ciphertexts and only ever the sum is
 * decrypted. m is small, so m·G is turned back into m by table lookup after decryption.
 *
 * A sealed response is a row of six slots (format "berakhlak-tally/2", docs/sealing.md):
 *   slot 0: which of values 0–3 the response scored, packed as Σ fᵥ·21ᵛ
 *   slot 1: the same for values 4–6
 *   slots 2–5: m of two values each, packed as m₂ₚ + 601·m₂ₚ₊₁ (value 6 alone in slot 5)
 * The count slots are opened first; a sum slot only when every value in it reached k.
 */

export const tallyFormatId = 'berakhlak-tally/2';

/** Base of the packed count slots: a count never exceeds the largest group. */
export const countBase = maxGroupResponses + 1;
/** Values per count slot: 21⁴ = 194,481 keeps the largest packed count a quick table lookup. */
export const valuesPerCountSlot = 4;
export const countSlots = Math.ceil(coreValues.length / valuesPerCountSlot);
/** The largest scale (lcm of 1 … behaviours per value) the format holds: three behaviours per value. */
export const maxScale = 6;
/** Base of the packed sum slots: a value's group sum never exceeds 5·scale·(largest group). */
export const sumBase = 5 * maxScale * maxGroupResponses + 1;
export { valuesPerSumSlot };
export const sumSlots = Math.ceil(coreValues.length / valuesPerSumSlot);
export const slotCount = countSlots + sumSlots;
export const countSlotOf = (v: number) => Math.floor(v / valuesPerCountSlot);
export const sumSlotOf = (v: number) => countSlots + sumPairOf(v);
/** The values whose sums share a sum slot (open together or not at all). */
export const valuesOfSumSlot = (slot: number) =>
  coreValues.map((_, v) => v).filter((v) => sumSlotOf(v) === slot);

/** 64 bytes: α then β. */
export const CIPHERTEXT_BYTES = 64;
export const SEALED_BYTES = slotCount * CIPHERTEXT_BYTES;

function scaleOf(questionnaire: Questionnaire): number {
  const { scale } = tallyShape(questionnaire);
  if (scale > maxScale) throw new RangeError(`a questionnaire of scale ${scale} does not fit ${tallyFormatId}`);
  return scale;
}

/** The plaintext of each slot for one response. Only ever in the memory of the request that seals it. */
export function slotPlaintexts(questionnaire: Questionnaire, codes: string): number[] {
  scaleOf(questionnaire);
  const m = responseValueScores(tallyShape(questionnaire), codes);
  const slots = new Array<number>(slotCount).fill(0);
  for (let v = 0; v < coreValues.length; v++) {
    if (m[v] === 0) continue;
    slots[countSlotOf(v)]! += countBase ** (v % valuesPerCountSlot);
    slots[sumSlotOf(v)]! += m[v]! * sumBase ** (v % valuesPerSumSlot);
  }
  return slots;
}

/** A slot's packing: its base, how many values it holds, and each value's largest group figure. */
function packingOf(questionnaire: Questionnaire, slot: number, responses: number) {
  if (slot < countSlots) {
    return { base: countBase, digits: Math.min(valuesPerCountSlot, coreValues.length - slot * valuesPerCountSlot), digitMax: responses, kind: 'count' as const };
  }
  return { base: sumBase, digits: valuesOfSumSlot(slot).length, digitMax: 5 * scaleOf(questionnaire) * responses, kind: 'sum' as const };
}

/** The largest plaintext a slot of a group tally of `responses` responses can hold. */
export function slotBound(questionnaire: Questionnaire, slot: number, responses: number): number {
  const { base, digits, digitMax } = packingOf(questionnaire, slot, responses);
  let bound = 0;
  for (let i = 0; i < digits; i++) bound += digitMax * base ** i;
  return bound;
}

/** Per value: how many responses scored it and (where opened) Σ m, from opened slots (sums keyed by slot). */
export function readTally(counts: readonly number[], sums: Readonly<Record<number, number>> | null): ValueTally[] {
  return coreValues.map((_, v) => {
    const packed = counts[countSlotOf(v)]!;
    const count = Math.floor(packed / countBase ** (v % valuesPerCountSlot)) % countBase;
    const slot = sums?.[sumSlotOf(v)];
    return { count, sum: slot === undefined ? null : Math.floor(slot / sumBase ** (v % valuesPerSumSlot)) % sumBase };
  });
}

const multiples = new Map<number, Point>();
/** m·G for the few small m that plaintexts take, computed once each. */
function timesG(m: number): Point {
  let p = multiples.get(m);
  if (!p) {
    p = m === 0 ? IDENTITY : mulBase(scalarOf(m));
    if (multiples.size < 4096) multiples.set(m, p);
  }
  return p;
}

/**
 * Pads for sealing: (r·G, r·K) with a fresh r each, 64 bytes per slot. They hold no plaintext, so
 * they can be made ahead of time, off the request (the server keeps a pool of them in memory);
 * r itself is dropped at once. Each pad seals exactly one slot, once.
 */
export function makePads(K: Point, slots: number): Uint8Array {
  const out = new Uint8Array(slots * CIPHERTEXT_BYTES);
  for (let j = 0; j < slots; j++) {
    const r = randomScalar();
    out.set(mulBase(r), j * CIPHERTEXT_BYTES);
    out.set(mul(r, K), j * CIPHERTEXT_BYTES + 32);
    r.fill(0);
  }
  return out;
}

/** Seals one row of slot plaintexts with one pad per slot: (r·G, m·G + r·K). Consumes the pads. */
export function sealWithPads(pads: Uint8Array, plaintexts: readonly number[]): Uint8Array {
  if (pads.length !== plaintexts.length * CIPHERTEXT_BYTES) throw new SealingError('invalid_encoding', 'one pad per slot');
  const out = new Uint8Array(pads.length);
  plaintexts.forEach((m, j) => {
    const at = j * CIPHERTEXT_BYTES;
    out.set(pads.subarray(at, at + 32), at);
    out.set(add(timesG(m), pads.subarray(at + 32, at + 64)), at + 32);
  });
  // A pad used twice would let two ciphertexts be subtracted into m·G − m′·G.
  pads.fill(0);
  return out;
}

/** Seals one row of slot plaintexts to the joint key K, into SEALED_BYTES bytes. */
export function seal(K: Point, plaintexts: readonly number[]): Uint8Array {
  return sealWithPads(makePads(K, plaintexts.length), plaintexts);
}

/** Slot-wise sum of sealed rows: the tally of their responses. */
export function addSealed(x: Uint8Array, y: Uint8Array): Uint8Array {
  if (x.length !== y.length || x.length % 32 !== 0) throw new SealingError('invalid_encoding', 'sealed rows of different lengths');
  const out = new Uint8Array(x.length);
  for (let at = 0; at < x.length; at += 32) out.set(add(x.subarray(at, at + 32), y.subarray(at, at + 32)), at);
  return out;
}

/** The tally of a group: the sum of its responses' sealed rows. */
export function sumSealed(rows: readonly Uint8Array[]): Uint8Array {
  if (rows.length === 0) throw new SealingError('refused', 'a tally of no responses');
  let acc = rows[0]!;
  for (let i = 1; i < rows.length; i++) acc = addSealed(acc, rows[i]!);
  return acc;
}

export interface Ciphertext {
  a: Point;
  b: Point;
}

export function slotOf(row: Uint8Array, slot: number): Ciphertext {
  const at = slot * CIPHERTEXT_BYTES;
  if (row.length < at + CIPHERTEXT_BYTES) throw new SealingError('invalid_encoding', `no slot ${slot}`);
  return { a: row.subarray(at, at + 32), b: row.subarray(at + 32, at + 64) };
}

/** m·G from a ciphertext and the combined decryption M = s·α. */
export function plaintextPoint(c: Ciphertext, M: Point): Point {
  return sub(c.b, M);
}

/**
 * Discrete logarithms of the small plaintexts slots hold, by table lookup. A slot packs one to four
 * figures in a base none can reach, each bounded by its group's number of responses, so a point
 * outside the packings of its bound is refused, never searched for. One table per kind of slot,
 * grown to the largest group asked for: a packing for a smaller group is in it too.
 */
export class SmallLogs {
  private readonly tables = new Map<string, { digitMax: number; table: Map<string, number> }>();

  /** m from m·G for `slot` of a tally of `responses` responses. */
  solveSlot(questionnaire: Questionnaire, p: Point, slot: number, responses: number): number {
    const { base, digits, digitMax, kind } = packingOf(questionnaire, slot, responses);
    const m = this.table(base, digits, digitMax).get(key(p));
    if (m === undefined) throw new SealingError('out_of_range', `a decrypted ${kind} is outside its range`);
    for (let d = 0, rest = m; d < digits; d++, rest = Math.floor(rest / base)) {
      if (rest % base > digitMax) throw new SealingError('out_of_range', `a decrypted ${kind} is outside its range`);
    }
    return m;
  }

  private table(base: number, digits: number, digitMax: number): Map<string, number> {
    const id = `${base}/${digits}`;
    const have = this.tables.get(id);
    if (have && have.digitMax >= digitMax) return have.table;
    // Grown by doubling (within the largest group), so a wave's groups rebuild it a few times at most.
    const top = Math.min(Math.max(digitMax, 2 * (have?.digitMax ?? 0)), Math.max(digitMax, (base - 1)));
    const table = new Map<string, number>();
    // Every packing Σ cᵢ·baseⁱ with 0 ≤ cᵢ ≤ top, walked digit by digit with one addition each.
    const steps = Array.from({ length: digits }, (_, d) => timesG(base ** d));
    const walk = (d: number, value: number, point: Point) => {
      if (d === digits) {
        table.set(key(point), value);
        return;
      }
      let p = point;
      for (let c = 0; c <= top; c++) {
        walk(d + 1, value + c * base ** d, p);
        if (c < top) p = add(p, steps[d]!);
      }
    };
    walk(0, 0, IDENTITY);
    this.tables.set(id, { digitMax: top, table });
    return table;
  }
}

function key(p: Point): string {
  let k = '';
  for (let i = 0; i < 32; i++) k += String.fromCharCode(p[i]!);
  return k;
}
