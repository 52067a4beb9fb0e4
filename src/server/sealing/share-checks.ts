import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, type Worker, workerData } from 'node:worker_threads';
import { questionnaires } from '../../domain/questionnaire.js';
import { SmallLogs } from '../../domain/sealing/elgamal.js';
import { decodePoint, SealingError, sealingReady, type Point } from '../../domain/sealing/group.js';
import { combineShares, verifyShares, type OpeningRules } from '../../domain/sealing/opening.js';
import type { CeremonyParams } from '../../domain/sealing/ceremony.js';
import type { GroupShares, Phase } from '../../domain/sealing/schema.js';
import { startModuleWorker } from '../worker-thread.js';

/*
 * Checking decryption shares and combining them: a few scalar multiplications per slot, about
 * 2 ms per group, so a trustee's chunk of 100 groups is a fifth of a second of work or more. Done
 * on the request thread it would stall every other request (respondents of open waves included)
 * for as long; here it runs on worker threads, one per core, with a chunk's groups split among
 * them. Only public values cross threads: tallies, shares, proofs, verification keys.
 */

export interface RulesWire {
  params: CeremonyParams;
  waveId: string;
  k: number;
  questionnaireVersion: string;
}

export interface VerifyItem {
  tally: Uint8Array;
  given: GroupShares;
}

export interface CombineItem {
  tally: Uint8Array;
  responses: number;
  slots: number[];
  /** Each trustee's shares, [index, encoded points], exactly a quorum of them. */
  shares: [number, string[]][];
}

type Task =
  | { kind: 'verify'; rules: RulesWire; phase: Phase; index: number; V: Uint8Array; items: VerifyItem[] }
  | { kind: 'combine'; rules: RulesWire; items: CombineItem[] };

type Reply = { id: number; ok: true; value: number | null | number[][] } | { id: number; ok: false; code: string; message: string };

function rulesOf(wire: RulesWire): OpeningRules {
  const questionnaire = questionnaires[wire.questionnaireVersion];
  if (!questionnaire) throw new Error(`unknown questionnaire ${wire.questionnaireVersion}`);
  return { params: wire.params, waveId: wire.waveId, k: wire.k, questionnaire };
}

/** The position of the first item whose shares do not verify, or null when all do. */
function verifyAll(task: Extract<Task, { kind: 'verify' }>): number | null {
  const rules = rulesOf(task.rules);
  const at = task.items.findIndex((item) => !verifyShares(rules, task.phase, item.tally, task.index, task.V, item.given));
  return at === -1 ? null : at;
}

function combineAll(task: Extract<Task, { kind: 'combine' }>, logs: SmallLogs): number[][] {
  const rules = rulesOf(task.rules);
  return task.items.map((item) => {
    const shares = new Map<number, Point[]>(item.shares.map(([index, points]) => [index, points.map(decodePoint)]));
    return combineShares(rules, item.tally, item.responses, item.slots, shares, logs);
  });
}

function run(task: Task, logs: SmallLogs): number | null | number[][] {
  return task.kind === 'verify' ? verifyAll(task) : combineAll(task, logs);
}

const ROLE = 'berakhlak-share-checker';

if (!isMainThread && (workerData as { role?: string } | null)?.role === ROLE) {
  const ready = sealingReady();
  const logs = new SmallLogs();
  parentPort!.on('message', (message: { id: number; task: Task } | 'close') => {
    if (message === 'close') return parentPort!.close();
    void ready.then(() => {
      let reply: Reply;
      try {
        reply = { id: message.id, ok: true, value: run(message.task, logs) };
      } catch (e) {
        const code = e instanceof SealingError ? e.code : 'internal';
        reply = { id: message.id, ok: false, code, message: e instanceof Error ? e.message : String(e) };
      }
      parentPort!.postMessage(reply);
    });
  });
}

