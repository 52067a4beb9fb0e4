import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CODE_LENGTH, codeFromFragment, encodeInvitationCode } from './invitation-code.js';
import { invitationCodeSchema } from './invitation-code-schema.js';

describe('invitation codes', () => {
  it('encodes 17 random bytes as 26 Crockford base32 characters (130 bits)', () => {
    const codes = new Set(Array.from({ length: 2000 }, () => encodeInvitationCode(randomBytes(17))));
    expect(codes.size).toBe(2000);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(encodeInvitationCode(new Uint8Array(17))).toBe('0'.repeat(CODE_LENGTH));
    expect(encodeInvitationCode(new Uint8Array(17).fill(255))).toBe('Z'.repeat(CODE_LENGTH));
  });

  it('refuses too little randomness', () => {
    expect(() => encodeInvitationCode(new Uint8Array(16))).toThrow(RangeError);
  });

  it('reads codes from a fragment, forgiving case, dashes and look-alike letters', () => {
    const code = encodeInvitationCode(randomBytes(17));
    expect(codeFromFragment(`#${code}`)).toBe(code);
    expect(codeFromFragment(`#${code.toLowerCase()}`)).toBe(code);
    expect(invitationCodeSchema.parse('0O1IL' + code.slice(5))).toBe('00111' + code.slice(5));
    expect(codeFromFragment('')).toBeNull();
    expect(codeFromFragment('#short')).toBeNull();
    expect(codeFromFragment(`#${code}U`)).toBeNull();
  });
});
