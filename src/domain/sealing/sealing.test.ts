import { beforeAll, describe, expect, it } from 'vitest';
import { defaultQuestionnaire, type Answer, type Relationship } from '../questionnaire.js';
import { answerCodes, tallyResponses, type GroupTally } from '../tally.js';
import {
  ceremonyView,
  confirmShare,
  dealShares,
  jointKey,
  lagrangeIntegers,
  secretShare,
  startTrustee,
  verificationKey,
  verifyCommitment,
  verifyConfirmation,
  viewFingerprint,
  type CeremonyParams,
  type EncryptedShare,
  type TrusteeCommitment,
  type TrusteeSecret,
} from './ceremony.js';
import { addSealed, countSlots, readTally, seal, slotCount, slotPlaintexts, SmallLogs, sumBase, sumSealed, sumSlotOf } from './elgamal.js';
import { maxGroupResponses } from '../tally.js';
import { add, decodePoint, encode, equal, mulBase, scalarInvert, scalarMul, scalarOf, scalarSub, SealingError, sealingReady, sub, type Point } from './group.js';
import { openKeyFile, sealKeyFile } from './key-file.js';
import { combineShares, makeShares, OpeningSession, trusteeShares, verifyShares, type GroupToOpen, type OpeningRules, type TrusteeKey } from './opening.js';

const params: CeremonyParams = {
  ceremonyId: 'c1',
  agencyId: 'kab-a',
  quorum: 2,
  trustees: [
    { index: 1, uid: 'u-koordinator' },
    { index: 2, uid: 'u-inspektorat' },
    { index: 3, uid: 'u-independen' },
  ],
};

interface Seat {
  secret: TrusteeSecret;
  commitment: TrusteeCommitment;
}

let seats: Seat[];
let commitments: TrusteeCommitment[];
let shares: EncryptedShare[];
let K: Point;
let keys: Map<number, TrusteeKey>;

function runCeremony(p: CeremonyParams): { seats: Seat[]; commitments: TrusteeCommitment[]; shares: EncryptedShare[] } {
  const seats = p.trustees.map((t) => startTrustee(p, t.index));
  const commitments = seats.map((x) => x.commitment);
  const shares = seats.flatMap((x) => dealShares(p, x.secret, commitments));
  return { seats, commitments, shares };
}

beforeAll(async () => {
  await sealingReady();
  ({ seats, commitments, shares } = runCeremony(params));
  K = jointKey(params, commitments);
  const verificationKeys = new Map(params.trustees.map((t) => [t.index, verificationKey(params, commitments, t.index)]));
  keys = new Map(seats.map((x) => [x.secret.index, { index: x.secret.index, share: secretShare(params, x.secret, commitments, shares), verificationKeys }]));
});

const flip = (text: string) => encode(Uint8Array.from(decodeCopy(text), (b, i) => (i === 0 ? b ^ 1 : b)));
const decodeCopy = (text: string) => Uint8Array.from(Buffer.from(text, 'base64url'));

