import {
  add,
  decodeScalar,
  encode,
  equal,
  hashToScalar,
  mul,
  mulBase,
  randomScalar,
  scalarMul,
  scalarSub,
  type Point,
  type Scalar,
} from './group.js';
import type { Proof } from './schema.js';

/*
 * Non-interactive zero-knowledge proofs, made non-interactive with Fiat–Shamir over a transcript
 * that starts with a context (the ceremony, the wave, the group): a proof made for one context
 * fails in every other, so it cannot be replayed or moved. Proofs carry (challenge, response) as
 * in ElectionGuard; the verifier recomputes the commitments and checks the challenge.
 */

export type { Proof };

/** Knowledge of x with X = x·G (Schnorr). */
export function proveKnowledge(context: Uint8Array, label: string, x: Scalar, X: Point): Proof {
  const u = randomScalar();
  const h = mulBase(u);
  const c = hashToScalar('berakhlak/schnorr/v1', context, label, X, h);
  return { c: encode(c), v: encode(scalarSub(u, scalarMul(c, x))) };
}

export function verifyKnowledge(context: Uint8Array, label: string, X: Point, proof: Proof): boolean {
  try {
    const c = decodeScalar(proof.c);
    const v = decodeScalar(proof.v);
    // h = v·G + c·X
    const h = add(mulBase(v), mul(c, X));
    return equal(c, hashToScalar('berakhlak/schnorr/v1', context, label, X, h));
  } catch {
    return false;
  }
}

/**
 * Equality of discrete logarithms (Chaum–Pedersen) for a batch: with one secret s, K = s·G and
 * Mⱼ = s·Aⱼ for every j. The batch is folded into one statement with weights drawn from the
 * transcript after every Mⱼ is fixed (as RFC 9497 §2.2.1 does for its batched DLEQ proofs):
 * A* = Σ zⱼ·Aⱼ, M* = Σ zⱼ·Mⱼ, and the proof is that M* = s·A*. The first weight is 1 (as in the
 * small-exponent batch test of Bellare, Garay and Rabin), which spares two multiplications: a
 * wrong M₁ alone always shows, and any other wrong Mⱼ makes M* ≠ s·A* except with probability 1/ℓ.
 */
export function proveEqualLogs(context: Uint8Array, s: Scalar, K: Point, A: readonly Point[], M: readonly Point[]): Proof {
  const { aStar, mStar } = fold(context, K, A, M, false, s);
  const u = randomScalar();
  const a = mulBase(u);
  const b = mul(u, aStar);
  const c = hashToScalar('berakhlak/dleq/v1', context, K, aStar, mStar, a, b);
  return { c: encode(c), v: encode(scalarSub(u, scalarMul(c, s))) };
}

export function verifyEqualLogs(context: Uint8Array, K: Point, A: readonly Point[], M: readonly Point[], proof: Proof): boolean {
  try {
    if (A.length !== M.length || A.length === 0) return false;
    const c = decodeScalar(proof.c);
    const v = decodeScalar(proof.v);
    const { aStar, mStar } = fold(context, K, A, M, true);
    const a = add(mulBase(v), mul(c, K));
    const b = add(mul(v, aStar), mul(c, mStar));
    return equal(c, hashToScalar('berakhlak/dleq/v1', context, K, aStar, mStar, a, b));
  } catch {
    return false;
  }
}

function fold(context: Uint8Array, K: Point, A: readonly Point[], M: readonly Point[], verifying: boolean, s?: Scalar): { aStar: Point; mStar: Point } {
  if (A.length !== M.length) throw new Error('batch of unequal lengths');
  if (A.length === 1) return { aStar: A[0]!, mStar: M[0]! };
  const seed = hashToScalar('berakhlak/dleq-batch/v2', context, K, ...A, ...M);
  let aStar: Point = A[0]!;
  let mStar: Point = M[0]!;
  for (let j = 1; j < A.length; j++) {
    const z = hashToScalar('berakhlak/dleq-weight/v2', seed, j);
    aStar = add(aStar, mul(z, A[j]!));
    // The prover, knowing s, gets M* as s·A* at the end; the verifier must fold the Mⱼ it was given.
    if (verifying) mStar = add(mStar, mul(z, M[j]!));
  }
  return { aStar, mStar: verifying ? mStar : mul(s!, aStar) };
}
