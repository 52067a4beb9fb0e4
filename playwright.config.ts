import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { serverNodeFlags } from './scripts/server-flags.js';

const PORT = Number(process.env.E2E_PORT ?? 4173);
const AUTH_PORT = Number(process.env.E2E_AUTH_PORT ?? 9399);
const dataDir = join(tmpdir(), `b360-e2e-${PORT}`);

// Debian's Chromium: Playwright's own browser download cannot run on these machines.
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
};

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    launchOptions: chromium,
    locale: 'id-ID',
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], launchOptions: chromium } },
    { name: 'phone', use: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, launchOptions: chromium }, testMatch: /respond\.spec/ },
  ],
  webServer: {
    // The real local stack, fresh for every run: a newcomer's `npm start` on an empty data folder.
    command: `rm -rf "${dataDir}" && node ${serverNodeFlags.join(' ')} --import tsx scripts/start.ts`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    // SIGTERM lets the start script stop the Auth emulator it started; a SIGKILL would orphan it.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 30_000 },
    stdout: 'ignore',
    stderr: 'pipe',
    // TRUSTED_PROXIES=1: specs that act as many raters at once (support.ts) stand for a proxy in front.
    env: { PORT: String(PORT), DATA_DIR: dataDir, FIREBASE_AUTH_EMULATOR_HOST: `127.0.0.1:${AUTH_PORT}`, QUIET: '1', TRUSTED_PROXIES: '1' },
  },
});
