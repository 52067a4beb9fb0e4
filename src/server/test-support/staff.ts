import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import type { Role } from '../../domain/schema.js';
import { firebaseAuthFor } from '../firebase.js';

export const TEST_PROJECT = 'demo-berakhlak-test';

export function testAuth() {
  return firebaseAuthFor(TEST_PROJECT, inject('authEmulatorHost'));
}

type Claims = { role?: Role; trustee?: boolean; agencies?: string[] };

/** Creates a real account in the Auth emulator and signs it in, returning its ID token. */
export async function signInStaff(claims: Claims | null): Promise<{ token: string; uid: string; email: string }> {
  const auth = testAuth();
  const email = `staff-${randomUUID()}@test.example`;
  const password = 'test-password-1';
  const user = await auth.createUser({ email, password });
  if (claims) await auth.setCustomUserClaims(user.uid, claims);
  const token = await idTokenFor(email, password);
  return { token, uid: user.uid, email };
}

/** One fresh signed-in account per name, at once: their ID tokens by the same names. */
export async function staffTokens<K extends string>(accounts: Record<K, Claims>): Promise<Record<K, string>> {
  const names = Object.keys(accounts) as K[];
  const tokens = await Promise.all(names.map((name) => signInStaff(accounts[name]).then((s) => s.token)));
  return Object.fromEntries(names.map((name, i) => [name, tokens[i]!])) as Record<K, string>;
}

export async function idTokenFor(email: string, password: string): Promise<string> {
  const host = inject('authEmulatorHost');
  const res = await fetch(`http://${host}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=fake-api-key`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, returnSecureToken: true }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { idToken: string }).idToken;
}
