import type { Questionnaire } from '../questionnaire.js';
import { maxGroupResponses, responseValueScores, tallyShape, type ValueTally } from '../tally.js';
import { coreValues } from '../values.js';
import { add, IDENTITY, mul, mulBase, randomScalar, scalarOf, SealingError, sub, type Point } from './group.js';

/*
 * Exponential ElGamal over ristretto255: Enc(m) = (r·G, m·G + r·K). Adding ciphertexts adds their
 * plaintexts, so a group's tally is the sum of its responses' ciphertexts and only ever the sum is
 * decrypted. m is small, so m·G is turned back into m by table lookup after decryption.
 *
 * A sealed response is a row of slots (format "berakhlak-tally/1", docs/sealing.md):
 *   slot 0: how many of values 0–3 the response scored, packed as Σ fᵥ·21ᵛ
 *   slot 1: the same for values 4–6
 *   slot 2+v: m for value v (0 when not scored)
 * The count slots are opened first; a value's sum only when at least k responses scored it.
 */

export const tallyFormatId = 'berakhlak-tally/1';

/** Base of the packed count slots: a count never exceeds the largest group. */
export const countBase = maxGroupResponses + 1;
/** Values per count slot: 21⁴ = 194,481 keeps the largest packed count a quick table lookup. */
export const valuesPerCountSlot = 4;
export const countSlots = Math.ceil(coreValues.length / valuesPerCountSlot);
export const slotCount = countSlots + coreValues.length;
export const countSlotOf = (v: number) => Math.floor(v / valuesPerCountSlot);
export const sumSlotOf = (v: number) => countSlots + v;

/** 64 bytes: α then β. */
export const CIPHERTEXT_BYTES = 64;
export const SEALED_BYTES = slotCount * CIPHERTEXT_BYTES;

/** The plaintext of each slot for one response. Only ever in the memory of the request that seals it. */
export function slotPlaintexts(questionnaire: Questionnaire, codes: string): number[] {
  const m = responseValueScores(tallyShape(questionnaire), codes);
  const slots = new Array<number>(slotCount).fill(0);
  for (let v = 0; v < coreValues.length; v++) {
    if (m[v] === 0) continue;
    slots[countSlotOf(v)]! += countBase ** (v % valuesPerCountSlot);
    slots[sumSlotOf(v)] = m[v]!;
  }
  return slots;
}

/** The largest plaintext a slot of a group tally of `responses` responses can hold. */
export function slotBound(questionnaire: Questionnaire, slot: number, responses: number): number {
  if (slot < countSlots) {
    const values = Math.min(valuesPerCountSlot, coreValues.length - slot * valuesPerCountSlot);
    let bound = 0;
    for (let i = 0; i < values; i++) bound += responses * countBase ** i;
    return bound;
  }
  return 5 * tallyShape(questionnaire).scale * responses;
}

/** Per value: how many responses scored it and (where opened) Σ m, from opened slots. */
export function readTally(counts: readonly number[], sums: readonly (number | null)[]): ValueTally[] {
  return coreValues.map((_, v) => {
    const packed = counts[countSlotOf(v)]!;
    const count = Math.floor(packed / countBase ** (v % valuesPerCountSlot)) % countBase;
    return { count, sum: sums[v] ?? null };
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
 * Discrete logarithms of the small plaintexts slots hold, by table lookup. A slot's plaintext is
 * bounded by its group's number of responses, so a point outside its table is refused, never
 * searched for: a sum slot takes 0 … 5·scale·n, a count slot only the (n + 1)^d packings of its d
 * counts, each at most n.
 */
export class SmallLogs {
  private readonly line = new Map<string, number>();
  private top: Point = IDENTITY;
  private size = 0;
  private readonly packings = new Map<string, Map<string, number>>();

  /** m from m·G for `slot` of a tally of `responses` responses. */
  solveSlot(questionnaire: Questionnaire, p: Point, slot: number, responses: number): number {
    if (slot >= countSlots) return this.solve(p, slotBound(questionnaire, slot, responses));
    const digits = Math.min(valuesPerCountSlot, coreValues.length - slot * valuesPerCountSlot);
    const m = this.packing(responses, digits).get(key(p));
    if (m === undefined) throw new SealingError('out_of_range', 'a decrypted count is outside its range');
    return m;
  }

  /** m from m·G for 0 ≤ m ≤ bound. */
  solve(p: Point, bound: number): number {
    if (this.size === 0) {
      this.line.set(key(IDENTITY), 0);
      this.size = 1;
    }
    while (this.size <= bound) {
      this.top = add(this.top, timesG(1));
      this.line.set(key(this.top), this.size++);
    }
    const m = this.line.get(key(p));
    if (m === undefined || m > bound) throw new SealingError('out_of_range', 'a decrypted tally is outside its range');
    return m;
  }

  private packing(n: number, digits: number): Map<string, number> {
    const id = `${n}/${digits}`;
    let table = this.packings.get(id);
    if (table) return table;
    table = new Map();
    // Every packing Σ cᵥ·21ᵛ with 0 ≤ cᵥ ≤ n, walked digit by digit with one addition each.
    const steps = Array.from({ length: digits }, (_, d) => timesG(countBase ** d));
    const walk = (d: number, value: number, point: Point) => {
      if (d === digits) {
        table!.set(key(point), value);
        return;
      }
      let p = point;
      for (let c = 0; c <= n; c++) {
        walk(d + 1, value + c * countBase ** d, p);
        if (c < n) p = add(p, steps[d]!);
      }
    };
    walk(0, 0, IDENTITY);
    this.packings.set(id, table);
    return table;
  }
}

function key(p: Point): string {
  let k = '';
  for (let i = 0; i < 32; i++) k += String.fromCharCode(p[i]!);
  return k;
}