describe('key ceremony', () => {
  it('gives every trustee a share whose public key follows from the commitments, and no single seat holds the key', () => {
    for (const [index, key] of keys) expect(equal(mulBase(key.share), key.verificationKeys.get(index)!)).toBe(true);
    // Any two shares interpolate to the same secret, whose public key is the joint key.
    const secretOf = (pair: number[]) => {
      let acc: Point | null = null;
      for (const i of pair) {
        const { denominator, numerators } = lagrangeIntegers(pair);
        const n = numerators.get(i)!;
        const magnitude = scalarOf(Number(n < 0n ? -n : n));
        const lambda = scalarMul(n < 0n ? scalarSub(scalarOf(0), magnitude) : magnitude, scalarInvert(scalarOf(Number(denominator))));
        const term = mulBase(scalarMul(lambda, keys.get(i)!.share));
        acc = acc ? add(acc, term) : term;
      }
      return acc!;
    };
    expect(equal(secretOf([1, 2]), K)).toBe(true);
    expect(equal(secretOf([1, 3]), K)).toBe(true);
    expect(equal(secretOf([2, 3]), K)).toBe(true);
    // One share alone is not the key.
    for (const key of keys.values()) expect(equal(mulBase(key.share), K)).toBe(false);
    for (const key of keys.values()) expect(verifyConfirmation(params, commitments, confirmShare(params, commitments, key.index, key.share))).toBe(true);
  });


  it('binds each confirmation to the ceremony its trustee saw: a swapped communication key breaks them', () => {
    const confirmation = confirmShare(params, commitments, 1, keys.get(1)!.share);
    expect(verifyConfirmation(params, commitments, confirmation)).toBe(true);
    // The server showed someone a communication key of its own for seat 2.
    const intruder = startTrustee(params, 2).commitment;
    const swapped = commitments.map((c) => (c.index === 2 ? { ...c, commKey: intruder.commKey, commKeyProof: intruder.commKeyProof } : c));
    expect(verifyCommitment(params, swapped[1]!)).toBe(true);
    expect(verifyConfirmation(params, swapped, confirmation)).toBe(false);
    expect(viewFingerprint(ceremonyView(params, swapped))).not.toBe(viewFingerprint(ceremonyView(params, commitments)));
    expect(viewFingerprint(ceremonyView(params, commitments))).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){4}$/);
  });

  it('rejects a forged, swapped or replayed commitment proof', () => {
    const c = commitments[0]!;
    expect(verifyCommitment(params, c)).toBe(true);
    expect(verifyCommitment(params, { ...c, commitmentProofs: [{ ...c.commitmentProofs[0]!, v: c.commitmentProofs[1]!.v }, c.commitmentProofs[1]!] })).toBe(false);
    // Trustee 1's commitments presented as trustee 2's: the proofs name the seat.
    expect(verifyCommitment(params, { ...c, index: 2 })).toBe(false);
    expect(verifyCommitment(params, { ...c, commitments: [...c.commitments].reverse() })).toBe(false);
    // A proof made for another ceremony does not verify in this one.
    const other = startTrustee({ ...params, ceremonyId: 'c2' }, 1).commitment;
    expect(verifyCommitment(params, other)).toBe(false);
    expect(verifyCommitment(params, { ...c, commKey: encode(mulBase(scalarOf(7))) })).toBe(false);
    expect(() => dealShares(params, seats[1]!.secret, [{ ...c, commKeyProof: commitments[1]!.commKeyProof }, ...commitments.slice(1)])).toThrow(SealingError);
  });

  it('names the trustee whose share was tampered with or does not match its commitments', () => {
    const me = seats[1]!.secret;
    const fromOne = shares.find((x) => x.from === 1 && x.to === 2)!;
    const tampered = shares.map((x) => (x === fromOne ? { ...x, ciphertext: flip(x.ciphertext) } : x));
    expect(() => secretShare(params, me, commitments, tampered)).toThrow(/trustee 1/);
    // A dealer sending a share off its own polynomial (well encrypted, wrong value) is caught by the commitments.
    const cheat = runCeremony(params);
    const mixed = shares.map((x) => (x.from === 3 && x.to === 2 ? cheat.shares.find((y) => y.from === 3 && y.to === 2)! : x));
    expect(() => secretShare(params, me, commitments, mixed)).toThrow(/trustee 3/);
    // Another seat's key file does not open this seat's shares.
    expect(() => secretShare(params, { ...seats[0]!.secret, index: 2 }, commitments, shares)).toThrow(SealingError);
  });

  it('keeps the secret in a key file only the passphrase opens, and refuses an edited header', () => {
    const weak = { opsLimit: 1, memLimit: 8192 };
    const file = sealKeyFile(seats[0]!.secret, { agencyId: 'kab-a', publicKey: commitments[0]!.commitments[0]! }, 'kata sandi panjang sekali', weak);
    expect(JSON.stringify(file)).not.toContain(seats[0]!.secret.coefficients[0]!);
    expect(openKeyFile(JSON.parse(JSON.stringify(file)), 'kata sandi panjang sekali').secret).toEqual(seats[0]!.secret);
    expect(() => openKeyFile(file, 'kata sandi yang salah')).toThrow(expect.objectContaining({ code: 'wrong_passphrase' }));
    expect(() => openKeyFile({ ...file, trusteeIndex: 2 }, 'kata sandi panjang sekali')).toThrow(expect.objectContaining({ code: 'wrong_passphrase' }));
    expect(() => openKeyFile({ ...file, kind: 'other' }, 'kata sandi panjang sekali')).toThrow(expect.objectContaining({ code: 'invalid_key_file' }));
    expect(() => sealKeyFile(seats[0]!.secret, { agencyId: 'kab-a', publicKey: '' }, 'pendek', weak)).toThrow(/passphrase/);
  });
});

