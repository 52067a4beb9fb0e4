import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config.js';
import { readFileSync } from 'node:fs';
import { functionRegion, loadFunctionConfig, respondFunctionOptions, respondMinInstances, staffFunctionOptions } from './function-config.js';

describe('the Cloud Function environment', () => {
  it('runs a demo project on SQLite under the emulators', () => {
    const config = loadFunctionConfig({ GCLOUD_PROJECT: 'demo-berakhlak', STORE: 'sqlite', DATA_DIR: '/tmp/b360-x', FIREBASE_AUTH_EMULATOR_HOST: '127.0.0.1:5442' });
    expect(config.store).toEqual({ engine: 'sqlite', file: join(resolve('/tmp/b360-x'), 'survey.db') });
    expect(config.server.projectId).toBe('demo-berakhlak');
    expect(config.server.authEmulatorHost).toBe('127.0.0.1:5442');
  });

  it('defaults a real project to Firestore and takes the web config from WEB_*', () => {
    const config = loadFunctionConfig({ FIREBASE_CONFIG: JSON.stringify({ projectId: 'pemda-360' }), WEB_API_KEY: 'AIza-test' });
    expect(config.store).toEqual({ engine: 'firestore', projectId: 'pemda-360' });
    expect(config.server.authEmulatorHost).toBeNull();
    expect(config.server.web).toEqual({ apiKey: 'AIza-test', authDomain: 'pemda-360.firebaseapp.com', projectId: 'pemda-360' });
  });

  it('refuses what would lose data or break sign-in', () => {
    expect(() => loadFunctionConfig({})).toThrow(ConfigError);
    expect(() => loadFunctionConfig({ GCLOUD_PROJECT: 'pemda-360' })).toThrow(/FIREBASE_API_KEY/);
    expect(() => loadFunctionConfig({ GCLOUD_PROJECT: 'pemda-360', WEB_API_KEY: 'k', STORE: 'sqlite' })).toThrow(/only for demo- projects/);
    expect(() => loadFunctionConfig({ GCLOUD_PROJECT: 'demo-berakhlak', STORE: 'postgres' })).toThrow(/STORE/);
  });

  it('trusts the two proxies in front of the function (Hosting’s CDN, Google’s front end) unless told otherwise', () => {
    const base = { GCLOUD_PROJECT: 'demo-berakhlak' };
    expect(loadFunctionConfig(base).server.trustedProxies).toBe(2);
    expect(loadFunctionConfig({ ...base, TRUSTED_PROXIES: '1' }).server.trustedProxies).toBe(1);
    expect(() => loadFunctionConfig({ ...base, TRUSTED_PROXIES: 'all' })).toThrow(/TRUSTED_PROXIES: must be a whole number of proxies/);
  });

  it('runs in Jakarta unless API_REGION says otherwise', () => {
    expect(functionRegion({})).toBe('asia-southeast2');
    expect(functionRegion({ API_REGION: 'asia-southeast1' })).toBe('asia-southeast1');
    expect(() => functionRegion({ API_REGION: 'Jakarta' })).toThrow(ConfigError);
  });

  it('sizes respondents and staff apart, and Hosting sends /api/respond/** to the respondent function before the rest of /api', () => {
    expect(respondFunctionOptions).toMatchObject({ memory: '512MiB', timeoutSeconds: 60, maxInstances: 100 });
    expect(staffFunctionOptions).toMatchObject({ memory: '1GiB', maxInstances: 10 });
    const rewrites = (JSON.parse(readFileSync('firebase.json', 'utf8')) as { hosting: { rewrites: { source: string; function?: { functionId: string } }[] } }).hosting.rewrites;
    expect(rewrites.filter((r) => r.function).map((r) => [r.source, r.function!.functionId])).toEqual([
      ['/api/respond/**', 'respond'],
      ['/api/**', 'api'],
    ]);
  });

  it('keeps respondent instances warm only when told (RESPOND_MIN_INSTANCES)', () => {
    expect(respondMinInstances({})).toBe(0);
    expect(respondMinInstances({ RESPOND_MIN_INSTANCES: '3' })).toBe(3);
    expect(() => respondMinInstances({ RESPOND_MIN_INSTANCES: 'many' })).toThrow(/RESPOND_MIN_INSTANCES/);
    expect(() => respondMinInstances({ RESPOND_MIN_INSTANCES: '500' })).toThrow(ConfigError);
  });
});
