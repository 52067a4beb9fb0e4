import type { KeyFile } from '../../../domain/sealing/key-file.js';
import type { Ceremony, EncryptedShare, Phase, ShareConfirmation, TrusteeCommitment } from './types.js';

/** What the page asks the sealing worker, and what it answers. */
export type WorkerRequest =
  | { kind: 'commit'; ceremony: Ceremony; index: number; passphrase: string }
  | { kind: 'share'; ceremony: Ceremony; keyFile: KeyFile; passphrase: string }
  | { kind: 'confirm'; ceremony: Ceremony; keyFile: KeyFile; passphrase: string }
  | { kind: 'open'; ceremony: Ceremony; keyFile: KeyFile; passphrase: string; token: string; waveId: string }
  | { kind: 'fingerprint'; ceremony: Ceremony };

export type WorkerReply =
  | { kind: 'committed'; commitment: TrusteeCommitment; keyFile: KeyFile }
  | { kind: 'shares'; shares: EncryptedShare[] }
  | { kind: 'confirmation'; confirmation: ShareConfirmation }
  | { kind: 'complaint'; against: number | null }
  | { kind: 'progress'; phase: Phase; done: number; total: number }
  | { kind: 'waiting'; phase: Phase }
  | { kind: 'opened' }
  | { kind: 'fingerprint'; fingerprint: string }
  | { kind: 'failed'; code: string; detail?: string };

/** The ceremony's fingerprint as this browser computes it from the record it was given. */
export async function fingerprintOf(ceremony: Ceremony): Promise<string | null> {
  const reply = await runInWorker({ kind: 'fingerprint', ceremony });
  return reply.kind === 'fingerprint' ? reply.fingerprint : null;
}

/** Runs one request in a fresh worker; `onUpdate` gets progress and waiting notes. */
export function runInWorker(request: WorkerRequest, onUpdate?: (reply: WorkerReply) => void): Promise<WorkerReply> {
  const worker = new Worker(new URL('./sealing.worker.ts', import.meta.url), { type: 'module' });
  return new Promise((resolve) => {
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      if (reply.kind === 'progress' || reply.kind === 'waiting') return onUpdate?.(reply);
      worker.terminate();
      resolve(reply);
    };
    worker.onerror = () => {
      worker.terminate();
      resolve({ kind: 'failed', code: 'internal' });
    };
    worker.postMessage(request);
  });
}
