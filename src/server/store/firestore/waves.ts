import { randomInt } from 'node:crypto';
import { relationships } from '../../../domain/questionnaire.js';
import type { Invitation, Ticket, Wave } from '../../../domain/schema.js';
import { unitAncestry } from '../../../domain/units.js';
import { groupCounts } from '../group-counts.js';
import type { LinkPage, WaveLaunch } from '../port.js';
import { listEmployees } from './agencies.js';
import type { DocumentReference } from 'firebase-admin/firestore';
import { chunkBySize, CHUNK_DOCUMENT_BYTES, getAllInChunks, storedSize } from './batches.js';
import { claimLaunch, clearLeftovers, LaunchSuperseded } from './launch-lease.js';
import { raterCountFields, ratersByUnit, rateeRank, unitDocId } from './coverage-snapshot.js';
import { invitationsCol, ticketRef, ticketsCol, toInvitation, toLinks, toTicket, toWave, wavesCol, type Data, type Fs } from './documents.js';
import { dayShardsFor } from './submissions.js';

/* Waves on Firestore: drafts, the launch that issues invitations and tickets, links, reissue, close. */


export async function createWave(f: Fs, wave: Wave): Promise<void> {
  await wavesCol(f.db).doc(wave.id).create({ ...wave });
}

export async function updateDraftWave(f: Fs, wave: Wave): Promise<'updated' | 'not_found' | 'not_draft'> {
  const ref = wavesCol(f.db).doc(wave.id);
  return f.db.runTransaction(async (tx) => {
    const doc = await tx.get(ref);
    if (!doc.exists) return 'not_found' as const;
    if (doc.data()!.status !== 'draft') return 'not_draft' as const;
    tx.set(ref, { ...wave });
    return 'updated' as const;
  });
}

export async function getWave(f: Fs, id: string): Promise<Wave | null> {
  const doc = await wavesCol(f.db).doc(id).get();
  return doc.exists ? toWave(doc.data()!) : null;
}

export async function listWaves(f: Fs, agencyId: string): Promise<Wave[]> {
  const docs = (await wavesCol(f.db).where('agencyId', '==', agencyId).get()).docs.map((d) => toWave(d.data()));
  return docs.sort((a, b) => (a.createdAt > b.createdAt ? -1 : a.createdAt < b.createdAt ? 1 : a.id < b.id ? -1 : 1));
}

/**
 * Invitations, tickets, ratee counts and the link list go in batches under the 500/50/5 ramp, all
 * under the launch's claim on the wave (launch-lease.ts), each document carrying the launch id; the
 * wave turns open last, in a transaction that checks the claim: until then nothing written can be
 * used (every respondent path checks the wave is open). A second launch while one runs is told
 * `launching`; what a failed attempt left is cleared before the next one writes.
 */
export async function launchWave(f: Fs, launch: WaveLaunch, progress?: (done: number, total: number) => void): Promise<'launched' | 'not_found' | 'not_draft' | 'launching'> {
  const waveRef = wavesCol(f.db).doc(launch.waveId);
  const waveDoc = await waveRef.get();
  if (!waveDoc.exists) return 'not_found';
  const wave = toWave(waveDoc.data()!);
  if (wave.status !== 'draft') return 'not_draft';
  const claim = await claimLaunch(f, launch.waveId, launch.launchId);
  if (claim.status !== 'claimed') return claim.status;
  const { lease } = claim;
  // One ramp for the whole launch, from 500 writes a second (a shared one stopped limiting after two hours).
  const ramp = f.ramp?.();
  try {
    await clearLeftovers(f, lease, ramp);
    // In random order: in key order every commit lands in one narrow range of ids and index entries.
    const writes = shuffled(await launchWrites(f, wave, launch));
    let done = 0;
    progress?.(0, writes.length);
    await f.commit(
      writes.map((w) => ({ ...w, data: { ...w.data, launchId: launch.launchId } })),
      { ramp, beforeBatch: () => lease.keep(), afterBatch: (written) => progress?.((done += written), writes.length) },
    );
    return await lease.open({
      launchedAt: launch.launchedAt,
      opensAt: launch.opensAt,
      hasLinks: launch.links.length > 0,
      linkCount: launch.links.length,
      seal: launch.seal,
      dayShards: dayShardsFor(launch.tickets.length),
    });
  } catch (error) {
    if (error instanceof LaunchSuperseded) return 'launching';
    await lease.release().catch(() => undefined);
    throw error;
  }
}

