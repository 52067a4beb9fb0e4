import { getApps, initializeApp, type App } from 'firebase-admin/app';
import { getAuth, type Auth } from 'firebase-admin/auth';
import { ConfigError } from './config.js';

/**
 * firebase-admin for one project. With an emulator host it never needs credentials; the env var is
 * how firebase-admin itself discovers the emulator, so it is set here, once, before first use.
 */
export function firebaseAuthFor(projectId: string, authEmulatorHost: string | null): Auth {
  // The emulator's tokens are unsigned: against a real project that would let anyone in.
  if ((authEmulatorHost ?? process.env.FIREBASE_AUTH_EMULATOR_HOST) && !projectId.startsWith('demo-')) {
    throw new ConfigError(
      `The Auth emulator only runs with a demo- project id, not ${projectId} / Emulator Auth hanya untuk proyek demo-, bukan ${projectId}`,
    );
  }
  process.env.METADATA_SERVER_DETECTION ??= 'none';
  if (authEmulatorHost) process.env.FIREBASE_AUTH_EMULATOR_HOST = authEmulatorHost;
  return getAuth(firebaseAppFor(projectId));
}

/** One firebase-admin app per project, shared by Auth and Firestore. */
export function firebaseAppFor(projectId: string): App {
  return getApps().find((a) => a.name === projectId) ?? initializeApp({ projectId }, projectId);
}
