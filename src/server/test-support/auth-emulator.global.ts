import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startAuthEmulator } from '../../../scripts/auth-emulator.js';

declare module 'vitest' {
  export interface ProvidedContext {
    authEmulatorHost: string;
  }
}

/** One real Firebase Auth emulator for the whole vitest run, on ports apart from `npm start`'s. */
export default async function setup(project: TestProject) {
  const workDir = mkdtempSync(join(tmpdir(), 'b360-auth-'));
  const port = Number(process.env.TEST_AUTH_EMULATOR_PORT ?? 9299);
  const emulator = await startAuthEmulator({ projectId: 'demo-berakhlak-test', host: '127.0.0.1', port, workDir, quiet: true });
  project.provide('authEmulatorHost', emulator.host);
  return async () => {
    await emulator.stop();
    rmSync(workDir, { recursive: true, force: true });
  };
}
