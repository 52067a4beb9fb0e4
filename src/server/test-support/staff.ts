import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { firebaseAuthFor } from '../firebase.js';
import { idTokenAt, signedInAccount, type Claims } from './accounts.js';

export const TEST_PROJECT = 'demo-berakhlak-test';

export function testAuth() {
  return firebaseAuthFor(TEST_PROJECT, inject('authEmulatorHost'));
}

/** Creates a real account in the Auth emulator and signs it in, returning its ID token. */
export async function signInStaff(claims: Claims | null): Promise<{ token: string; uid: string; email: string }> {
  return signedInAccount(inject('authEmulatorHost'), TEST_PROJECT, `staff-${randomUUID()}@test.example`, claims);
}

/** One fresh signed-in account per name, at once: their ID tokens by the same names. */
export async function staffTokens<K extends string>(accounts: Record<K, Claims>): Promise<Record<K, string>> {
  const names = Object.keys(accounts) as K[];
  const tokens = await Promise.all(names.map((name) => signInStaff(accounts[name]).then((s) => s.token)));
  return Object.fromEntries(names.map((name, i) => [name, tokens[i]!])) as Record<K, string>;
}

export const idTokenFor = (email: string, password: string): Promise<string> => idTokenAt(inject('authEmulatorHost'), email, password);
