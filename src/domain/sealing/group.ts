import sodium from 'libsodium-wrappers-sumo';

/*
 * The prime-order group ristretto255 (RFC 9496) and its scalars, from libsodium (audited). Nothing
 * below the group operations is written here: points and scalars stay libsodium's canonical 32-byte
 * encodings, and every point that arrives from outside is decoded (and so validated) by libsodium.
 * See docs/sealing.md for why libsodium rather than @noble/curves (speed, measured there).
 */

/** A canonical ristretto255 encoding: 32 bytes. */
export type Point = Uint8Array;
/** A scalar modulo the group order ℓ, 32 bytes little-endian, reduced. */
export type Scalar = Uint8Array;

export class SealingError extends Error {
  constructor(
    readonly code:
      | 'not_ready'
      | 'invalid_point'
      | 'invalid_scalar'
      | 'invalid_encoding'
      | 'invalid_proof'
      | 'invalid_share'
      | 'wrong_passphrase'
      | 'invalid_key_file'
      | 'refused'
      | 'out_of_range',
    message: string,
  ) {
    super(message);
    this.name = 'SealingError';
  }
}

let lib: typeof sodium | null = null;

/** libsodium compiles its WebAssembly once per thread; every other function here is synchronous. */
export async function sealingReady(): Promise<void> {
  await sodium.ready;
  lib = sodium;
}

export function s(): typeof sodium {
  if (!lib) throw new SealingError('not_ready', 'await sealingReady() before sealing');
  return lib;
}

export const IDENTITY: Point = new Uint8Array(32);

let generator: Point | null = null;
/** The base point G. */
export function base(): Point {
  return (generator ??= s().crypto_scalarmult_ristretto255_base(scalarOf(1)));
}

export function isIdentity(p: Point): boolean {
  for (const byte of p) if (byte !== 0) return false;
  return true;
}

export const add = (p: Point, q: Point): Point => s().crypto_core_ristretto255_add(p, q);
export const sub = (p: Point, q: Point): Point => s().crypto_core_ristretto255_sub(p, q);

/** n·P. The identity never comes out of an honest computation here: it is refused as invalid input. */
export function mul(n: Scalar, p: Point): Point {
  if (isIdentity(p)) throw new SealingError('invalid_point', 'the identity element cannot be multiplied');
  try {
    return s().crypto_scalarmult_ristretto255(n, p);
  } catch {
    // libsodium refuses a zero result (n ≡ 0) and invalid encodings.
    throw new SealingError('invalid_point', 'scalar multiplication failed');
  }
}

/**
 * n·P for a small positive integer n: by doubling and adding when that is cheaper than one
 * multiplication (libsodium: an addition costs about a fifth of a multiplication), else by one.
 */
export function timesInteger(n: bigint, p: Point): Point {
  if (n <= 0n || n > BigInt(Number.MAX_SAFE_INTEGER)) throw new SealingError('invalid_scalar', 'not a small positive integer');
  if (n > 15n) return mul(scalarOf(Number(n)), p);
  let acc: Point | null = null;
  for (const bit of n.toString(2)) {
    if (acc) acc = add(acc, acc);
    if (bit === '1') acc = acc ? add(acc, p) : p;
  }
  return acc!;
}

/** n·G; 0·G is the identity. */
export function mulBase(n: Scalar): Point {
  if (isZeroScalar(n)) return IDENTITY;
  return s().crypto_scalarmult_ristretto255_base(n);
}

export function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/**
 * A uniform scalar: 64 bytes from the platform's CSPRNG (WebCrypto, in browsers and Node alike)
 * reduced mod ℓ, the method RFC 9496 §4.4 gives. libsodium's own scalar_random calls back into
 * JavaScript for its randomness and costs some 240 µs a scalar here; this costs 5.
 */
