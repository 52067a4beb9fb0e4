import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * A temporary folder for one test file's stores and copies, removed after its last test.
 * `file()` names a fresh database in it; `file(name)` a given one.
 */
export function scratchDir(prefix: string): { dir: string; file: (name?: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), `b360-${prefix}-`));
  let files = 0;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return { dir, file: (name = `store-${files++}.db`) => join(dir, name) };
}
