import {
  add,
  decodeBytes,
  decodePoint,
  decodeScalar,
  encode,
  equal,
  mul,
  mulBase,
  randomBytes,
  randomScalar,
  s,
  scalarAdd,
  scalarMul,
  scalarOf,
  SealingError,
  transcript,
  type Point,
  type Scalar,
} from './group.js';
import { proveKnowledge, verifyKnowledge } from './proofs.js';
import type { EncryptedShare, ShareConfirmation, TrusteeCommitment } from './schema.js';

/*
 * The key ceremony: dealer-less threshold key generation, following ElectionGuard's (Pedersen's
 * protocol with Feldman commitments). Each trustee i makes a random polynomial Pᵢ of degree t − 1
 * in their own browser and publishes Kᵢⱼ = aᵢⱼ·G with proofs of knowledge. Trustee i sends Pᵢ(ℓ) to
 * each other trustee ℓ, encrypted to ℓ's communication key; ℓ checks it against the commitments.
 * The joint key is K = Σᵢ Kᵢ₀; trustee ℓ's share of its secret is sℓ = Σᵢ Pᵢ(ℓ), and any t shares
 * open what K seals. Nobody, the server included, ever holds Σᵢ aᵢ₀.
 */

export interface CeremonyParams {
  ceremonyId: string;
  agencyId: string;
  /** t: how many trustees together open results. */
  quorum: number;
  /** Indices 1..n in order, each a staff account. */
  trustees: readonly { index: number; uid: string }[];
}

/** What only trustee `index` ever holds, inside their passphrase-protected key file. */
export interface TrusteeSecret {
  ceremonyId: string;
  index: number;
  /** aᵢ₀ … aᵢ,t−1. */
  coefficients: string[];
  /** eᵢ, for the shares other trustees send. */
  commSecret: string;
}

export type { EncryptedShare, ShareConfirmation, TrusteeCommitment };

export function checkParams(params: CeremonyParams): void {
  const n = params.trustees.length;
  if (params.quorum < 1 || params.quorum > n) throw new SealingError('refused', `quorum ${params.quorum} of ${n} trustees`);
  params.trustees.forEach((t, i) => {
    if (t.index !== i + 1) throw new SealingError('refused', 'trustee indices must be 1..n in order');
  });
  if (new Set(params.trustees.map((t) => t.uid)).size !== n) throw new SealingError('refused', 'a trustee appears twice');
}

/** Q: every proof, share and key of the ceremony is bound to it. */
export function ceremonyHash(params: CeremonyParams): Uint8Array {
  return transcript(
    'berakhlak/ceremony/v1',
    params.ceremonyId,
    params.agencyId,
    params.trustees.length,
    params.quorum,
    ...params.trustees.flatMap((t) => [t.index, t.uid]),
  );
}

export function startTrustee(params: CeremonyParams, index: number): { secret: TrusteeSecret; commitment: TrusteeCommitment } {
  checkParams(params);
  if (!params.trustees.some((t) => t.index === index)) throw new SealingError('refused', `no trustee ${index}`);
  const Q = ceremonyHash(params);
  const coefficients = Array.from({ length: params.quorum }, () => randomScalar());
  const commitments = coefficients.map((a) => mulBase(a));
  const commSecret = randomScalar();
  const commKey = mulBase(commSecret);
  return {
    secret: { ceremonyId: params.ceremonyId, index, coefficients: coefficients.map(encode), commSecret: encode(commSecret) },
    commitment: {
      index,
      commitments: commitments.map(encode),
      commitmentProofs: coefficients.map((a, j) => proveKnowledge(Q, `coefficient:${index}:${j}`, a, commitments[j]!)),
      commKey: encode(commKey),
      commKeyProof: proveKnowledge(Q, `comm:${index}`, commSecret, commKey),
    },
  };
}

export function verifyCommitment(params: CeremonyParams, c: TrusteeCommitment): boolean {
  if (!params.trustees.some((t) => t.index === c.index)) return false;
  if (c.commitments.length !== params.quorum || c.commitmentProofs.length !== params.quorum) return false;
  const Q = ceremonyHash(params);
  try {
    const points = c.commitments.map(decodePoint);
    if (!points.every((K, j) => verifyKnowledge(Q, `coefficient:${c.index}:${j}`, K, c.commitmentProofs[j]!))) return false;
    return verifyKnowledge(Q, `comm:${c.index}`, decodePoint(c.commKey), c.commKeyProof);
  } catch {
    return false;
  }
}

