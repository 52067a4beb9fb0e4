import { isMainThread, parentPort, type Worker, workerData } from 'node:worker_threads';
import { startModuleWorker } from '../../worker-thread.js';
import Database from 'better-sqlite3';
import { relationships, type Relationship } from '../../../domain/questionnaire.js';
import { addSealed } from '../../../domain/sealing/elgamal.js';
import { sealingReady } from '../../../domain/sealing/group.js';
import type { Wave } from '../../../domain/schema.js';
import { submissionRefused } from '../../../domain/wave.js';
import type { RecordOutcome, ResponseDraft } from '../port.js';

/*
 * Submissions on the embedded store: group commit, on a thread of its own.
 *
 * Concurrent submissions share one transaction, each in its own savepoint, so one fsync
 * acknowledges many of them and every acknowledged response survives a power cut
 * (synchronous = FULL); it also hides arrival order inside a batch. The transaction and its fsync
 * run on a worker thread with its own connection, so the HTTP thread keeps parsing and validating
 * the next requests meanwhile instead of waiting on the disk.
 */

export type Submission = [invitationId: string, ticketId: string, draft: ResponseDraft, now: string];
type Outcome = RecordOutcome | Error;

/** The settings every connection to a store file needs; pragmas are per connection. */
export function configureConnection(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  // Deleted rows (used tickets) are overwritten with zeros, so they cannot be carved from the file.
  db.pragma('secure_delete = ON');
  // FULL: an acknowledged write survives a power cut, not only a process crash.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

/**
 * Returns a function that records a batch of submissions in one transaction: each consumes its
 * ticket, writes its sealed response, adds it to its group's tally and moves the ratee-side
 * counts, or fails alone. Only sealed bytes ever reach this thread (libsodium adds them).
 */
export function submissionWriter(db: Database.Database): (batch: readonly Submission[]) => Outcome[] {
  const findTicket = db.prepare(
    `SELECT i.run, t.ratee_nip, t.relationship, i.wave_id, i.agency_id, w.status, w.opens_at, w.closes_at
     FROM invitations i JOIN tickets t ON t.run = i.run AND t.invitation_id = i.id JOIN waves w ON w.id = i.wave_id
     WHERE i.id = ? AND t.id = ?`,
  );
  // One statement per relationship moves the count and the ratee's standing against k (the
  // domain's isAtRisk and rateeProgress, in SQL), returning the standing before and after.
  const countRatee = Object.fromEntries(
    relationships.map((rel) => {
      const done = (r: string) => (r === rel ? `(${r}_done + 1)` : `${r}_done`);
      const risk = (d: (r: string) => string) => `((peer > 0 AND ${d('peer')} < k) OR (subordinate > 0 AND ${d('subordinate')} < k))`;
      const progress = (d: (r: string) => string) =>
        `min(CASE WHEN peer > 0 THEN ${d('peer')} ELSE k END, k) + min(CASE WHEN subordinate > 0 THEN ${d('subordinate')} ELSE k END, k)`;
      // RETURNING sees the new row: the old standing is the risk with this count one lower.
      const before = (r: string) => (r === rel ? `(${r}_done - 1)` : `${r}_done`);
      return [
        rel,
        db.prepare(
          `UPDATE ratee_groups SET ${rel}_done = ${rel}_done + 1, at_risk = ${risk(done)}, progress = ${progress(done)}
           WHERE wave_id = ? AND ratee_nip = ? RETURNING ratee_unit_id, at_risk, ${risk(before)} AS was_at_risk`,
        ),
      ];
    }),
  ) as Record<Relationship, Database.Statement>;
  const countUnit = Object.fromEntries(
    relationships.map((rel) => [rel, db.prepare(`UPDATE unit_groups SET ${rel}_done = ${rel}_done + 1, at_risk = at_risk + ? WHERE wave_id = ? AND unit_id = ?`)]),
  ) as Record<Relationship, Database.Statement>;
  const deleteTicket = db.prepare('DELETE FROM tickets WHERE run = ? AND invitation_id = ? AND id = ?');
  const countDay = db.prepare(
    'INSERT INTO wave_days (wave_id, day, responses) VALUES (?, ?, 1) ON CONFLICT (wave_id, day) DO UPDATE SET responses = responses + 1',
  );
  const insert = db.prepare(
    `INSERT INTO responses (id, wave_id, agency_id, ratee_nip, ratee_unit_id, relationship, questionnaire_version, sealed)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const readTally = db.prepare('SELECT sealed FROM tallies WHERE wave_id = ? AND ratee_nip = ? AND relationship = ?').pluck();
  const writeTally = db.prepare(
    `INSERT INTO tallies (wave_id, ratee_nip, relationship, ratee_unit_id, responses, sealed) VALUES (?, ?, ?, ?, 1, ?)
     ON CONFLICT (wave_id, ratee_nip, relationship) DO UPDATE SET responses = responses + 1, sealed = excluded.sealed`,
  );
  // Nested inside the batch's transaction, each runs in a savepoint of its own.
  const consume = db.transaction((invitationId: string, ticketId: string, draft: ResponseDraft, now: string): RecordOutcome => {
    const t = findTicket.get(invitationId, ticketId) as Record<string, unknown> | undefined;
    if (!t) return 'ticket_gone';
    const refused = submissionRefused({ status: t.status as Wave['status'], opensAt: t.opens_at as string | null, closesAt: t.closes_at as string }, now);
    if (refused) return refused;
    const rel = t.relationship as Relationship;
    deleteTicket.run(t.run, invitationId, ticketId);
    const g = countRatee[rel].get(t.wave_id, t.ratee_nip) as { ratee_unit_id: string; at_risk: number; was_at_risk: number } | undefined;
    const unit = g?.ratee_unit_id ?? '';
    if (g) countUnit[rel].run(g.at_risk - g.was_at_risk, t.wave_id, unit);
    countDay.run(t.wave_id, draft.day);
    // better-sqlite3 binds Buffers, not plain Uint8Arrays.
    const sealed = Buffer.from(draft.sealed);
    insert.run(draft.id, t.wave_id, t.agency_id, t.ratee_nip, unit, t.relationship, draft.questionnaireVersion, sealed);
    const tally = readTally.get(t.wave_id, t.ratee_nip, t.relationship) as Uint8Array | undefined;
    writeTally.run(t.wave_id, t.ratee_nip, t.relationship, unit, tally ? Buffer.from(addSealed(tally, sealed)) : sealed);
    return 'recorded';
  });
  const all = db.transaction((batch: readonly Submission[]) =>
    batch.map((submission): Outcome => {
      try {
        return consume(...submission);
      } catch (error) {
        return error instanceof Error ? error : new Error(String(error));
      }
    }),
  );
  // IMMEDIATE: the batch takes the write lock at BEGIN, waiting its turn, instead of reading first
  // and failing to upgrade when the store's other connection has written or checkpointed meanwhile.
  return (batch) => all.immediate(batch);
}

const ROLE = 'berakhlak-sqlite-submissions';

// The worker side: this same module, started with the store file in workerData.
if (!isMainThread && (workerData as { role?: string } | null)?.role === ROLE) {
  const db = new Database((workerData as { file: string }).file);
  configureConnection(db);
  const write = submissionWriter(db);
  const ready = sealingReady();
  parentPort!.on('message', (message: { batch: Submission[] } | 'close') => void ready.then(() => handle(message)));
  const handle = (message: { batch: Submission[] } | 'close') => {
    if (message === 'close') {
      db.close();
      parentPort!.close();
      return;
    }
    let reply: Reply;
    try {
      reply = { outcomes: write(message.batch).map((o) => (o instanceof Error ? { error: describe(o) } : o)) };
    } catch (error) {
      reply = { failed: describe(error) };
    }
    parentPort!.postMessage(reply);
  };
}

/**
 * Errors cross the thread as plain data: better-sqlite3's SqliteError is not a native Error, so
 * it would arrive as an object without its message.
 */
type ErrorData = { message: string; code?: string };
type Reply = { outcomes: (RecordOutcome | { error: ErrorData })[] } | { failed: ErrorData };

function describe(error: unknown): ErrorData {
  return error instanceof Error ? { message: error.message, code: (error as { code?: string }).code } : { message: String(error) };
}

function revive(data: ErrorData): Error {
  return Object.assign(new Error(data.message), data.code === undefined ? {} : { code: data.code });
}

interface Pending {
  submission: Submission;
  resolve: (outcome: RecordOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * Collects submissions while a batch is being written and sends the next batch when it is done.
 * Target `{ file }`: written by a worker thread with its own connection; `{ db }`: on the calling
 * thread (an in-memory store, which no second connection can open).
 */
export class SubmissionQueue {
  private pending: Pending[] = [];
  private writing = false;
  private worker: Worker | null = null;
  private inline: ((batch: readonly Submission[]) => Outcome[]) | null = null;
  private idle: (() => void) | null = null;
  /** The batch the worker is writing. */
  private inFlight: Pending[] | null = null;
  private sodiumReady = false;

  constructor(
    private readonly target: { file: string } | { db: Database.Database },
    private readonly onRecorded: () => void,
  ) {}

  record(submission: Submission): Promise<RecordOutcome> {
    return new Promise((resolve, reject) => {
      this.pending.push({ submission, resolve, reject });
      if (!this.writing && this.pending.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    if (this.writing || this.pending.length === 0) return;
    // Adding tallies needs libsodium on this thread too; it is compiled once.
    if ('db' in this.target && !this.sodiumReady) {
      void sealingReady().then(() => {
        this.sodiumReady = true;
        this.flush();
      });
      return;
    }
    const batch = this.pending;
    this.pending = [];
    this.writing = true;
    if ('db' in this.target) {
      this.inline ??= submissionWriter(this.target.db);
      let outcomes: Outcome[];
      try {
        outcomes = this.inline(batch.map((p) => p.submission));
      } catch (error) {
        this.settle(batch, { failed: error instanceof Error ? error : new Error(String(error)) });
        return;
      }
      this.settle(batch, { outcomes });
      return;
    }
    this.inFlight = batch;
    const worker = this.start();
    // Held only while a batch is in flight: an idle store must not keep the process alive.
    worker.ref();
    worker.postMessage({ batch: batch.map((p) => p.submission) });
  }

  private settle(batch: Pending[], reply: { outcomes: Outcome[] } | { failed: Error }): void {
    this.writing = false;
    this.worker?.unref();
    if ('failed' in reply) {
      for (const p of batch) p.reject(reply.failed);
    } else {
      if (reply.outcomes.includes('recorded')) this.onRecorded();
      batch.forEach((p, i) => {
        const outcome = reply.outcomes[i]!;
        if (outcome instanceof Error) p.reject(outcome);
        else p.resolve(outcome);
      });
    }
    if (this.pending.length > 0) this.flush();
    else this.idle?.();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = startModuleWorker(import.meta.url, { role: ROLE, file: (this.target as { file: string }).file });
    const answer = (reply: { outcomes: Outcome[] } | { failed: Error }) => {
      const batch = this.inFlight;
      this.inFlight = null;
      if (batch) this.settle(batch, reply);
    };
    worker.on('message', (reply: Reply) =>
      answer(
        'failed' in reply
          ? { failed: revive(reply.failed) }
          : { outcomes: reply.outcomes.map((o) => (typeof o === 'string' ? o : revive(o.error))) },
      ),
    );
    // A worker that died fails its batch (a retry of a submission it did commit answers "already
    // recorded", its ticket being gone) and is started anew for the next one.
    worker.on('error', (error) => {
      if (this.worker === worker) this.worker = null;
      answer({ failed: error });
    });
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = null;
      answer({ failed: new Error(`submission writer exited (${code})`) });
    });
    this.worker = worker;
    return worker;
  }

  /** Waits for the batch being written, then stops the worker. */
  async close(): Promise<void> {
    if (this.writing || this.pending.length > 0) await new Promise<void>((resolve) => (this.idle = resolve));
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    // Referenced again until it has exited: a caller awaiting close() must not see the process end first.
    worker.ref();
    worker.postMessage('close');
    await exited;
  }
}
