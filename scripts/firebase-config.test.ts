/** What firebase.json and firestore.rules promise, checked without running anything. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultRegion } from '../src/server/function-config.js';
import { pageHeaders } from '../src/server/page-headers.js';

interface Rewrite {
  source: string;
  destination?: string;
  function?: { functionId: string; region: string };
}
const firebase = JSON.parse(readFileSync('firebase.json', 'utf8')) as {
  firestore: { rules: string; location: string };
  storage: { rules: string };
  database: { rules: string };
  functions: { source: string; runtime: string };
  hosting: { public: string; rewrites: Rewrite[]; headers: { source: string; headers: { key: string; value: string }[] }[] };
};

describe('firestore.rules', () => {
  // Comments out, then every `match` path and every `allow` statement in order.
  const rules = readFileSync(firebase.firestore.rules, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '');

  it('denies every client read and write, and allows nothing anywhere else', () => {
    expect(rules).toMatch(/^\s*rules_version\s*=\s*'2'\s*;/);
    expect([...rules.matchAll(/\bservice\s+([\w.]+)/g)].map((m) => m[1])).toEqual(['cloud.firestore']);
    expect([...rules.matchAll(/\bmatch\s+(\S+)\s*\{/g)].map((m) => m[1])).toEqual(['/databases/{database}/documents', '/{document=**}']);
    const allows = [...rules.matchAll(/\ballow\b([^;]*);/g)].map((m) => m[1]!.replace(/\s+/g, ' ').trim());
    expect(allows).toEqual(['read, write: if false']);
    // No helper functions that could be called to grant anything.
    expect(rules).not.toMatch(/\bfunction\b/);
  });
});

describe('storage.rules and database.rules.json', () => {
  // The product uses neither; should either ever be switched on in the project, clients get nothing.
  it('deny every client read and write of Cloud Storage', () => {
    const rules = readFileSync(firebase.storage.rules, 'utf8').replace(/\/\/.*$/gm, '');
    expect([...rules.matchAll(/\bservice\s+([\w.]+)/g)].map((m) => m[1])).toEqual(['firebase.storage']);
    expect([...rules.matchAll(/\bmatch\s+(\S+)\s*\{/g)].map((m) => m[1])).toEqual(['/b/{bucket}/o', '/{allPaths=**}']);
    expect([...rules.matchAll(/\ballow\b([^;]*);/g)].map((m) => m[1]!.replace(/\s+/g, ' ').trim())).toEqual(['read, write: if false']);
    expect(rules).not.toMatch(/\bfunction\b/);
  });

  it('deny every client read and write of the Realtime Database', () => {
    expect(JSON.parse(readFileSync(firebase.database.rules, 'utf8'))).toEqual({ rules: { '.read': false, '.write': false } });
  });
});

describe('firebase.json', () => {
  const { rewrites, headers } = firebase.hosting;

  it('sends respondents to respond and the rest of /api to api, in their region, before the SPA fallbacks', () => {
    // Hosting takes the first match: the narrower respondent rewrite must come first.
    expect(rewrites[0]).toEqual({ source: '/api/respond/**', function: { functionId: 'respond', region: defaultRegion } });
    expect(rewrites[1]).toEqual({ source: '/api/**', function: { functionId: 'api', region: defaultRegion } });
    expect(rewrites.findIndex((r) => r.source === '/r' && r.destination === '/respond.html')).toBeGreaterThan(1);
    expect(rewrites.at(-1)).toEqual({ source: '**', destination: '/index.html' });
    expect(rewrites.filter((r) => r.function)).toHaveLength(2);
  });

  it('deploys the built function on Node 22 and keeps the database in Jakarta', () => {
    expect(firebase.functions).toMatchObject({ source: 'functions-dist', runtime: 'nodejs22' });
    expect(firebase.hosting.public).toBe('dist');
    expect(firebase.firestore.location).toBe('asia-southeast2');
    expect(defaultRegion).toBe('asia-southeast2');
  });

  const header = (source: string, key: string) => headers.find((h) => h.source === source)?.headers.find((x) => x.key === key)?.value;

  it('caches hashed assets for a year and sends the security headers everywhere', () => {
    expect(header('/assets/**', 'Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(header('**', 'X-Content-Type-Options')).toBe('nosniff');
    expect(header('**', 'Referrer-Policy')).toBe('no-referrer');
    expect(header('**', 'X-Frame-Options')).toBe('DENY');
    expect(header('**', 'Strict-Transport-Security')).toBe('max-age=31536000; includeSubDomains');
  });

  it('sends exactly the page headers the Node server sends, Content-Security-Policy included', () => {
    for (const [key, value] of Object.entries(pageHeaders(null))) expect(header('**', key), key).toBe(value);
    expect(header('**', 'Content-Security-Policy')).toMatch(/frame-ancestors 'none'/);
    expect(header('**', 'Content-Security-Policy')).not.toMatch(/unsafe-inline|'unsafe-eval'/);
  });
});
