import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { startNodeServer, type RunningServer } from './node.js';

const dir = mkdtempSync(join(tmpdir(), 'b360-node-'));
let server: RunningServer;
const script = `console.log(${JSON.stringify('x'.repeat(20_000))});`;

beforeAll(async () => {
  const dist = join(dir, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>staff</title>');
  writeFileSync(join(dist, 'respond.html'), '<!doctype html><title>respond</title>');
  writeFileSync(join(dist, 'assets', 'app-abc123.js'), script);
  const config = loadConfig({ PORT: '8391', HOST: '127.0.0.1', DATA_DIR: join(dir, 'data'), FIREBASE_AUTH_EMULATOR_HOST: '127.0.0.1:1' });
  server = await startNodeServer(config, { distDir: dist });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Raw HTTP, so the response is seen as sent (fetch would undo the compression). */
function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: number }>((done, fail) => {
    const req = request(`${server.url}${path}`, { headers }, (res) => {
      let bytes = 0;
      res.on('data', (b: Buffer) => (bytes += b.length));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, bytes }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('the Node server’s static files', () => {
  it('sends hashed assets gzipped to clients that accept it, cached for a year', async () => {
    const res = await get('/assets/app-abc123.js', { 'accept-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.bytes).toBeLessThan(script.length / 10);
    const plain = await get('/assets/app-abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.bytes).toBe(script.length);
  });

  it('sends the page security headers with pages and files, a CSP without inline script among them', async () => {
    for (const path of ['/r', '/instansi/kab-contoh', '/assets/app-abc123.js']) {
      const res = await get(path);
      expect(res.headers['content-security-policy'], path).toMatch(/script-src 'self' 'wasm-unsafe-eval';/);
      expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      expect(res.headers['content-security-policy']).toMatch(/connect-src 'self' .*http:\/\/127\.0\.0\.1:1/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['permissions-policy']).toMatch(/camera=\(\)/);
    }
  });

  it('serves the respondent page at /r and the staff app for other paths, never cached stale', async () => {
    const respond = await get('/r');
    expect(respond.status).toBe(200);
    expect(respond.headers['cache-control']).toBe('no-cache');
    const staff = await get('/instansi/kab-contoh');
    expect(staff.status).toBe(200);
    expect(staff.headers['content-type']).toMatch(/text\/html/);
  });
});

/** Raw HTTP POST: `chunked` sends the body without a Content-Length. */
function post(path: string, body: string, options: { chunked?: boolean } = {}) {
  return new Promise<{ status: number; code: string }>((done, fail) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (!options.chunked) headers['content-length'] = String(Buffer.byteLength(body));
    const req = request(`${server.url}${path}`, { method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (b: Buffer) => (text += b.toString()));
      res.on('end', () => done({ status: res.statusCode ?? 0, code: (JSON.parse(text) as { error?: { code: string } }).error?.code ?? '' }));
    });
    req.on('error', fail);
    if (options.chunked) {
      req.write(body.slice(0, 5));
      req.write(body.slice(5));
    } else req.write(body);
    req.end();
  });
}

describe('the Node server’s JSON bodies', () => {
  it('reads a body with a declared length, and one sent in chunks, to the same answer', async () => {
    const body = JSON.stringify({ code: 'not a code' });
    expect(await post('/api/respond/open', body)).toEqual({ status: 400, code: 'invitation_code_invalid' });
    expect(await post('/api/respond/open', body, { chunked: true })).toEqual({ status: 400, code: 'invitation_code_invalid' });
  });

  it('answers malformed JSON with 400 and an oversized body with 413, either way', async () => {
    expect(await post('/api/respond/open', '{"code": ')).toEqual({ status: 400, code: 'malformed_json' });
    expect(await post('/api/respond/open', '{"code": ', { chunked: true })).toEqual({ status: 400, code: 'malformed_json' });
    const big = JSON.stringify({ code: 'x'.repeat(2_000_000) });
    expect(await post('/api/respond/open', big)).toEqual({ status: 413, code: 'payload_too_large' });
    expect(await post('/api/respond/open', big, { chunked: true })).toEqual({ status: 413, code: 'payload_too_large' });
  });
});

describe('the Node server’s API', () => {
  /** A raw POST, so nothing adds a Content-Type the test did not ask for. */
  function post(path: string, payload: string, headers: Record<string, string>) {
    return new Promise<{ status: number; body: string }>((done, fail) => {
      // A connection of its own: an earlier test's refused upload may have left a pooled one closing.
      const req = request(`${server.url}${path}`, { method: 'POST', agent: false, headers: { 'content-length': String(Buffer.byteLength(payload)), ...headers } }, (res) => {
        let body = '';
        res.on('data', (b: Buffer) => (body += b.toString()));
        res.on('end', () => done({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', fail);
      req.end(payload);
    });
  }

  it('answers a JSON body sent without a Content-Type, or as text, with 415', async () => {
    const payload = JSON.stringify({ code: '0'.repeat(26) });
    for (const headers of [{}, { 'content-type': 'text/plain' }] as Record<string, string>[]) {
      const res = await post('/api/respond/open', payload, headers);
      expect(res.status).toBe(415);
      expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'unsupported_media_type' } });
    }
    // The same body as JSON reaches the route (a well-formed code nobody holds: 404).
    expect((await post('/api/respond/open', payload, { 'content-type': 'application/json' })).status).toBe(404);
  });
});
