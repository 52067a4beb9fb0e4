import type { Ceremony, GroupShares, Phase } from '../../../domain/sealing/schema.js';
import { getAllInChunks } from './batches.js';
import type { GroupKey, OpenedGroup, SealedResponse, StoredTally, WaveSeal } from '../port.js';
import { byText, ceremoniesCol, groupDoc, responsesCol, toCeremony, toOpenedGroup, toSealedResponse, toShares, toStoredTally, toWaveSeal, wavesCol, type Data, type Fs } from './documents.js';

/* Sealed answers on Firestore: responses and tallies (ciphertexts), ceremonies, decryption shares, what was opened. */

export async function sealedResponses(f: Fs, waveId: string, groups?: readonly GroupKey[]): Promise<SealedResponse[]> {
  let docs: Data[];
  if (!groups) {
    docs = (await responsesCol(f.db).where('waveId', '==', waveId).get()).docs.map((d) => d.data());
  } else {
    const wanted = new Set(groups.map((g) => groupDoc(g)));
    const nips = [...new Set(groups.map((g) => g.rateeNip))];
    docs = [];
    // 'in' takes at most 30 values.
    for (let i = 0; i < nips.length; i += 30) {
      const snap = await responsesCol(f.db).where('waveId', '==', waveId).where('rateeNip', 'in', nips.slice(i, i + 30)).get();
      for (const d of snap.docs) if (wanted.has(groupDoc(d.data() as GroupKey))) docs.push(d.data());
    }
  }
  return docs
    .map(toSealedResponse)
    .sort((a, b) => (a.rateeNip < b.rateeNip ? -1 : a.rateeNip > b.rateeNip ? 1 : a.relationship < b.relationship ? -1 : a.relationship > b.relationship ? 1 : a.id < b.id ? -1 : 1));
}

export async function listTallies(f: Fs, waveId: string): Promise<StoredTally[]> {
  const docs = (await wavesCol(f.db).doc(waveId).collection('tallies').get()).docs;
  return docs.map((d) => toStoredTally(d.data())).sort(byText(groupDoc));
}

export async function getWaveSeal(f: Fs, waveId: string): Promise<WaveSeal | null> {
  const wave = await wavesCol(f.db).doc(waveId).get();
  return wave.exists ? toWaveSeal(wave.data()) : null;
}

export async function createCeremony(f: Fs, c: Ceremony): Promise<void> {
  await ceremoniesCol(f.db).doc(c.id).create({ ...c });
}

export async function getCeremony(f: Fs, id: string): Promise<Ceremony | null> {
  const doc = await ceremoniesCol(f.db).doc(id).get();
  return doc.exists ? toCeremony(doc.data()) : null;
}

export async function listCeremonies(f: Fs, agencyId: string): Promise<Ceremony[]> {
  const docs = (await ceremoniesCol(f.db).where('agencyId', '==', agencyId).get()).docs.map((d) => toCeremony(d.data()));
  return docs.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? -1 : 1));
}

export async function saveCeremony(f: Fs, c: Ceremony, expectedVersion: number): Promise<'saved' | 'conflict'> {
  const ref = ceremoniesCol(f.db).doc(c.id);
  return f.db.runTransaction(async (tx) => {
    const doc = await tx.get(ref);
    if (!doc.exists || doc.data()!.version !== expectedVersion) return 'conflict' as const;
    tx.set(ref, { ...c });
    return 'saved' as const;
  });
}

export async function saveDecryptionShares(f: Fs, waveId: string, phase: Phase, trusteeIndex: number, shares: readonly GroupShares[]): Promise<void> {
  const col = wavesCol(f.db).doc(waveId).collection('decryptionShares');
  await f.commit(
    shares.map((s) => ({ set: col.doc(`${phase}_${groupDoc(s)}_${trusteeIndex}`), data: { phase, trusteeIndex, rateeNip: s.rateeNip, relationship: s.relationship, body: JSON.stringify(s) } })),
  );
}

export async function listDecryptionShares(f: Fs, waveId: string, phase: Phase, groups?: readonly GroupKey[]): Promise<{ trusteeIndex: number; shares: GroupShares }[]> {
  const col = wavesCol(f.db).doc(waveId).collection('decryptionShares');
  let docs: Data[];
  if (!groups) docs = (await col.where('phase', '==', phase).get()).docs.map((d) => d.data());
  else {
    const wanted = new Set(groups.map((g) => groupDoc(g)));
    const nips = [...new Set(groups.map((g) => g.rateeNip))];
    docs = [];
    for (let i = 0; i < nips.length; i += 30) {
      const snap = await col.where('phase', '==', phase).where('rateeNip', 'in', nips.slice(i, i + 30)).get();
      for (const d of snap.docs) if (wanted.has(groupDoc(d.data() as GroupKey))) docs.push(d.data());
    }
  }
  return docs
    .map((d) => {
      const { trusteeIndex, body } = toShares(d);
      return { trusteeIndex, shares: body };
    })
    .sort((a, b) => {
      const x = groupDoc(a.shares);
      const y = groupDoc(b.shares);
      return x < y ? -1 : x > y ? 1 : a.trusteeIndex - b.trusteeIndex;
    });
}

export async function saveOpened(f: Fs, waveId: string, opened: readonly OpenedGroup[]): Promise<void> {
  const col = wavesCol(f.db).doc(waveId).collection('opened');
  await f.commit(
    opened.map((g) => ({
      set: col.doc(groupDoc(g)),
      data: { rateeNip: g.rateeNip, relationship: g.relationship, ...(g.counts ? { counts: g.counts } : {}), ...(g.sums ? { sums: JSON.stringify(g.sums) } : {}) },
      merge: true,
    })),
  );
}

export async function countDecryptionShares(f: Fs, waveId: string, phase: Phase): Promise<Map<number, number>> {
  const col = wavesCol(f.db).doc(waveId).collection('decryptionShares');
  const counts = new Map<number, number>();
  // Seats are 1..9: one count() each, no document read.
  for (let index = 1; index <= 9; index++) {
    const n = (await col.where('phase', '==', phase).where('trusteeIndex', '==', index).count().get()).data().count;
    if (n > 0) counts.set(index, n);
  }
  return counts;
}

export async function listOpened(f: Fs, waveId: string, groups?: readonly GroupKey[]): Promise<OpenedGroup[]> {
  const col = wavesCol(f.db).doc(waveId).collection('opened');
  const docs = groups
    ? groups.length
      ? (await getAllInChunks(f.db, groups.map((g) => col.doc(groupDoc(g))))).filter((d) => d.exists).map((d) => d.data()!)
      : []
    : (await col.get()).docs.map((d) => d.data());
  return docs
    .map(toOpenedGroup)
    .sort(byText(groupDoc));
}

