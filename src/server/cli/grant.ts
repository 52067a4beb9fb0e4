/**
 * npm run grant -- <email> <role> [agencyId...]
 * npm run grant -- <email> trustee <agencyId...>
 * Sets a staff account's `role` and `agencies` custom claims, or adds the trustee capability for
 * the agencies (keeping the account's role, if any). Locally (a demo- project) it talks to
 * the Auth emulator; with FIREBASE_PROJECT_ID and Google credentials it changes the real project.
 */
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { agencyIdSchema, roleSchema } from '../../domain/schema.js';
import { ConfigError, loadConfig } from '../config.js';
import { firebaseAuthFor } from '../firebase.js';

const argsSchema = z
  .tuple([z.email({ error: 'first argument must be an email address' }), z.union([roleSchema, z.literal('trustee')])], z.string())
  .transform(([email, role, ...agencies]) => ({ email, role, agencies }))
  .superRefine((v, ctx) => {
    v.agencies.forEach((a, i) => {
      if (!agencyIdSchema.safeParse(a).success) ctx.addIssue({ code: 'custom', path: [2 + i], message: `"${a}" is not an agency id` });
    });
    if (v.role !== 'admin' && v.agencies.length === 0) {
      ctx.addIssue({ code: 'custom', path: [2], message: `a ${v.role} needs at least one agency id` });
    }
  });

const usage = `Pemakaian / usage: npm run grant -- <email> <admin|coordinator|auditor|trustee> [agencyId...]`;

export async function grant(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const parsed = argsSchema.safeParse(argv);
  if (!parsed.success) {
    throw new ConfigError(`${usage}\n${parsed.error.issues.map((i) => `  ${i.message}`).join('\n')}`);
  }
  const { email, role, agencies } = parsed.data;
  const config = loadConfig(env);
  const auth = firebaseAuthFor(config.projectId, config.authEmulatorHost);
  const user = await auth.getUserByEmail(email).catch((err: { code?: string }) => {
    if (err.code === 'auth/user-not-found') {
      throw new ConfigError(`Akun ${email} tidak ditemukan; buat akunnya dulu. / No account ${email}; create it first.`);
    }
    throw err;
  });
  const existing = (user.customClaims ?? {}) as { role?: string; trustee?: boolean; agencies?: string[] };
  // A trustee seat is a capability beside the role: granting it keeps the role, and a role change keeps it.
  const claims =
    role === 'trustee'
      ? { ...existing, trustee: true, agencies: [...new Set([...(existing.agencies ?? []), ...agencies])] }
      : { role, ...(existing.trustee ? { trustee: true } : {}), agencies: role === 'admin' ? [] : agencies };
  await auth.setCustomUserClaims(user.uid, claims);
  // Sessions issued before the change would keep the old claims for up to an hour.
  await auth.revokeRefreshTokens(user.uid);
  return `${email}: role=${claims.role ?? '-'}${claims.trustee ? ' trustee' : ''} agencies=[${claims.agencies.join(', ')}] (${config.projectId}${config.authEmulatorHost ? `, emulator ${config.authEmulatorHost}` : ''})`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  grant(process.argv.slice(2)).then(
    (line) => {
      console.log(line);
      process.exit(0);
    },
    (err: unknown) => {
      console.error(err instanceof ConfigError ? err.message : err);
      process.exit(err instanceof ConfigError ? 2 : 1);
    },
  );
}