/** Every behaviour answered `fill`, some overridden. */
function answers(fill: Answer, overrides: Record<string, Answer> = {}): Record<string, Answer> {
  return { ...Object.fromEntries(defaultQuestionnaire.items.map((i) => [i.behaviourId, fill])), ...overrides };
}

const rules: OpeningRules = { params, waveId: 'w1', k: 3, questionnaire: defaultQuestionnaire };

interface Sent {
  relationship: Relationship;
  answers: Record<string, Answer>;
}

function sealAll(sent: readonly Sent[]): Map<Relationship, Uint8Array[]> {
  const rows = new Map<Relationship, Uint8Array[]>();
  for (const x of sent) rows.set(x.relationship, [...(rows.get(x.relationship) ?? []), seal(K, slotPlaintexts(defaultQuestionnaire, answerCodes(defaultQuestionnaire, x.answers)))]);
  return rows;
}

/** Runs both phases with the given trustees and returns the opened tallies. */
function open(groups: Map<Relationship, Uint8Array[]>, trustees: number[]): GroupTally[] {
  const logs = new SmallLogs();
  const toOpen = (countShares?: Map<Relationship, { index: number; shares: ReturnType<typeof makeShares> }[]>): GroupToOpen[] =>
    // What the server sends: only groups with the responses they need.
    [...groups]
      .filter(([relationship, responses]) => responses.length >= (relationship === 'peer' || relationship === 'subordinate' ? rules.k : 1))
      .map(([relationship, responses]) => ({ rateeNip: 'A', relationship, responses, countShares: countShares?.get(relationship) }));
  const counts = new Map(trustees.map((i) => [i, trusteeShares(rules, 'counts', keys.get(i)!, toOpen(), logs)]));
  const countShares = new Map<Relationship, { index: number; shares: ReturnType<typeof makeShares> }[]>();
  for (const [index, list] of counts) for (const s of list) countShares.set(s.relationship, [...(countShares.get(s.relationship) ?? []), { index, shares: s }]);
  const sums = new Map(trustees.map((i) => [i, trusteeShares(rules, 'sums', keys.get(i)!, toOpen(countShares), logs)]));
  return [...groups].flatMap(([relationship, responses]) => {
    const tally = sumSealed(responses);
    const slotsOpened = (phase: Map<number, ReturnType<typeof trusteeShares>>) => {
      const got = new Map<number, Point[]>();
      let slots: number[] = [];
      for (const [index, list] of phase) {
        const s = list.find((x) => x.relationship === relationship);
        if (!s) return null;
        expect(verifyShares(rules, phase === counts ? 'counts' : 'sums', tally, index, keys.get(index)!.verificationKeys.get(index)!, s)).toBe(true);
        got.set(index, s.shares.map(decodePoint));
        slots = s.slots;
      }
      return { slots, values: combineShares(rules, tally, responses.length, slots, got, logs) };
    };
    const c = slotsOpened(counts);
    if (!c) return [];
    const s = slotsOpened(sums);
    const opened = s ? Object.fromEntries(s.slots.map((slot, j) => [slot, s.values[j]!])) : null;
    return [{ rateeNip: 'A', rateeUnitId: 'u', relationship, responses: responses.length, values: readTally(c.values, opened) }];
  });
}

/** Values 1–2, 3–4 and 5–6 share a sum slot; value 7 has its own (format berakhlak-tally/2). */
const partner = (v: number) => (v === 6 ? 6 : v ^ 1);