export function randomScalar(): Scalar {
  const wide = randomBytes(64);
  const scalar = s().crypto_core_ristretto255_scalar_reduce(wide);
  wide.fill(0);
  return scalar;
}
export const scalarAdd = (a: Scalar, b: Scalar): Scalar => s().crypto_core_ristretto255_scalar_add(a, b);
export const scalarSub = (a: Scalar, b: Scalar): Scalar => s().crypto_core_ristretto255_scalar_sub(a, b);
export const scalarMul = (a: Scalar, b: Scalar): Scalar => s().crypto_core_ristretto255_scalar_mul(a, b);
export function scalarInvert(a: Scalar): Scalar {
  if (isZeroScalar(a)) throw new SealingError('invalid_scalar', 'zero has no inverse');
  return s().crypto_core_ristretto255_scalar_invert(a);
}

export function isZeroScalar(a: Scalar): boolean {
  return isIdentity(a);
}

/** A non-negative integer below 2^53 as a scalar. */
export function scalarOf(n: number): Scalar {
  if (!Number.isSafeInteger(n) || n < 0) throw new SealingError('invalid_scalar', `not a small non-negative integer: ${n}`);
  const bytes = new Uint8Array(32);
  let rest = n;
  for (let i = 0; rest > 0; i++) {
    bytes[i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  return bytes;
}

// The group order ℓ = 2^252 + 27742317777372353535851937790883648493, little-endian.
const ORDER = Uint8Array.from([
  0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0x10,
]);

/** Whether 32 bytes are a canonical (fully reduced) scalar: anything else is refused on input. */
export function isCanonicalScalar(bytes: Uint8Array): boolean {
  if (bytes.length !== 32) return false;
  for (let i = 31; i >= 0; i--) {
    if (bytes[i]! < ORDER[i]!) return true;
    if (bytes[i]! > ORDER[i]!) return false;
  }
  return false;
}

/** Fiat–Shamir and key derivation: SHA-512 over a domain tag and length-prefixed parts. */
export function transcript(tag: string, ...parts: (Uint8Array | string | number)[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const push = (bytes: Uint8Array) => {
    const length = new Uint8Array(4);
    new DataView(length.buffer).setUint32(0, bytes.length);
    chunks.push(length, bytes);
  };
  push(new TextEncoder().encode(tag));
  for (const part of parts) {
    if (typeof part === 'number') push(new TextEncoder().encode(`#${part}`));
    else if (typeof part === 'string') push(new TextEncoder().encode(part));
    else push(part);
  }
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return s().crypto_hash_sha512(all);
}

/** A uniformly distributed scalar from a transcript (64 bytes reduced mod ℓ, as RFC 9496 §4.4 does). */
export function hashToScalar(tag: string, ...parts: (Uint8Array | string | number)[]): Scalar {
  return s().crypto_core_ristretto255_scalar_reduce(transcript(tag, ...parts));
}

// Wire encoding: base64url without padding, 43 characters for 32 bytes.

export function encode(bytes: Uint8Array): string {
  return s().to_base64(bytes, s().base64_variants.URLSAFE_NO_PADDING);
}

export function decodeBytes(text: string, length?: number): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = s().from_base64(text, s().base64_variants.URLSAFE_NO_PADDING);
  } catch {
    throw new SealingError('invalid_encoding', 'not base64url');
  }
  if (length !== undefined && bytes.length !== length) throw new SealingError('invalid_encoding', `expected ${length} bytes`);
  return bytes;
}

/** A point from outside: refused unless it is a canonical ristretto255 encoding. */
export function decodePoint(text: string): Point {
  const bytes = decodeBytes(text, 32);
  if (!s().crypto_core_ristretto255_is_valid_point(bytes)) throw new SealingError('invalid_point', 'not a ristretto255 point');
  return bytes;
}

export function decodeScalar(text: string): Scalar {
  const bytes = decodeBytes(text, 32);
  if (!isCanonicalScalar(bytes)) throw new SealingError('invalid_scalar', 'not a canonical scalar');
  return bytes;
}

export function randomBytes(n: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}
