import { initializeApp } from 'firebase/app';
import { connectAuthEmulator, getAuth, type Auth } from 'firebase/auth';
import { apiRequest } from '../../lib/api-client.js';

interface ClientConfig {
  firebase: { apiKey: string; authDomain: string; projectId: string };
  authEmulatorUrl: string | null;
}

let authPromise: Promise<Auth> | null = null;

/** The web config comes from the API at run time, so one build serves every environment. */
export function firebaseAuth(): Promise<Auth> {
  authPromise ??= apiRequest<ClientConfig>('/api/config').then((config) => {
    const auth = getAuth(initializeApp(config.firebase));
    if (config.authEmulatorUrl) connectAuthEmulator(auth, config.authEmulatorUrl, { disableWarnings: true });
    return auth;
  });
  authPromise.catch(() => {
    authPromise = null;
  });
  return authPromise;
}