/** The plaintext reference, with sums withheld exactly where opening withholds them: below k, or beside a value below k. */
function expected(sent: readonly Sent[]): GroupTally[] {
  const needed = (g: GroupTally) => (g.relationship === 'peer' || g.relationship === 'subordinate' ? 3 : 1);
  return tallyResponses(
    defaultQuestionnaire,
    sent.map((x) => ({ rateeNip: 'A', rateeUnitId: 'u', relationship: x.relationship, codes: answerCodes(defaultQuestionnaire, x.answers) })),
  )
    .filter((g) => g.responses >= needed(g))
    .map((g) => ({ ...g, values: g.values.map((v, i) => (v.count >= needed(g) && g.values[partner(i)]!.count >= needed(g) ? v : { ...v, sum: null })) }));
}

const bp = (a: Answer, b: Answer, c: Answer) => ({ 'bp-1': a, 'bp-2': b, 'bp-3': c });
const sent: Sent[] = [
  { relationship: 'superior', answers: answers(4, bp(5, 5, 5)) },
  { relationship: 'peer', answers: answers(3, bp(3, 4, 'na')) },
  { relationship: 'peer', answers: answers(4) },
  { relationship: 'peer', answers: answers(5, bp('na', 'na', 'na')) },
  { relationship: 'peer', answers: answers(2, { 'ak-1': 'na' }) },
  { relationship: 'subordinate', answers: answers(1) },
  { relationship: 'subordinate', answers: answers(2) },
  { relationship: 'self', answers: answers(5) },
];

describe('sealed tallies', () => {

  it('lays out one response as count and sum slots', () => {
    const plain = slotPlaintexts(defaultQuestionnaire, answerCodes(defaultQuestionnaire, answers(4, bp(3, 4, 'na'))));
    expect(plain).toHaveLength(slotCount);
    expect(slotCount).toBe(6);
    // Every value scored: 1 + 21 + 21² + 21³ and 1 + 21 + 21²; m = 6 × mean, two values per slot in base 601.
    expect(plain.slice(0, countSlots)).toEqual([1 + 21 + 441 + 9261, 1 + 21 + 441]);
    expect([0, 1, 2, 3, 4, 5, 6].map(sumSlotOf)).toEqual([2, 2, 3, 3, 4, 4, 5]);
    expect(plain[sumSlotOf(0)]).toBe(21 + 601 * 24);
    expect(plain[sumSlotOf(6)]).toBe(24);
    // The base is out of any group's reach: 20 responses of 5 on every behaviour sum to 600 per value.
    expect(sumBase).toBe(5 * 6 * maxGroupResponses + 1);
    const none = slotPlaintexts(defaultQuestionnaire, answerCodes(defaultQuestionnaire, answers('na')));
    expect(none.every((m) => m === 0)).toBe(true);
  });

  it('opens with any two of three trustees to exactly the plaintext tallies, sums only where k responses scored the value', () => {
    const groups = sealAll(sent);
    const want = expected(sent);
    expect(open(groups, [1, 2])).toEqual(want);
    // A trustee's key file is lost: the other two still open everything.
    expect(open(groups, [2, 3])).toEqual(want);
    expect(open(groups, [3, 1])).toEqual(want);
    const peers = want.find((g) => g.relationship === 'peer')!;
    // Berorientasi Pelayanan was scored by 3 of 4 peers: opened; the two subordinates (< k) never are.
    expect(peers.values[0]).toEqual({ count: 3, sum: 21 + 24 + 12 });
    expect(want.some((g) => g.relationship === 'subordinate')).toBe(false);
  });

  it('withholds the sum of a value fewer than k responses scored, and of the value sharing its slot', () => {
    const few: Sent[] = [
      { relationship: 'peer', answers: answers(3, bp('na', 'na', 'na')) },
      { relationship: 'peer', answers: answers(4, bp('na', 'na', 'na')) },
      { relationship: 'peer', answers: answers(5) },
    ];
    const [peers] = open(sealAll(few), [1, 2]);
    expect(peers!.values[0]).toEqual({ count: 1, sum: null });
    // Scored by all three, but its sum is packed with the first value's: it stays closed too.
    expect(peers!.values[1]).toEqual({ count: 3, sum: null });
    expect(peers!.values[2]).toEqual({ count: 3, sum: 18 + 24 + 30 });
  });

  it('opens nothing with one trustee alone', () => {
    const tally = sumSealed(sealAll(sent).get('peer')!);
    const one = makeShares(rules, 'counts', { rateeNip: 'A', relationship: 'peer' }, tally, [0, 1], 1, keys.get(1)!.share, keys.get(1)!.verificationKeys.get(1)!);
    const single = new Map([[1, one.shares.map(decodePoint)]]);
    expect(() => combineShares(rules, tally, 4, [0, 1], single, new SmallLogs())).toThrow(/quorum/);
    // Even forced through as if it were a quorum of one, a single share yields no plaintext in range.
    expect(() => combineShares({ ...rules, params: { ...params, quorum: 1 } }, tally, 4, [0, 1], single, new SmallLogs())).toThrow(expect.objectContaining({ code: 'out_of_range' }));
  });
});

