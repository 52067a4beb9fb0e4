import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { testAuth, TEST_PROJECT } from '../test-support/staff.js';

const run = promisify(execFile);

async function grantCli(args: string[]) {
  const env = { ...process.env, FIREBASE_PROJECT_ID: TEST_PROJECT, FIREBASE_AUTH_EMULATOR_HOST: inject('authEmulatorHost') };
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/server/cli/grant.ts', ...args], { env });
    return { code: 0, out: stdout };
  } catch (err) {
    const e = err as { code: number; stderr: string };
    return { code: e.code, out: e.stderr };
  }
}

describe('npm run grant', () => {
  it('sets role and agency claims on an existing account', async () => {
    const email = `grant-${randomUUID()}@test.example`;
    const user = await testAuth().createUser({ email, password: 'secret-123' });
    const result = await grantCli([email, 'coordinator', 'kab-a', 'kab-b']);
    expect(result).toMatchObject({ code: 0 });
    expect(result.out).toContain('role=coordinator agencies=[kab-a, kab-b]');
    expect((await testAuth().getUser(user.uid)).customClaims).toEqual({ role: 'coordinator', agencies: ['kab-a', 'kab-b'] });

    expect((await grantCli([email, 'admin'])).code).toBe(0);
    expect((await testAuth().getUser(user.uid)).customClaims).toEqual({ role: 'admin', agencies: [] });
  });

  it('adds the trustee capability beside the role, and keeps it through a role change', async () => {
    const email = `grant-${randomUUID()}@test.example`;
    const user = await testAuth().createUser({ email, password: 'secret-123' });
    expect((await grantCli([email, 'trustee', 'kab-a'])).out).toContain('role=- trustee agencies=[kab-a]');
    expect((await testAuth().getUser(user.uid)).customClaims).toEqual({ trustee: true, agencies: ['kab-a'] });
    expect((await grantCli([email, 'auditor', 'kab-a'])).code).toBe(0);
    expect((await testAuth().getUser(user.uid)).customClaims).toEqual({ role: 'auditor', trustee: true, agencies: ['kab-a'] });
    expect((await grantCli([email, 'trustee'])).code).toBe(2);
  });

  it('refuses bad arguments with a usage message and changes nothing', async () => {
    const email = `grant-${randomUUID()}@test.example`;
    const user = await testAuth().createUser({ email, password: 'secret-123' });
    for (const [args, message] of [
      [[email, 'boss', 'kab-a'], /usage/],
      [[email, 'coordinator'], /needs at least one agency/],
      [[email, 'auditor', 'Kab A'], /not an agency id/],
      [['not-an-email', 'admin'], /email/],
    ] as const) {
      const result = await grantCli([...args]);
      expect(result.code).toBe(2);
      expect(result.out).toMatch(message);
    }
    expect((await testAuth().getUser(user.uid)).customClaims ?? {}).toEqual({});
  });

  it('says so when the account does not exist', async () => {
    const result = await grantCli([`nobody-${randomUUID()}@test.example`, 'admin']);
    expect(result.code).toBe(2);
    expect(result.out).toMatch(/No account/);
  });
});
