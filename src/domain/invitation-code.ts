/**
 * Invitation codes: 26 characters of Crockford base32 = 130 bits. Crockford's alphabet has no
 * I, L, O or U, so codes survive being read aloud or typed from a printed slip.
 * No zod here: the respondent's phone loads this module; invitation-code-schema.ts wraps it.
 */
export const CODE_LENGTH = 26;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const VALID = new RegExp(`^[${ALPHABET}]{${CODE_LENGTH}}$`);

/** A code as people type or copy it (lower case, dashes, look-alike letters), or null. */
export function normalizeInvitationCode(text: string): string | null {
  const code = text
    .trim()
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  return VALID.test(code) ? code : null;
}

/** `randomBytes` must come from a CSPRNG (crypto.getRandomValues / node:crypto). */
export function encodeInvitationCode(randomBytes: Uint8Array): string {
  if (randomBytes.length < 17) throw new RangeError('need at least 130 random bits (17 bytes)');
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of randomBytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < CODE_LENGTH) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

/** The code travels in the URL fragment, which browsers never send to the server. */
export function codeFromFragment(hash: string): string | null {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!raw) return null;
  try {
    return normalizeInvitationCode(decodeURIComponent(raw));
  } catch {
    return null;
  }
}
