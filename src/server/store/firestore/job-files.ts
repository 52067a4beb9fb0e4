import { CHUNK_DOCUMENT_BYTES } from './batches.js';
import type { Fs } from './documents.js';

/*
 * The file a job works on (a roster upload, up to 32 MB) beside its job: `jobs/{jobId}/file/{n}`,
 * one part of at most 512 KiB per document (a document holds at most 1 MiB), read back in order.
 */

const partsOf = (f: Fs, jobId: string) => f.db.collection('jobs').doc(jobId).collection('file');

export async function saveJobFile(f: Fs, jobId: string, bytes: Uint8Array): Promise<void> {
  await deleteJobFile(f, jobId);
  const writes = [];
  // An empty file is still one part, so reading it back answers empty bytes, not "no file".
  for (let at = 0, part = 0; at < bytes.length || part === 0; at += CHUNK_DOCUMENT_BYTES, part++) {
    writes.push({ set: partsOf(f, jobId).doc(String(part).padStart(4, '0')), data: { part, bytes: Buffer.from(bytes.subarray(at, at + CHUNK_DOCUMENT_BYTES)) } });
  }
  await f.commit(writes);
}

export async function readJobFile(f: Fs, jobId: string): Promise<Uint8Array | null> {
  const docs = (await partsOf(f, jobId).get()).docs.sort((a, b) => Number(a.data().part) - Number(b.data().part));
  if (docs.length === 0) return null;
  return new Uint8Array(Buffer.concat(docs.map((d) => d.data().bytes as Buffer)));
}

export async function deleteJobFile(f: Fs, jobId: string): Promise<void> {
  const parts = await partsOf(f, jobId).select().get();
  await f.commit(parts.docs.map((d) => ({ delete: d.ref })));
}
