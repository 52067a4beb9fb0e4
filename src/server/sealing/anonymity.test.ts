/**
 * The operator's attack that sealing answers was built against: copies of the whole store taken
 * before and after each of several submissions made with known answers. Neither a copy nor the
 * difference between two copies may give an answer back. On SQLite the copies are the database
 * file and its write-ahead log, through the real API; on Firestore, every document the emulator
 * holds, through the real API over the Firestore adapter.
 */
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Firestore } from 'firebase-admin/firestore';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultQuestionnaire, type Answer } from '../../domain/questionnaire.js';
import { slotOf, slotPlaintexts } from '../../domain/sealing/elgamal.js';
import { decodeBytes, isCanonicalScalar, mul, sealingReady, sub, mulBase, scalarOf, equal } from '../../domain/sealing/group.js';
import { answerCodes } from '../../domain/tally.js';
import { seedDemoData } from '../seed/demo.js';
import type { SurveyStore } from '../store/port.js';
import { appOver, body, jsonHeaders } from '../test-support/api.js';
import { firestoreStore, useFirestoreEmulator } from '../test-support/firestore-emulator.js';
import { signInStaff } from '../test-support/staff.js';
import { holdCeremony } from '../test-support/trustees.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Ceremony } from '../../domain/sealing/schema.js';
import { scratchDir } from '../test-support/scratch.js';
import { downloadAllLinks } from '../test-support/links.js';
import { launchThroughApi } from '../test-support/jobs.js';

useFirestoreEmulator();

const scratch = scratchDir('anonymity');
let coordinator: string;
beforeAll(async () => {
  await sealingReady();
  coordinator = (await signInStaff({ role: 'coordinator', agencies: ['kab-contoh'] })).token;
});

/** Known answers, different for each submission, with "cannot assess" among them. */
const known = (n: number): Record<string, Answer> =>
  Object.fromEntries(defaultQuestionnaire.items.map((item, i) => [item.behaviourId, (n + i) % 9 === 0 ? 'na' : (((n * 7 + i * 3) % 5) + 1) as Answer]));

/** Every way the answers of one submission could be written down in plaintext. */
function plaintextForms(answers: Record<string, Answer>): Buffer[] {
  const codes = answerCodes(defaultQuestionnaire, answers);
  const slots = slotPlaintexts(defaultQuestionnaire, codes);
  const u16 = (le: boolean) => {
    const b = Buffer.alloc(slots.length * 2);
    slots.forEach((m, i) => (le ? b.writeUInt16LE(m, i * 2) : b.writeUInt16BE(m, i * 2)));
    return b;
  };
  return [
    // All 21 codes: longer than any NIP, so no chance run of digits in the store matches.
    Buffer.from(codes),
    Buffer.from(JSON.stringify(answers)),
    Buffer.from(JSON.stringify(Object.values(answers))),
    Buffer.from(slots.join(',')),
    Buffer.from(slots.slice(2).join(',')),
    Buffer.from(JSON.stringify(slots)),
    u16(true),
    u16(false),
  ];
}

function expectNoneOf(bytes: Buffer, forms: readonly Buffer[], where: string) {
  for (const form of forms) expect(bytes.includes(form), `${where} holds the answers as ${JSON.stringify(form.toString('latin1').slice(0, 40))}`).toBe(false);
}

