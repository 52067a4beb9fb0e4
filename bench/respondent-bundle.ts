/** Builds the respondent page and sums the gzip size of every script it loads. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { report } from './report.js';

const vite = join(createRequire(import.meta.url).resolve('vite/package.json'), '..', 'bin', 'vite.js');
const started = performance.now();
execFileSync(process.execPath, [vite, 'build', '-c', 'vite.respondent.config.ts', '--logLevel', 'error', '--outDir', 'dist-bench', '--emptyOutDir'], {
  stdio: 'inherit',
});
const built = performance.now() - started;
type Chunk = { file: string; imports?: string[]; isEntry?: boolean };
const manifest = JSON.parse(readFileSync('dist-bench/respond-manifest.json', 'utf8')) as Record<string, Chunk>;
const files = new Set<string>();
const visit = (key: string) => {
  const chunk = manifest[key]!;
  if (files.has(chunk.file)) return;
  files.add(chunk.file);
  for (const i of chunk.imports ?? []) visit(i);
};
for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
let raw = 0;
let gzip = 0;
for (const f of files) {
  const bytes = readFileSync(join('dist-bench', f));
  raw += bytes.length;
  gzip += gzipSync(bytes, { level: 9 }).length;
}
console.log(`${'respondent page JavaScript'.padEnd(44)} ${(gzip / 1024).toFixed(1).padStart(7)} KB gzip  (budget ≤ 90 KB: ${gzip / 1024 <= 90 ? 'met' : 'MISSED'})  ${(raw / 1024).toFixed(0)} KB raw in ${files.size} file(s)`);
report('  (respondent build time)', built, null);