function allCommitments(params: CeremonyParams, commitments: readonly TrusteeCommitment[]): Map<number, TrusteeCommitment> {
  const byIndex = new Map(commitments.map((c) => [c.index, c]));
  for (const t of params.trustees) {
    const c = byIndex.get(t.index);
    if (!c) throw new SealingError('refused', `trustee ${t.index} has not committed yet`);
    if (!verifyCommitment(params, c)) throw new SealingError('invalid_proof', `trustee ${t.index}'s commitments do not verify`);
  }
  return byIndex;
}

/** Pᵢ(x) by Horner's rule. */
function evaluate(coefficients: readonly Scalar[], x: number): Scalar {
  const X = scalarOf(x);
  let acc = coefficients[coefficients.length - 1]!;
  for (let j = coefficients.length - 2; j >= 0; j--) acc = scalarAdd(scalarMul(acc, X), coefficients[j]!);
  return acc;
}

/** Σⱼ xʲ·Kⱼ, the commitment to Pᵢ(x), by Horner's rule on points. */
function evaluateCommitments(commitments: readonly Point[], x: number): Point {
  const X = scalarOf(x);
  let acc = commitments[commitments.length - 1]!;
  for (let j = commitments.length - 2; j >= 0; j--) acc = add(mul(X, acc), commitments[j]!);
  return acc;
}

function shareKey(Q: Uint8Array, from: number, to: number, ephemeral: Point, recipient: Point, shared: Point): Uint8Array {
  return transcript('berakhlak/share-key/v1', Q, from, to, ephemeral, recipient, shared).slice(0, 32);
}

const shareAd = (Q: Uint8Array, from: number, to: number) => transcript('berakhlak/share-ad/v1', Q, from, to);

/** Round 2: after every trustee has committed, trustee i sends Pᵢ(ℓ) to each other ℓ. */
export function dealShares(params: CeremonyParams, secret: TrusteeSecret, commitments: readonly TrusteeCommitment[]): EncryptedShare[] {
  const byIndex = allCommitments(params, commitments);
  const Q = ceremonyHash(params);
  const coefficients = secret.coefficients.map(decodeScalar);
  const mine = byIndex.get(secret.index)!;
  // A key file from another ceremony, or commitments of this seat the server swapped, stop here.
  if (!coefficients.every((a, j) => mine.commitments[j] !== undefined && equal(decodePoint(mine.commitments[j]!), mulBase(a)))) {
    throw new SealingError('refused', 'this key file does not belong to this ceremony seat');
  }
  return params.trustees
    .filter((t) => t.index !== secret.index)
    .map((t) => {
      const w = randomScalar();
      const ephemeral = mulBase(w);
      const recipient = decodePoint(byIndex.get(t.index)!.commKey);
      const shared = mul(w, recipient);
      const nonce = randomBytes(24);
      const ciphertext = s().crypto_aead_xchacha20poly1305_ietf_encrypt(
        evaluate(coefficients, t.index),
        shareAd(Q, secret.index, t.index),
        null,
        nonce,
        shareKey(Q, secret.index, t.index, ephemeral, recipient, shared),
      );
      return { from: secret.index, to: t.index, ephemeral: encode(ephemeral), nonce: encode(nonce), ciphertext: encode(ciphertext) };
    });
}

/**
 * Round 3 and every later use of the key: trustee ℓ opens the shares sent to it, checks each
 * against its sender's commitments, and adds them to its own Pℓ(ℓ). Throws SealingError
 * 'invalid_share' naming the sender when one does not check out.
 */
export function secretShare(params: CeremonyParams, secret: TrusteeSecret, commitments: readonly TrusteeCommitment[], shares: readonly EncryptedShare[]): Scalar {
  const byIndex = allCommitments(params, commitments);
  const Q = ceremonyHash(params);
  const me = secret.index;
  const coefficients = secret.coefficients.map(decodeScalar);
  const commSecret = decodeScalar(secret.commSecret);
  if (!equal(decodePoint(byIndex.get(me)!.commKey), mulBase(commSecret))) throw new SealingError('refused', 'this key file does not belong to this ceremony seat');
  let total = evaluate(coefficients, me);
  for (const t of params.trustees) {
    if (t.index === me) continue;
    const share = shares.find((x) => x.from === t.index && x.to === me);
    if (!share) throw new SealingError('refused', `trustee ${t.index} has not sent its share yet`);
    let value: Scalar;
    try {
      const ephemeral = decodePoint(share.ephemeral);
      const plain = s().crypto_aead_xchacha20poly1305_ietf_decrypt(
        null,
        decodeBytes(share.ciphertext),
        shareAd(Q, t.index, me),
        decodeBytes(share.nonce, 24),
        shareKey(Q, t.index, me, ephemeral, mulBase(commSecret), mul(commSecret, ephemeral)),
      );
      value = decodeScalar(encode(plain));
    } catch {
      throw new SealingError('invalid_share', `the share from trustee ${t.index} cannot be opened`);
    }
    const commitmentsOfSender = byIndex.get(t.index)!.commitments.map(decodePoint);
    if (!equal(mulBase(value), evaluateCommitments(commitmentsOfSender, me))) {
      throw new SealingError('invalid_share', `the share from trustee ${t.index} does not match its commitments`);
    }
    total = scalarAdd(total, value);
  }
  return total;
}

