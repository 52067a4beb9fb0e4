import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { serverNodeFlags } from './server-flags.js';

describe('the embedded server’s Node flags', () => {
  it('are the ones npm start runs the server with', () => {
    const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.start).toBe(`node ${serverNodeFlags.join(' ')} --import tsx scripts/start.ts`);
  });
});
