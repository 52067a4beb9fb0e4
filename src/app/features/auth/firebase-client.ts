import { initializeApp } from 'firebase/app';
import { connectAuthEmulator, getAuth, type Auth } from 'firebase/auth';
import { clientConfigSchema } from '../../../contract/system.js';
import { apiRequest } from '../../lib/api-client.js';

let authPromise: Promise<Auth> | null = null;

/** The web config comes from the API at run time, so one build serves every environment. */
export function firebaseAuth(): Promise<Auth> {
  authPromise ??= apiRequest('/api/config', { schema: clientConfigSchema }).then((config) => {
    const auth = getAuth(initializeApp(config.firebase));
    if (config.authEmulatorUrl) connectAuthEmulator(auth, config.authEmulatorUrl, { disableWarnings: true });
    return auth;
  });
  authPromise.catch(() => {
    authPromise = null;
  });
  return authPromise;
}
