import { z } from 'zod';
import { normalizeInvitationCode } from './invitation-code.js';

export const invitationCodeSchema = z.string().transform((text, ctx) => {
  const code = normalizeInvitationCode(text);
  if (code === null) {
    ctx.addIssue({ code: 'custom', message: 'invitation code must be 26 base32 characters' });
    return z.NEVER;
  }
  return code;
});
