import type { TrusteeSecret } from './ceremony.js';
import { decodeBytes, encode, randomBytes, s, SealingError } from './group.js';

/*
 * A trustee's key file: their ceremony secret, sealed with a passphrase only they know
 * (Argon2id, then XChaCha20-Poly1305 with the file's header as associated data, so a header
 * edited to point at another ceremony or seat no longer opens). It is made in the trustee's
 * browser and saved by them; the server never sees it or the passphrase.
 */

export const keyFileKind = 'berakhlak-trustee-key';

export interface KeyFile {
  kind: typeof keyFileKind;
  version: 1;
  ceremonyId: string;
  agencyId: string;
  trusteeIndex: number;
  /** Kᵢ₀, to tell files apart; public. */
  publicKey: string;
  kdf: { alg: 'argon2id13'; opsLimit: number; memLimit: number; salt: string };
  nonce: string;
  ciphertext: string;
}

/** OWASP's Argon2id guidance is at least 19 MiB and 2 passes; a key file is opened rarely, so more. */
export const defaultKdf = { opsLimit: 3, memLimit: 64 * 1024 * 1024 };

export const minPassphraseLength = 12;

function header(file: Omit<KeyFile, 'nonce' | 'ciphertext'>): string {
  return JSON.stringify([file.kind, file.version, file.ceremonyId, file.agencyId, file.trusteeIndex, file.publicKey, file.kdf]);
}

function derive(passphrase: string, salt: Uint8Array, kdf: { opsLimit: number; memLimit: number }): Uint8Array {
  return s().crypto_pwhash(32, passphrase, salt, kdf.opsLimit, kdf.memLimit, s().crypto_pwhash_ALG_ARGON2ID13);
}

export function sealKeyFile(
  secret: TrusteeSecret,
  meta: { agencyId: string; publicKey: string },
  passphrase: string,
  kdf: { opsLimit: number; memLimit: number } = defaultKdf,
): KeyFile {
  if (passphrase.length < minPassphraseLength) throw new SealingError('refused', `a passphrase of at least ${minPassphraseLength} characters`);
  const salt = randomBytes(s().crypto_pwhash_SALTBYTES);
  const head: Omit<KeyFile, 'nonce' | 'ciphertext'> = {
    kind: keyFileKind,
    version: 1,
    ceremonyId: secret.ceremonyId,
    agencyId: meta.agencyId,
    trusteeIndex: secret.index,
    publicKey: meta.publicKey,
    kdf: { alg: 'argon2id13', opsLimit: kdf.opsLimit, memLimit: kdf.memLimit, salt: encode(salt) },
  };
  const nonce = randomBytes(24);
  const plain = new TextEncoder().encode(JSON.stringify(secret));
  const ciphertext = s().crypto_aead_xchacha20poly1305_ietf_encrypt(plain, header(head), null, nonce, derive(passphrase, salt, kdf));
  plain.fill(0);
  return { ...head, nonce: encode(nonce), ciphertext: encode(ciphertext) };
}

export function openKeyFile(file: unknown, passphrase: string): { file: KeyFile; secret: TrusteeSecret } {
  const f = file as Partial<KeyFile> | null;
  if (!f || f.kind !== keyFileKind || f.version !== 1 || typeof f.ciphertext !== 'string' || typeof f.nonce !== 'string' || !f.kdf || f.kdf.alg !== 'argon2id13') {
    throw new SealingError('invalid_key_file', 'not a BerAKHLAK trustee key file');
  }
  // A file cannot make the browser spend more than the strongest setting we write.
  if (!(f.kdf.opsLimit >= 1 && f.kdf.opsLimit <= 10 && f.kdf.memLimit >= 8192 && f.kdf.memLimit <= 256 * 1024 * 1024)) {
    throw new SealingError('invalid_key_file', 'key file settings out of range');
  }
  const full = f as KeyFile;
  let plain: Uint8Array;
  try {
    plain = s().crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      decodeBytes(full.ciphertext),
      header(full),
      decodeBytes(full.nonce, 24),
      derive(passphrase, decodeBytes(full.kdf.salt), full.kdf),
    );
  } catch {
    throw new SealingError('wrong_passphrase', 'the passphrase does not open this key file');
  }
  const secret = JSON.parse(new TextDecoder().decode(plain)) as TrusteeSecret;
  plain.fill(0);
  if (secret.ceremonyId !== full.ceremonyId || secret.index !== full.trusteeIndex) throw new SealingError('invalid_key_file', 'key file header and contents disagree');
  return { file: full, secret };
}
