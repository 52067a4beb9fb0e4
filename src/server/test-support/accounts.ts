import type { Role } from '../../domain/schema.js';
import { firebaseAuthFor } from '../firebase.js';

/* Staff accounts in a running Auth emulator, for tests (staff.ts) and benchmarks alike. */

export type Claims = { role?: Role; trustee?: boolean; agencies?: string[] };

/** Signs in with a password through the emulator's REST API, answering the ID token. */
export async function idTokenAt(authHost: string, email: string, password: string): Promise<string> {
  const res = await fetch(`http://${authHost}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=fake-api-key`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, returnSecureToken: true }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { idToken: string }).idToken;
}

/** Creates an account with `claims` (none when null) and signs it in. */
export async function signedInAccount(authHost: string, projectId: string, email: string, claims: Claims | null): Promise<{ token: string; uid: string; email: string }> {
  const auth = firebaseAuthFor(projectId, authHost);
  const password = 'test-password-1';
  const user = await auth.createUser({ email, password });
  if (claims) await auth.setCustomUserClaims(user.uid, claims);
  return { token: await idTokenAt(authHost, email, password), uid: user.uid, email };
}
