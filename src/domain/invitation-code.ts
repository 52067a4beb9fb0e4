import { z } from 'zod';

/**
 * Invitation codes: 26 characters of Crockford base32 = 130 bits. Crockford's alphabet has no
 * I, L, O or U, so codes survive being read aloud or typed from a printed slip.
 */
export const CODE_LENGTH = 26;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const invitationCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .transform((s) => s.replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0'))
  .pipe(z.string().regex(new RegExp(`^[${ALPHABET}]{${CODE_LENGTH}}$`), 'invitation code must be 26 base32 characters'));

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
  const parsed = invitationCodeSchema.safeParse(decodeURIComponent(raw));
  return parsed.success ? parsed.data : null;
}
