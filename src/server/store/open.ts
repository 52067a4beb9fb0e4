import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../config.js';
import { RampLimiter } from './firestore/ramp.js';
import type { SurveyStore } from './port.js';

/**
 * Which SurveyStore adapter a process uses, from its environment:
 * - `STORE=firestore` (the default): production on Cloud Functions;
 * - `STORE=sqlite`: the embedded store in `DATA_DIR`, for a `demo-` project only (the emulators).
 *   On Cloud Functions every instance has its own throwaway disk, so SQLite there would lose data.
 */
const storeEnvSchema = z.object({
  STORE: z.enum(['firestore', 'sqlite'], { error: 'must be firestore or sqlite' }).default('firestore'),
  DATA_DIR: z.string().min(1).default('.data'),
});

export type StoreConfig = { engine: 'sqlite'; file: string } | { engine: 'firestore'; projectId: string };

export function loadStoreConfig(projectId: string, env: NodeJS.ProcessEnv = process.env): StoreConfig {
  const parsed = storeEnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment / Konfigurasi lingkungan tidak valid:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.STORE === 'sqlite') {
    if (!projectId.startsWith('demo-')) {
      throw new ConfigError(
        `STORE=sqlite is only for demo- projects (emulators); ${projectId} needs STORE=firestore / STORE=sqlite hanya untuk proyek demo-`,
      );
    }
    return { engine: 'sqlite', file: join(resolve(e.DATA_DIR), 'survey.db') };
  }
  return { engine: 'firestore', projectId };
}

/**
 * The one place a store adapter is chosen and opened. Adapters are imported on demand, so a
 * process only ever loads the one it uses (production never loads the native SQLite module).
 */
export async function openStore(config: StoreConfig): Promise<SurveyStore> {
  switch (config.engine) {
    case 'sqlite': {
      const { openSqliteStore } = await import('./sqlite/sqlite-store.js');
      mkdirSync(join(config.file, '..'), { recursive: true });
      return openSqliteStore(config.file);
    }
    case 'firestore': {
      const [{ FirestoreStore }, { getFirestore }, { firebaseAppFor }] = await Promise.all([
        import('./firestore/firestore-store.js'),
        import('firebase-admin/firestore'),
        import('../firebase.js'),
      ]);
      return new FirestoreStore(getFirestore(firebaseAppFor(config.projectId)), { ramp: () => new RampLimiter() });
    }
  }
}
