import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiRequest, ApiRequestError } from './api-client.js';

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
    expect(await apiRequest(`${url}/x`, { schema: z.object({ status: z.string() }) })).toEqual({ status: 'ok' });
  });

  it('rejects, never answers null, when aborted while the body is still arriving', async () => {
    const controller = new AbortController();
    const pending = apiRequest(`${url}/x`, { signal: controller.signal, schema: z.object({ status: z.string() }) });
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toThrow();
  });

  it('parses the answer with the contract schema it is given, and names what does not fit', async () => {
    expect(await apiRequest(`${url}/x`, { schema: z.object({ status: z.literal('ok') }) })).toEqual({ status: 'ok' });
    const wrong = apiRequest(`${url}/x`, { schema: z.object({ status: z.int(), waves: z.array(z.string()) }) });
    await expect(wrong).rejects.toBeInstanceOf(ApiRequestError);
    await expect(apiRequest(`${url}/x`, { schema: z.object({ status: z.int(), waves: z.array(z.string()) }) })).rejects.toMatchObject({
      code: 'unexpected_response',
      // Not 0: that would read as offline, and this answer would come back the same on every retry.
      status: 200,
      issues: [{ path: 'status' }, { path: 'waves' }],
      messages: { en: expect.stringContaining('does not expect') },
    });
  });
});
