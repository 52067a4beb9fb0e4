import type { Answer, Questionnaire, Relationship } from './questionnaire.js';
import { coreValues } from './values.js';

/*
 * What scoring needs of a group of responses, as sums that add up response by response: the
 * form sealed tallies take (docs/sealing.md), so the same numbers come out of plaintext answers
 * (tests, the reference) and out of opened tallies.
 *
 * A response scores a value with the mean of that value's behaviours it answered. Scaled by
 * `scale` (the least common multiple of 1..items per value, 6 for three behaviours) that mean is a
 * whole number: m = scale × sum ÷ answered, 1·scale … 5·scale, or 0 when every behaviour of the
 * value was "cannot assess". A group's tally per value is Σ m and the number of responses that
 * scored it.
 */

/** Most responses one ratee group can hold: the settings' cap on peers and subordinates per ratee. */
export const maxGroupResponses = 20;

/**
 * Values whose group sums are sealed together, two to a slot (tally format 2, docs/sealing.md):
 * 1–2, 3–4, 5–6, and 7 alone. A slot opens whole or not at all.
 */
export const valuesPerSumSlot = 2;
export const sumPairOf = (v: number) => Math.floor(v / valuesPerSumSlot);

/**
 * Whether a group's value can be opened and shown: it, and every value sealed beside it, was
 * scored by at least `needed` responses. Below that its sum stays sealed, so it can never be
 * recovered by subtraction either.
 */
export function valueOpens(values: readonly Pick<ValueTally, 'count'>[], v: number, needed: number): boolean {
  return values.every((t, w) => sumPairOf(w) !== sumPairOf(v) || t.count >= needed);
}

export interface ValueTally {
  /** Responses that scored the value. */
  count: number;
  /** Σ m over them; null when the sum was not opened (fewer than k scored it). */
  sum: number | null;
}

export interface GroupTally {
  rateeNip: string;
  rateeUnitId: string;
  relationship: Relationship;
  responses: number;
  /** In the order of `coreValues`. */
  values: ValueTally[];
}

const V = coreValues.length;

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** The item → value index map and the scale of a questionnaire. */
export function tallyShape(questionnaire: Questionnaire): { itemValue: Uint8Array; scale: number } {
  const valueIndex = new Map(coreValues.map((v, i) => [v.id, i]));
  const itemValue = Uint8Array.from(questionnaire.items, (item) => {
    const v = valueIndex.get(item.valueId);
    if (v === undefined) throw new RangeError(`item of unknown value ${item.valueId}`);
    return v;
  });
  const perValue = new Array<number>(V).fill(0);
  for (const v of itemValue) perValue[v]!++;
  let scale = 1;
  for (let n = 2; n <= Math.max(...perValue); n++) scale = (scale * n) / gcd(scale, n);
  return { itemValue, scale };
}

/** One character per questionnaire item, in its order: '1'–'5', and '0' for "cannot assess". */
export function answerCodes(questionnaire: Questionnaire, answers: Readonly<Record<string, Answer>>): string {
  let codes = '';
  for (const item of questionnaire.items) {
    const answer = answers[item.behaviourId];
    codes += typeof answer === 'number' ? String(answer) : '0';
  }
  return codes;
}

/** m per value for one response's answer codes (0 where the value was not scored). */
export function responseValueScores(shape: ReturnType<typeof tallyShape>, codes: string): Uint16Array {
  if (codes.length !== shape.itemValue.length) throw new RangeError(`answer codes of length ${codes.length}, expected ${shape.itemValue.length}`);
  const sum = new Uint16Array(V);
  const answered = new Uint8Array(V);
  for (let i = 0; i < codes.length; i++) {
    const answer = codes.charCodeAt(i) - 48;
    if (answer === 0) continue;
    if (answer < 0 || answer > 5) throw new RangeError(`answer code ${codes[i]}`);
    sum[shape.itemValue[i]!]! += answer;
    answered[shape.itemValue[i]!]!++;
  }
  const m = new Uint16Array(V);
  for (let v = 0; v < V; v++) if (answered[v]! > 0) m[v] = (shape.scale * sum[v]!) / answered[v]!;
  return m;
}

export interface PlainResponse {
  rateeNip: string;
  rateeUnitId: string;
  relationship: Relationship;
  codes: string;
}

/** Plaintext tallies of known answers: what opened tallies must equal. */
export function tallyResponses(questionnaire: Questionnaire, responses: Iterable<PlainResponse>): GroupTally[] {
  const shape = tallyShape(questionnaire);
  const groups = new Map<string, GroupTally>();
  for (const r of responses) {
    const key = `${r.rateeNip}\u0000${r.relationship}`;
    let g = groups.get(key);
    if (!g) {
      g = { rateeNip: r.rateeNip, rateeUnitId: r.rateeUnitId, relationship: r.relationship, responses: 0, values: coreValues.map(() => ({ count: 0, sum: 0 })) };
      groups.set(key, g);
    }
    g.responses++;
    const m = responseValueScores(shape, r.codes);
    for (let v = 0; v < V; v++) {
      if (m[v] === 0) continue;
      g.values[v]!.count++;
      g.values[v]!.sum! += m[v]!;
    }
  }
  return [...groups.values()];
}