/** The items in a uniformly random order (Fisher–Yates over the CSPRNG). */
function shuffled<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Every document of the launch: invitations, tickets, the ratees' and units' counts, the link list. */
async function launchWrites(f: Fs, wave: Wave, launch: WaveLaunch): Promise<{ set: DocumentReference; data: Data }[]> {
  const waveRef = wavesCol(f.db).doc(launch.waveId);
  const unitOf = new Map((await listEmployees(f, wave.agencyId)).map((e) => [e.nip, e.unitId]));
  const issued = new Map<string, number>();
  for (const t of launch.tickets) issued.set(t.invitationId, (issued.get(t.invitationId) ?? 0) + 1);
  const raterOf = new Map(launch.invitations.map((i) => [i.id, i.raterNip]));
  const writes: { set: DocumentReference; data: Data }[] = [];
  for (const i of launch.invitations) {
    writes.push({ set: invitationsCol(f.db).doc(i.id), data: { ...i, raterUnitId: unitOf.get(i.raterNip) ?? '', issued: issued.get(i.id) ?? 0 } });
  }
  const k = wave.settings.anonymityThreshold;
  const groups = new Map<string, Data>();
  for (const t of launch.tickets) {
    const raterUnitId = unitOf.get(raterOf.get(t.invitationId) ?? '') ?? '';
    writes.push({ set: ticketRef(f.db, t.invitationId, t.id), data: { ...t, raterUnitId } });
    const g = groups.get(t.rateeNip) ?? { unitId: unitOf.get(t.rateeNip) ?? '' };
    g[t.relationship] = Number(g[t.relationship] ?? 0) + 1;
    groups.set(t.rateeNip, g);
  }
  // Unit documents: the ratee side summed per ratee unit; raters' progress as it is at launch.
  const unitGroups = new Map<string, Data>();
  const unitGroup = (unitId: string) => {
    let u = unitGroups.get(unitId);
    if (!u) {
      u = { unitId, ratees: 0, rateesAtRisk: 0, ...raterCountFields({ invited: 0, finished: 0, partly: 0, notStarted: 0 }) };
      for (const rel of relationships) Object.assign(u, { [rel]: 0, [`${rel}_done`]: 0 });
      unitGroups.set(unitId, u);
    }
    return u;
  };
  for (const [nip, g] of groups) {
    const counts = Object.fromEntries(relationships.flatMap((rel) => [[rel, g[rel] ?? 0], [`${rel}_done`, 0]]));
    const rank = rateeRank(groupCounts(counts), k);
    const unitId = g.unitId as string;
    writes.push({ set: waveRef.collection('ratees').doc(nip), data: { nip, unitId, unitPath: unitAncestry(unitId), ...counts, ...rank } });
    const u = unitGroup(unitId);
    u.ratees = (u.ratees as number) + 1;
    u.rateesAtRisk = (u.rateesAtRisk as number) + Number(rank.atRisk);
    for (const rel of relationships) u[rel] = (u[rel] as number) + (counts[rel] as number);
  }
  // At launch every rater still has every ticket.
  const progress = launch.invitations.map((i) => {
    const n = issued.get(i.id) ?? 0;
    return { raterNip: i.raterNip, unitId: unitOf.get(i.raterNip) ?? '', issued: n, left: n };
  });
  for (const [unitId, counts] of ratersByUnit(progress)) Object.assign(unitGroup(unitId), raterCountFields(counts));
  for (const [unitId, u] of unitGroups) writes.push({ set: waveRef.collection('unitGroups').doc(unitDocId(unitId)), data: u });
  writes.push({ set: waveRef.collection('coverage').doc('raters'), data: { countedAt: launch.launchedAt } });
  // The link list in documents of at most half a MiB each, in order.
  chunkBySize(launch.links, CHUNK_DOCUMENT_BYTES, storedSize).forEach((links, chunk) =>
    writes.push({ set: waveRef.collection('links').doc(linkChunkId(chunk)), data: { links } }),
  );
  return writes;
}

