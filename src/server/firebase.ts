import { getApps, initializeApp, type App } from 'firebase-admin/app';
import { getAuth, type Auth } from 'firebase-admin/auth';

/**
 * firebase-admin for one project. With an emulator host it never needs credentials; the env var is
 * how firebase-admin itself discovers the emulator, so it is set here, once, before first use.
 */
export function firebaseAuthFor(projectId: string, authEmulatorHost: string | null): Auth {
  process.env.METADATA_SERVER_DETECTION ??= 'none';
  if (authEmulatorHost) process.env.FIREBASE_AUTH_EMULATOR_HOST = authEmulatorHost;
  return getAuth(firebaseAppFor(projectId));
}

/** One firebase-admin app per project, shared by Auth and Firestore. */
export function firebaseAppFor(projectId: string): App {
  return getApps().find((a) => a.name === projectId) ?? initializeApp({ projectId }, projectId);
}