describe("the trustee's rules", () => {
  const key = () => keys.get(1)!;
  const rows = () => sealAll(sent);

  it('refuses a single response, a group below k and a group asked for twice', () => {
    const logs = new SmallLogs();
    const peer = rows().get('peer')!;
    expect(() => trusteeShares(rules, 'counts', key(), [{ rateeNip: 'A', relationship: 'peer', responses: [peer[0]!] }], logs)).toThrow(/refused/);
    expect(() => trusteeShares(rules, 'counts', key(), [{ rateeNip: 'A', relationship: 'subordinate', responses: rows().get('subordinate')! }], logs)).toThrow(/fewer than 3/);
    const twice = { rateeNip: 'A', relationship: 'peer' as const, responses: peer };
    expect(() => trusteeShares(rules, 'counts', key(), [twice, twice], logs)).toThrow(/twice/);
    // The superior and self are their own groups of one, opened where the wave includes them.
    expect(trusteeShares(rules, 'counts', key(), [{ rateeNip: 'A', relationship: 'superior', responses: rows().get('superior')! }], logs)).toHaveLength(1);
  });

  it('never opens below k = 3, whatever k the server claims, nor a superior group of two', () => {
    const logs = new SmallLogs();
    const peer = rows().get('peer')!;
    expect(() => trusteeShares({ ...rules, k: 1 }, 'counts', key(), [{ rateeNip: 'A', relationship: 'peer', responses: peer.slice(0, 2) }], logs)).toThrow(/fewer than 3/);
    const superior = rows().get('superior')!;
    expect(() => trusteeShares(rules, 'counts', key(), [{ rateeNip: 'A', relationship: 'superior', responses: [superior[0]!, peer[0]!] }], logs)).toThrow(/superior group of 2/);
  });

  it('refuses one response shown in two groups, or a group shown twice, across pages and phases', () => {
    const logs = new SmallLogs();
    const peer = rows().get('peer')!;
    const session = new OpeningSession();
    trusteeShares(rules, 'counts', key(), [{ rateeNip: 'A', relationship: 'peer', responses: peer.slice(0, 3) }], logs, undefined, session);
    // The next page: a "group" of another ratee built from one response already shown plus others.
    const extra = sealAll(sent).get('peer')!;
    expect(() =>
      trusteeShares(rules, 'counts', key(), [{ rateeNip: 'B', relationship: 'peer', responses: [peer[0]!, extra[1]!, extra[2]!] }], logs, undefined, session),
    ).toThrow(/one response shown in two groups/);
    expect(() => trusteeShares(rules, 'counts', key(), [{ rateeNip: 'A', relationship: 'peer', responses: peer.slice(0, 3) }], logs, undefined, session)).toThrow(/twice/);
  });

  it('refuses to open sums against counts whose shares are forged, missing or from another group', () => {
    const logs = new SmallLogs();
    const peer = rows().get('peer')!;
    const group = { rateeNip: 'A', relationship: 'peer' as const, responses: peer };
    const two = trusteeShares(rules, 'counts', keys.get(2)!, [group], logs)[0]!;
    // Trustee 1 needs trustee 2's count shares (its own it recomputes).
    expect(() => trusteeShares(rules, 'sums', key(), [{ ...group, countShares: [] }], logs)).toThrow(/not opened yet/);
    const forged = { ...two, shares: [flip(two.shares[0]!), two.shares[1]!] };
    expect(() => trusteeShares(rules, 'sums', key(), [{ ...group, countShares: [{ index: 2, shares: forged }] }], logs)).toThrow(/do not verify/);
    // Shares made for this group presented for another ratee's: bound to the group, they fail.
    const elsewhere = { ...group, rateeNip: 'B' };
    expect(() => trusteeShares(rules, 'sums', key(), [{ ...elsewhere, countShares: [{ index: 2, shares: { ...two, rateeNip: 'B' } }] }], logs)).toThrow(/do not verify/);
    const ok = trusteeShares(rules, 'sums', key(), [{ ...group, countShares: [{ index: 2, shares: two }] }], logs);
    expect(ok[0]!.slots.length).toBeGreaterThan(0);
  });
});

