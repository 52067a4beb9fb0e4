import { isMainThread, parentPort, type Worker, workerData } from 'node:worker_threads';
import { CIPHERTEXT_BYTES, makePads, slotCount } from '../../domain/sealing/elgamal.js';
import { encode, sealingReady, type Point } from '../../domain/sealing/group.js';
import { startModuleWorker } from '../worker-thread.js';

/*
 * Sealing pads made ahead of time. Sealing a slot is (r·G, m·G + r·K); the two multiplications
 * need no plaintext, so a thread of their own makes (r·G, r·K) pads while requests wait for the
 * disk, and a submission only adds m·G to six of them. The pads cross threads; no answer does.
 * A pad is as secret as the slot it will seal (r·K removes it): they live in memory only, a few
 * hundred submissions' worth at most, and each is used once and zeroed.
 */

const ROLE = 'berakhlak-pad-maker';

if (!isMainThread && (workerData as { role?: string } | null)?.role === ROLE) {
  const ready = sealingReady();
  parentPort!.on('message', (message: { key: Uint8Array; slots: number } | 'close') => {
    if (message === 'close') return parentPort!.close();
    void ready.then(() => {
      const pads = makePads(message.key, message.slots);
      parentPort!.postMessage({ key: encode(message.key), pads }, [pads.buffer as ArrayBuffer]);
    });
  });
}

interface Reserve {
  chunks: Uint8Array[];
  /** Slots already taken from chunks[0]. */
  offset: number;
  slots: number;
  filling: boolean;
}

export class PadPool {
  private readonly reserves = new Map<string, Reserve>();
  private worker: Worker | null = null;
  private pending = 0;

  /**
   * `low`: slots kept ready per key; refilled `batch` slots at a time. Kept small: a pad decrypts
   * the one slot it will seal, so pads are as secret as the answers they are waiting for.
   */
  constructor(private readonly options: { low: number; batch: number } = { low: slotCount * 100, batch: slotCount * 50 }) {}

  /** Pads for `slots` slots sealed to K, or null when the reserve is short (the caller makes its own). */
  take(K: Point, slots: number): Uint8Array | null {
    const id = encode(K);
    let reserve = this.reserves.get(id);
    if (!reserve) {
      // Only a few keys are in use at once (one per open wave's ceremony).
      if (this.reserves.size >= 16) {
        const [oldest, dropped] = this.reserves.entries().next().value!;
        for (const c of dropped.chunks) c.fill(0);
        this.reserves.delete(oldest);
      }
      this.reserves.set(id, (reserve = { chunks: [], offset: 0, slots: 0, filling: false }));
    }
    let out: Uint8Array | null = null;
    if (reserve.slots >= slots) {
      out = new Uint8Array(slots * CIPHERTEXT_BYTES);
      let filled = 0;
      while (filled < slots) {
        const chunk = reserve.chunks[0]!;
        const available = chunk.length / CIPHERTEXT_BYTES - reserve.offset;
        const n = Math.min(available, slots - filled);
        const from = reserve.offset * CIPHERTEXT_BYTES;
        out.set(chunk.subarray(from, from + n * CIPHERTEXT_BYTES), filled * CIPHERTEXT_BYTES);
        chunk.fill(0, from, from + n * CIPHERTEXT_BYTES);
        filled += n;
        reserve.offset += n;
        if (reserve.offset * CIPHERTEXT_BYTES === chunk.length) {
          reserve.chunks.shift();
          reserve.offset = 0;
        }
      }
      reserve.slots -= slots;
    }
    if (reserve.slots < this.options.low && !reserve.filling) this.fill(K, reserve);
    return out;
  }

  private fill(K: Point, reserve: Reserve): void {
    reserve.filling = true;
    const worker = this.start();
    this.pending++;
    worker.ref();
    worker.postMessage({ key: K, slots: this.options.batch });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = startModuleWorker(import.meta.url, { role: ROLE });
    worker.on('message', (reply: { key: string; pads: Uint8Array }) => {
      this.pending--;
      if (this.pending === 0) worker.unref();
      const reserve = this.reserves.get(reply.key);
      if (!reserve) return;
      reserve.filling = false;
      reserve.chunks.push(reply.pads);
      reserve.slots += reply.pads.length / CIPHERTEXT_BYTES;
      if (reserve.slots < this.options.low) {
        reserve.filling = true;
        this.pending++;
        worker.ref();
        worker.postMessage({ key: Uint8Array.from(Buffer.from(reply.key, 'base64url')), slots: this.options.batch });
      }
    });
    // A pad maker that failed only means submissions make their own pads, as they can.
    const gone = () => {
      if (this.worker === worker) this.worker = null;
      this.pending = 0;
      for (const r of this.reserves.values()) r.filling = false;
    };
    worker.on('error', gone);
    worker.on('exit', gone);
    worker.unref();
    this.worker = worker;
    return worker;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    for (const r of this.reserves.values()) for (const c of r.chunks) c.fill(0);
    this.reserves.clear();
    if (worker) await worker.terminate();
  }
}