const linkChunkId = (page: number) => String(page).padStart(6, '0');

/** A page is one chunk document (at most half a MiB); the wave knows how many links there are. */
export async function readLinks(f: Fs, waveId: string, page: number): Promise<LinkPage | null> {
  const waveRef = wavesCol(f.db).doc(waveId);
  const [wave, chunk, after] = await getAllInChunks(f.db, [waveRef, waveRef.collection('links').doc(linkChunkId(page)), waveRef.collection('links').doc(linkChunkId(page + 1))]);
  if (!wave!.exists || wave!.data()!.hasLinks !== true) return null;
  return { links: chunk!.exists ? toLinks(chunk!.data()!) : [], total: Number(wave!.data()!.linkCount ?? 0), next: after!.exists ? page + 1 : null };
}

export async function confirmLinks(f: Fs, waveId: string): Promise<number | null> {
  const waveRef = wavesCol(f.db).doc(waveId);
  return f.db.runTransaction(async (tx) => {
    const wave = await tx.get(waveRef);
    if (!wave.exists || wave.data()!.hasLinks !== true) return null;
    const chunks = await tx.get(waveRef.collection('links').select());
    for (const d of chunks.docs) tx.delete(d.ref);
    tx.update(waveRef, { hasLinks: false });
    return Number(wave.data()!.linkCount ?? 0);
  });
}

export async function hasLinks(f: Fs, waveId: string): Promise<boolean> {
  const wave = await wavesCol(f.db).doc(waveId).get();
  return wave.exists && wave.data()!.hasLinks === true;
}

export async function reissueInvitation(
  f: Fs,
  waveId: string,
  raterNip: string,
  next: { id: string; codeHash: string; ticketId: () => string },
): Promise<{ status: 'reissued'; movedTickets: number } | { status: 'not_found' }> {
  return f.db.runTransaction(async (tx) => {
    const found = await tx.get(invitationsCol(f.db).where('waveId', '==', waveId).where('raterNip', '==', raterNip).limit(1));
    const old = found.docs[0];
    if (!old) return { status: 'not_found' as const };
    const tickets = await tx.get(ticketsCol(f.db).where('invitationId', '==', old.id));
    tx.delete(old.ref);
    tx.create(invitationsCol(f.db).doc(next.id), { ...old.data(), id: next.id, codeHash: next.codeHash });
    for (const t of tickets.docs) {
      const ticket = t.data();
      const id = next.ticketId();
      tx.delete(t.ref);
      tx.create(ticketRef(f.db, next.id, id), { ...ticket, id, invitationId: next.id });
    }
    return { status: 'reissued' as const, movedTickets: tickets.size };
  });
}

export async function closeWave(f: Fs, waveId: string, closedAt: string): Promise<'closed' | 'not_found' | 'not_open'> {
  const ref = wavesCol(f.db).doc(waveId);
  return f.db.runTransaction(async (tx) => {
    const doc = await tx.get(ref);
    if (!doc.exists) return 'not_found' as const;
    if (doc.data()!.status !== 'open') return 'not_open' as const;
    tx.update(ref, { status: 'closed', closedAt });
    return 'closed' as const;
  });
}

export async function findInvitationByCodeHash(f: Fs, codeHash: string): Promise<Invitation | null> {
  const doc = (await invitationsCol(f.db).where('codeHash', '==', codeHash).limit(1).get()).docs[0];
  return doc ? toInvitation(doc.data()) : null;
}

export async function listTicketsOfInvitation(f: Fs, invitationId: string): Promise<Ticket[]> {
  const docs = (await ticketsCol(f.db).where('invitationId', '==', invitationId).get()).docs;
  return docs
    .map((d) => toTicket(d.data()))
    .sort((a, b) => (a.rateeNip < b.rateeNip ? -1 : a.rateeNip > b.rateeNip ? 1 : a.relationship < b.relationship ? -1 : 1));
}