describe('decryption shares', () => {
  let tally: Uint8Array;
  let good: ReturnType<typeof makeShares>;
  const group = { rateeNip: 'A', relationship: 'peer' as const };
  const V = (i: number) => keys.get(i)!.verificationKeys.get(i)!;

  beforeAll(() => {
    tally = sumSealed(sealAll(sent).get('peer')!);
    good = makeShares(rules, 'counts', group, tally, [0, 1], 2, keys.get(2)!.share, V(2));
  });

  it('accepts a correct share and rejects a forged one', () => {
    expect(verifyShares(rules, 'counts', tally, 2, V(2), good)).toBe(true);
    expect(verifyShares(rules, 'counts', tally, 2, V(2), { ...good, shares: [flip(good.shares[0]!), good.shares[1]!] })).toBe(false);
    // A share made with the wrong key (trustee 3's secret claimed as trustee 2's).
    const wrongKey = makeShares(rules, 'counts', group, tally, [0, 1], 2, keys.get(3)!.share, V(2));
    expect(verifyShares(rules, 'counts', tally, 2, V(2), wrongKey)).toBe(false);
    // A correct share shifted to change the plaintext, under the original proof: the proof fails.
    const shifted = encode(add(decodePoint(good.shares[0]!), mulBase(scalarOf(1))));
    expect(verifyShares(rules, 'counts', tally, 2, V(2), { ...good, shares: [shifted, good.shares[1]!] })).toBe(false);
    const shiftedSecond = encode(add(decodePoint(good.shares[1]!), mulBase(scalarOf(1))));
    expect(verifyShares(rules, 'counts', tally, 2, V(2), { ...good, shares: [good.shares[0]!, shiftedSecond] })).toBe(false);
    // Errors that cancel in a plain sum (M₁ + X, M₂ − X) do not cancel in the weighted fold.
    const X = mulBase(scalarOf(21));
    const cancelling = [encode(add(decodePoint(good.shares[0]!), X)), encode(sub(decodePoint(good.shares[1]!), X))];
    expect(verifyShares(rules, 'counts', tally, 2, V(2), { ...good, shares: cancelling })).toBe(false);
  });

  it('rejects shares swapped between slots, replayed for another trustee, wave, phase or tally', () => {
    expect(verifyShares(rules, 'counts', tally, 2, V(2), { ...good, shares: [good.shares[1]!, good.shares[0]!] })).toBe(false);
    expect(verifyShares(rules, 'counts', tally, 3, V(3), good)).toBe(false);
    expect(verifyShares({ ...rules, waveId: 'w2' }, 'counts', tally, 2, V(2), good)).toBe(false);
    expect(verifyShares(rules, 'sums', tally, 2, V(2), good)).toBe(false);
    const other = addSealed(tally, seal(K, slotPlaintexts(defaultQuestionnaire, answerCodes(defaultQuestionnaire, answers(3)))));
    expect(verifyShares(rules, 'counts', other, 2, V(2), good)).toBe(false);
  });

});
