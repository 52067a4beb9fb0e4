import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeStoreContract } from '../contract.js';
import { openSqliteStore } from './sqlite-store.js';
import { migrations } from './migrations.js';

const dir = mkdtempSync(join(tmpdir(), 'b360-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

describeStoreContract('sqlite', async () => {
  const file = join(dir, `store-${n++}.db`);
  return { store: openSqliteStore(file), reopen: async () => openSqliteStore(file) };
});

describe('sqlite adapter specifics', () => {
  it('runs in WAL mode with secure_delete on and every migration recorded once', () => {
    const file = join(dir, 'pragmas.db');
    const store = openSqliteStore(file);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('secure_delete', { simple: true })).toBe(1);
    store.db.close();
    const again = openSqliteStore(file);
    const versions = again.db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
    expect(versions).toEqual(migrations.map((m) => m.version));
    again.db.close();
  });

  it('refuses to change or remove an audit event', async () => {
    const store = openSqliteStore(':memory:');
    await store.appendAuditEvent({
      id: 'e1',
      agencyId: 'kab-a',
      waveId: null,
      actor: { uid: 'u', email: null },
      action: 'wave.create',
      at: '2026-01-01T00:00:00.000Z',
      details: {},
    });
    expect(() => store.db.prepare("UPDATE audit_events SET action = 'wave.close'").run()).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/);
    await store.close();
  });
});