/** The API over `store`, with the demo agency, a complete ceremony and a launched wave whose links are taken. */
async function launched(store: SurveyStore) {
  const app = appOver(store, { bodyLimitBytes: 256 * 1024, respondRateLimits: { perMinute: 100_000, badCodesPer10Minutes: 100_000 } });
  await seedDemoData(store);
  const { ceremony } = await holdCeremony(app, coordinator, 'kab-contoh');
  const call = async <T>(method: string, path: string, payload?: unknown) => {
    const res = await app.request(path, { method, headers: jsonHeaders(coordinator), body: payload === undefined ? undefined : JSON.stringify(payload) });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    return body<T>(res);
  };
  const wave = await call<{ id: string }>('POST', '/api/agencies/kab-contoh/waves', { name: 'Uji', closesAt: new Date(Date.now() + 86_400_000).toISOString() });
  const { planHash } = await call<{ planHash: string }>('POST', `/api/waves/${wave.id}/plan`);
  await launchThroughApi((method, path, payload) => app.request(path, { method, headers: jsonHeaders(coordinator), body: payload === undefined ? undefined : JSON.stringify(payload) }), wave.id, planHash);
  const { links } = await downloadAllLinks((method, path) => app.request(path, { method, headers: jsonHeaders(coordinator) }), wave.id);
  const respond = async <T>(path: string, payload: unknown) =>
    body<T>(await app.request(`/api/respond/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) }));
  /** Sends the next ticket of the next rater with `answers`. */
  let rater = 0;
  const submitNext = async (answers: Record<string, Answer>) => {
    const code = links[rater++ % links.length]!.code;
    const { tickets } = await respond<{ tickets: { id: string }[] }>('open', { code });
    const result = await respond<{ status: string }>('submit', { code, ticketId: tickets[0]!.id, questionnaireVersion: defaultQuestionnaire.version, answers });
    expect(result.status).toBe('recorded');
  };
  return { app, ceremony, waveId: wave.id, submitNext };
}

/** Nothing in the public ceremony record (every scalar-shaped value in it) opens a sealed slot to any value it could hold. */
function expectNoKeyIn(ceremony: Ceremony, row: Uint8Array) {
  const { a, b } = slotOf(row, 2);
  const candidates = [...new Set(JSON.stringify(ceremony).match(/(?<![\w-])[\w-]{43}(?![\w-])/g) ?? [])]
    .flatMap((c) => {
      try {
        return [decodeBytes(c, 32)];
      } catch {
        return [];
      }
    })
    .filter((bytes) => isCanonicalScalar(bytes))
    .map((x) => mul(x, a));
  expect(candidates.length).toBeGreaterThan(10);
  for (let m = 0; m <= 30; m++) {
    const target = m === 0 ? b : sub(b, mulBase(scalarOf(m)));
    for (const xa of candidates) expect(equal(xa, target)).toBe(false);
  }
}

describe('copies of the SQLite store around each submission', () => {
  it('hold no answer, in any copy or any difference between copies', async () => {
    const file = scratch.file('store.db');
    const store = openSqliteStore(file);
    const w = await launched(store);
    const copy = (name: string) => {
      const parts = [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f));
      copyFileSync(file, scratch.file(`${name}.db`));
      if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, scratch.file(`${name}.db-wal`));
      return Buffer.concat(parts);
    };
    const sent: Record<string, Answer>[] = [];
    const copies: Buffer[] = [copy('c0')];
    for (let n = 0; n < 6; n++) {
      const answers = known(n);
      sent.push(answers);
      await w.submitNext(answers);
      copies.push(copy(`c${n + 1}`));
    }
    const forms = sent.flatMap(plaintextForms);
    copies.forEach((c, i) => expectNoneOf(c, forms, `copy ${i}`));
    // What changed between two copies: the bytes at the same offsets that differ, and what grew.
    for (let i = 1; i < copies.length; i++) {
      const [before, after] = [copies[i - 1]!, copies[i]!];
      const changed: number[] = [];
      for (let at = 0; at < after.length; at++) if (after[at] !== before[at]) changed.push(after[at]!);
      expectNoneOf(Buffer.from(changed), forms, `the difference ${i - 1}→${i}`);
      expectNoneOf(after.subarray(before.length), forms, `what grew ${i - 1}→${i}`);
    }
    // Row by row: the response that appeared holds only ciphertexts beside its group, and the
    // same answers sent twice never give the same bytes.
    const db = new Database(scratch.file('c6.db'), { readonly: true });
    const rows = db.prepare('SELECT * FROM responses').all() as { sealed: Buffer }[];
    expect(rows).toHaveLength(6);
    expect(Object.keys(rows[0]!).sort()).toEqual(['agency_id', 'id', 'questionnaire_version', 'ratee_nip', 'ratee_unit_id', 'relationship', 'sealed', 'wave_id']);
    db.close();
    await w.submitNext(sent[0]!);
    const again = (await store.sealedResponses(w.waveId)).map((r) => Buffer.from(r.sealed).toString('hex'));
    expect(new Set(again).size).toBe(7);
    // Nor does anything the store keeps about the ceremony open a slot.
    for (const r of (await store.sealedResponses(w.waveId)).slice(0, 2)) expectNoKeyIn((await store.getCeremony(w.ceremony.id))!, r.sealed);
    await store.close();
  }, 120_000);
});

/** Every collection the adapter writes (the in-memory emulator cannot list them), and those below each. */
const layout: Record<string, string[]> = {
  agencies: ['units', 'employees'],
  waves: ['ratees', 'unitGroups', 'days', 'coverage', 'links', 'tallies', 'decryptionShares', 'opened'],
  invitations: [],
  tickets: [],
  responses: [],
  ceremonies: [],
  auditEvents: [],
};

async function everyDocument(db: Firestore): Promise<Buffer> {
  const out: string[] = [];
  const walk = async (collections: FirebaseFirestore.CollectionReference[], below: (name: string) => string[]) => {
    for (const col of collections) {
      for (const doc of (await col.get()).docs) {
        // Bytes as their raw bytes, so a pattern inside them would be found too.
        const asText = (_: string, v: unknown) => {
          const buffer = v as { type?: string; data?: number[] } | null;
          return buffer && typeof buffer === 'object' && buffer.type === 'Buffer' && Array.isArray(buffer.data) ? Buffer.from(buffer.data).toString('latin1') : v;
        };
        out.push(doc.ref.path, JSON.stringify(doc.data(), asText));
        await walk(below(col.id).map((name) => doc.ref.collection(name)), () => []);
      }
    }
  };
  await walk(Object.keys(layout).map((name) => db.collection(name)), (name) => layout[name] ?? []);
  return Buffer.from(out.join('\n'), 'latin1');
}

describe('copies of the Firestore emulator’s documents around each submission', () => {
  it('hold no answer, in any copy or any difference between copies', async () => {
    const store = firestoreStore(`demo-anonymity-${Date.now()}`);
    const w = await launched(store);
    const db = (store as unknown as { db: Firestore }).db;
    const sent: Record<string, Answer>[] = [];
    const copies: Buffer[] = [await everyDocument(db)];
    for (let n = 0; n < 4; n++) {
      const answers = known(n + 20);
      sent.push(answers);
      await w.submitNext(answers);
      copies.push(await everyDocument(db));
    }
    expect(copies[4]!.includes(Buffer.from('responses/'))).toBe(true);
    const forms = sent.flatMap(plaintextForms);
    copies.forEach((c, i) => expectNoneOf(c, forms, `copy ${i}`));
    for (let i = 1; i < copies.length; i++) {
      const before = new Set(copies[i - 1]!.toString('latin1').split('\n'));
      const added = copies[i]!.toString('latin1').split('\n').filter((line) => !before.has(line));
      expectNoneOf(Buffer.from(added.join('\n'), 'latin1'), forms, `the difference ${i - 1}→${i}`);
    }
    const responses = await store.sealedResponses(w.waveId);
    expect(responses).toHaveLength(4);
    for (const r of responses) expect(Object.keys(r).sort()).toEqual(['id', 'questionnaireVersion', 'rateeNip', 'rateeUnitId', 'relationship', 'sealed']);
    await store.close();
  }, 120_000);
});