/** Where share checks run: on worker threads (the server) or inline (tests, one-off tools). */
export interface ShareChecks {
  /** The position of the first item that does not verify, or null. */
  verify(rules: RulesWire, phase: Phase, index: number, V: Point, items: VerifyItem[]): Promise<number | null>;
  /** Each item's opened slot values, in its slots' order. */
  combine(rules: RulesWire, items: CombineItem[]): Promise<number[][]>;
  close(): Promise<void>;
}

export class InlineShareChecks implements ShareChecks {
  private readonly logs = new SmallLogs();

  async verify(rules: RulesWire, phase: Phase, index: number, V: Point, items: VerifyItem[]): Promise<number | null> {
    await sealingReady();
    return verifyAll({ kind: 'verify', rules, phase, index, V, items });
  }

  async combine(rules: RulesWire, items: CombineItem[]): Promise<number[][]> {
    await sealingReady();
    return combineAll({ kind: 'combine', rules, items }, this.logs);
  }

  async close(): Promise<void> {}
}

interface Thread {
  worker: Worker;
  pending: Map<number, { resolve: (v: Reply) => void; reject: (e: Error) => void }>;
}

export class WorkerShareChecks implements ShareChecks {
  private readonly slots: (Thread | null)[];
  private next = 0;

  constructor(readonly threads = Math.max(1, Math.min(4, availableParallelism()))) {
    this.slots = new Array<Thread | null>(threads).fill(null);
  }

  async verify(rules: RulesWire, phase: Phase, index: number, V: Point, items: VerifyItem[]): Promise<number | null> {
    const parts = this.split(items);
    const answers = await Promise.all(parts.map((part, t) => this.send(t, { kind: 'verify', rules, phase, index, V, items: part.items })));
    for (let t = 0; t < parts.length; t++) {
      const at = answers[t] as number | null;
      if (at !== null) return parts[t]!.from + at;
    }
    return null;
  }

  async combine(rules: RulesWire, items: CombineItem[]): Promise<number[][]> {
    const parts = this.split(items);
    const answers = await Promise.all(parts.map((part, t) => this.send(t, { kind: 'combine', rules, items: part.items })));
    return answers.flatMap((a) => a as number[][]);
  }

  /** Contiguous parts, one per thread (fewer for a short list). */
  private split<T>(items: T[]): { from: number; items: T[] }[] {
    const n = Math.min(this.slots.length, Math.max(1, Math.ceil(items.length / 8)));
    const size = Math.ceil(items.length / n);
    const parts: { from: number; items: T[] }[] = [];
    for (let from = 0; from < items.length || parts.length === 0; from += size) parts.push({ from, items: items.slice(from, from + size) });
    return parts;
  }

  private async send(slot: number, task: Task): Promise<number | null | number[][]> {
    const thread = this.thread(slot);
    const id = this.next++;
    const reply = await new Promise<Reply>((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      thread.worker.ref();
      thread.worker.postMessage({ id, task });
    });
    if (!reply.ok) {
      if (reply.code === 'internal') throw new Error(reply.message);
      throw new SealingError(reply.code as SealingError['code'], reply.message);
    }
    return reply.value;
  }

  private thread(slot: number): Thread {
    const have = this.slots[slot];
    if (have) return have;
    const worker = startModuleWorker(import.meta.url, { role: ROLE });
    const thread: Thread = { worker, pending: new Map() };
    worker.on('message', (reply: Reply) => {
      const waiting = thread.pending.get(reply.id);
      thread.pending.delete(reply.id);
      if (thread.pending.size === 0) worker.unref();
      waiting?.resolve(reply);
    });
    // A checker that died fails what it held; the next call starts a new one.
    const gone = (e?: Error) => {
      if (this.slots[slot] === thread) this.slots[slot] = null;
      for (const w of thread.pending.values()) w.reject(e instanceof Error ? e : new Error('share checker stopped'));
      thread.pending.clear();
    };
    worker.on('error', gone);
    worker.on('exit', () => gone());
    worker.unref();
    this.slots[slot] = thread;
    return thread;
  }

  async close(): Promise<void> {
    const threads = this.slots.splice(0, this.slots.length, ...this.slots.map(() => null));
    await Promise.all(threads.map((t) => t?.worker.terminate()));
  }
}
