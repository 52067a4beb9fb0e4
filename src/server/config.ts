import { resolve } from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('.data'),
  FIREBASE_PROJECT_ID: z
    .string()
    .regex(/^[a-z][a-z0-9-]{4,29}$/, 'must be a Firebase project id such as demo-berakhlak')
    .default('demo-berakhlak'),
  FIREBASE_API_KEY: z.string().min(1).optional(),
  FIREBASE_AUTH_DOMAIN: z.string().min(1).optional(),
  FIREBASE_AUTH_EMULATOR_HOST: z
    .string()
    .regex(/^[\w.-]+:\d+$/, 'must be host:port such as 127.0.0.1:9099')
    .optional(),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(256 * 1024),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  RATE_LIMIT_BAD_CODES: z.coerce.number().int().min(1).default(30),
  /** Proxies in front whose X-Forwarded-For entries count (see client-address.ts); 0 for none. */
  TRUSTED_PROXIES: z.coerce.number({ error: 'must be a whole number of proxies, 0 when none' }).int().min(0).max(10).default(0),
});

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  projectId: string;
  /** host:port of the Firebase Auth emulator, when tokens come from it. */
  authEmulatorHost: string | null;
  web: { apiKey: string; authDomain: string; projectId: string };
  bodyLimitBytes: number;
  respondRateLimits: { perMinute: number; badCodesPer10Minutes: number };
  trustedProxies: number;
}

export class ConfigError extends Error {}

/**
 * Reads the environment once, at start-up. A `demo-` project id can only ever talk to emulators,
 * so it defaults the Auth emulator on; a real project must say where its web config comes from.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment / Konfigurasi lingkungan tidak valid:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const isDemo = e.FIREBASE_PROJECT_ID.startsWith('demo-');
  const authEmulatorHost = e.FIREBASE_AUTH_EMULATOR_HOST ?? (isDemo ? '127.0.0.1:9099' : null);
  // The emulator's tokens are unsigned: with a real project anyone could write themselves an admin.
  if (authEmulatorHost && !isDemo) {
    throw new ConfigError('FIREBASE_AUTH_EMULATOR_HOST needs a demo- project id / FIREBASE_AUTH_EMULATOR_HOST hanya untuk proyek demo-');
  }
  if (!isDemo && !e.FIREBASE_API_KEY) {
    throw new ConfigError('FIREBASE_API_KEY is required for a real Firebase project / FIREBASE_API_KEY wajib untuk proyek Firebase sungguhan');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    projectId: e.FIREBASE_PROJECT_ID,
    authEmulatorHost,
    web: {
      apiKey: e.FIREBASE_API_KEY ?? 'demo-api-key',
      authDomain: e.FIREBASE_AUTH_DOMAIN ?? `${e.FIREBASE_PROJECT_ID}.firebaseapp.com`,
      projectId: e.FIREBASE_PROJECT_ID,
    },
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    respondRateLimits: { perMinute: e.RATE_LIMIT_PER_MINUTE, badCodesPer10Minutes: e.RATE_LIMIT_BAD_CODES },
    trustedProxies: e.TRUSTED_PROXIES,
  };
}
