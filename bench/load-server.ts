/** A bench server in its own process, with `npm start`'s Node flags, and HTTP load against it. */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { serverNodeFlags } from '../scripts/server-flags.js';

/** A server in its own process over a launched wave of `raters` people; its URL and tickets. */
export async function startServer(dir: string, raters: number, name: string, env: NodeJS.ProcessEnv = {}) {
  const port = 8700 + Math.floor(Math.random() * 200);
  const child = spawn(process.execPath, [...serverNodeFlags, '--import', 'tsx', 'bench/submit-server.ts', join(dir, `${name}.json`)], {
    env: { ...process.env, BENCH_RATERS: String(raters), PORT: String(port), DATA_DIR: join(dir, name), FIREBASE_AUTH_EMULATOR_HOST: '127.0.0.1:1', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url: string = await new Promise((ready, fail) => {
    child.stdout!.on('data', (b: Buffer) => {
      const m = /READY (\S+)/.exec(b.toString());
      if (m) ready(m[1]!);
    });
    child.once('exit', (code) => fail(new Error(`server exited ${code}`)));
  });
  const tickets = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as { code: string; ticketId: string }[];
  const stop = async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  };
  return { url, tickets, stop };
}

/** `amount` JSON POSTs to `path` over 50 connections, each body from `nextBody`. */
export function postLoad(url: string, path: string, amount: number, nextBody: () => string, onResponse?: () => void) {
  return autocannon({
    url: `${url}${path}`,
    connections: 50,
    amount,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (req) => ({ ...req, body: nextBody() }), onResponse }],
  });
}

