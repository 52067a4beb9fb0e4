import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRequest } from './api-client.js';

// A server that sends its headers at once and its JSON body only after a while.
let url = '';
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{"status":');
  setTimeout(() => res.end('"ok"}'), 300);
});
beforeAll(() => new Promise<void>((r) => server.listen(0, '127.0.0.1', () => ((url = `http://127.0.0.1:${(server.address() as { port: number }).port}`), r()))));
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('apiRequest', () => {
  it('reads a slow body in full', async () => {
    expect(await apiRequest<{ status: string }>(`${url}/x`)).toEqual({ status: 'ok' });
  });

  it('rejects, never answers null, when aborted while the body is still arriving', async () => {
    const controller = new AbortController();
    const pending = apiRequest(`${url}/x`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toThrow();
  });
});
