/**
 * npm run backup -- <file>
 * A consistent copy of the embedded store (DATA_DIR/survey.db) while the server keeps serving:
 * SQLite's online backup, page by page, with progress. Restore: stop the server, put the copy in
 * place as DATA_DIR/survey.db (and remove any survey.db-wal and survey.db-shm beside it), start.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { ConfigError } from '../config.js';

const argsSchema = z.tuple([z.string().min(1, 'give the file to write the backup to')]);
const usage = 'Pemakaian / usage: npm run backup -- <berkas-cadangan.db>';

export async function backup(argv: string[], env: NodeJS.ProcessEnv = process.env, progress: (line: string) => void = () => {}): Promise<string> {
  const parsed = argsSchema.safeParse(argv);
  if (!parsed.success) throw new ConfigError(`${usage}\n${parsed.error.issues.map((i) => `  ${i.message}`).join('\n')}`);
  const target = resolve(parsed.data[0]);
  const source = join(resolve(env.DATA_DIR ?? '.data'), 'survey.db');
  if (!existsSync(source)) throw new ConfigError(`Tidak ada basis data di ${source} / No database at ${source}`);
  if (existsSync(target)) throw new ConfigError(`${target} sudah ada; pilih berkas baru / ${target} exists; choose a new file`);
  // Read-only: the copy never writes to the live store; the server's writes go on meanwhile.
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    const { totalPages } = await db.backup(target, {
      progress({ totalPages, remainingPages }) {
        progress(`${Math.round(((totalPages - remainingPages) / Math.max(1, totalPages)) * 100)}% (${totalPages - remainingPages}/${totalPages})`);
        // Pages per step: small enough that submissions never wait long for the lock.
        return 256;
      },
    });
    progress(`100% (${totalPages}/${totalPages})`);
  } finally {
    db.close();
  }
  const copy = new Database(target, { readonly: true });
  try {
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`the copy fails SQLite's integrity check: ${String(check)}`);
  } finally {
    copy.close();
  }
  return `Cadangan tersimpan / backup written: ${target}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  backup(process.argv.slice(2), process.env, (line) => process.stderr.write(`\r${line}`)).then(
    (line) => {
      console.log(`\n${line}`);
      process.exit(0);
    },
    (err: unknown) => {
      console.error(`\n${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