/** Vℓ = sℓ·G, computed from public commitments only: what decryption shares are checked against. */
export function verificationKey(params: CeremonyParams, commitments: readonly TrusteeCommitment[], index: number): Point {
  const byIndex = allCommitments(params, commitments);
  let acc: Point | null = null;
  for (const t of params.trustees) {
    const term = evaluateCommitments(byIndex.get(t.index)!.commitments.map(decodePoint), index);
    acc = acc ? add(acc, term) : term;
  }
  return acc!;
}

/** K = Σᵢ Kᵢ₀: what submissions are sealed to. */
export function jointKey(params: CeremonyParams, commitments: readonly TrusteeCommitment[]): Point {
  const byIndex = allCommitments(params, commitments);
  let acc: Point | null = null;
  for (const t of params.trustees) {
    const K = decodePoint(byIndex.get(t.index)!.commitments[0]!);
    acc = acc ? add(acc, K) : K;
  }
  return acc!;
}

/**
 * The ceremony as this trustee saw it: Q with every seat's commitments and communication key.
 * Confirmations are bound to it, and trustees compare its short form out of band, so a server
 * that showed one trustee a communication key of its own (to read the share sent to it) is caught.
 */
export function ceremonyView(params: CeremonyParams, commitments: readonly TrusteeCommitment[]): Uint8Array {
  const byIndex = new Map(commitments.map((c) => [c.index, c]));
  return transcript(
    'berakhlak/ceremony-view/v1',
    ceremonyHash(params),
    ...params.trustees.flatMap((t) => {
      const c = byIndex.get(t.index);
      return c ? [t.index, ...c.commitments, c.commKey] : [t.index];
    }),
  );
}

/** The view's short form to read aloud: 20 hex digits in groups of four. */
export function viewFingerprint(view: Uint8Array): string {
  return [...view.subarray(0, 10)].map((b) => b.toString(16).padStart(2, '0')).join('').toUpperCase().match(/.{4}/g)!.join('-');
}

export function confirmShare(params: CeremonyParams, commitments: readonly TrusteeCommitment[], index: number, share: Scalar): ShareConfirmation {
  return { index, proof: proveKnowledge(ceremonyView(params, commitments), `share:${index}`, share, mulBase(share)) };
}

export function verifyConfirmation(params: CeremonyParams, commitments: readonly TrusteeCommitment[], confirmation: ShareConfirmation): boolean {
  try {
    return verifyKnowledge(ceremonyView(params, commitments), `share:${confirmation.index}`, verificationKey(params, commitments, confirmation.index), confirmation.proof);
  } catch {
    return false;
  }
}

/**
 * The Lagrange coefficients λᵢ for interpolating at 0 from the trustees in `indices`, as exact
 * integers over one common denominator d: λᵢ = numerators[i] / d.
 * For a few trustees they are tiny (2 and −1, or 3 and −1 over 2), so combining shares costs a few
 * point additions instead of a scalar multiplication per share.
 */
export function lagrangeIntegers(indices: readonly number[]): { denominator: bigint; numerators: Map<number, bigint> } {
  const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
  const fractions = indices.map((index) => {
    let num = 1n;
    let den = 1n;
    for (const j of indices) {
      if (j === index) continue;
      num *= BigInt(j);
      den *= BigInt(j - index);
    }
    const g = gcd(num, den) * (den < 0n ? -1n : 1n);
    return { index, num: num / g, den: den / g };
  });
  const denominator = fractions.reduce((d, f) => (d * f.den) / gcd(d, f.den), 1n);
  return { denominator, numerators: new Map(fractions.map((f) => [f.index, (f.num * denominator) / f.den])) };
}
