import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import { firebaseAuthFor } from './firebase.js';
import { bearer, body, makeApi } from './test-support/api.js';
import { signInStaff, testAuth, TEST_PROJECT } from './test-support/staff.js';

/** An unsigned token as anyone can write one for the Auth emulator, with the claims they like. */
function handMade(uid: string, claims: Record<string, unknown>): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({
    iss: `https://securetoken.google.com/${TEST_PROJECT}`,
    aud: TEST_PROJECT,
    auth_time: now,
    user_id: uid,
    sub: uid,
    iat: now,
    exp: now + 3600,
    firebase: { identities: {}, sign_in_provider: 'password' },
    ...claims,
  })}.`;
}

describe('tokens under the Auth emulator', () => {
  it('take role and agencies from the account, never from a hand-made token', async () => {
    const { app } = makeApi();
    const nobody = await signInStaff(null);
    const forged = handMade(nobody.uid, { role: 'admin', agencies: ['kab-a'], trustee: true });
    // The emulator accepts the unsigned token as this account's; the account itself has no role.
    const res = await app.request('/api/agencies', { headers: bearer(forged) });
    expect(res.status).toBe(403);
    expect((await body<{ error: { code: string } }>(res)).error.code).toBe('no_role');
    // Nor does it make the account a trustee: /api/me, open to trustees without a role, refuses it too.
    expect((await body<{ error: { code: string } }>(await app.request('/api/me', { headers: bearer(forged) }))).error.code).toBe('no_role');
    // A coordinator's genuine token claiming more in a forged copy gets only what the account has.
    const coordinator = await signInStaff({ role: 'coordinator', agencies: ['kab-a'] });
    const promoted = await app.request('/api/agencies', { method: 'POST', headers: { ...bearer(handMade(coordinator.uid, { role: 'admin' })), 'content-type': 'application/json' }, body: JSON.stringify({ id: 'kab-x', name: 'X' }) });
    expect(promoted.status).toBe(403);
    expect((await body<{ error: { code: string } }>(promoted)).error.code).toBe('forbidden_role');
  });

  it('follow the account at once: a role taken away stops a token issued before', async () => {
    const { app } = makeApi();
    const admin = await signInStaff({ role: 'admin' });
    expect((await app.request('/api/agencies', { headers: bearer(admin.token) })).status).toBe(200);
    await testAuth().setCustomUserClaims(admin.uid, null);
    expect((await app.request('/api/agencies', { headers: bearer(admin.token) })).status).toBe(403);
  });

  it('are refused outright with a project that is not demo-', () => {
    expect(() => loadConfig({ FIREBASE_PROJECT_ID: 'berakhlak-prod', FIREBASE_API_KEY: 'k', FIREBASE_AUTH_EMULATOR_HOST: '127.0.0.1:9099' })).toThrow(ConfigError);
    expect(() => firebaseAuthFor('berakhlak-prod', '127.0.0.1:9099')).toThrow(/demo-/);
    // A real project without the emulator is fine to configure.
    expect(loadConfig({ FIREBASE_PROJECT_ID: 'berakhlak-prod', FIREBASE_API_KEY: 'k' }).authEmulatorHost).toBeNull();
  });
});
