import type { Transaction } from 'firebase-admin/firestore';
import type { CoverageFacts, CoverageQuery } from '../../../domain/coverage.js';
import { LedgerGroups, type LedgerFacts } from '../../../domain/integrity.js';
import type { Relationship } from '../../../domain/questionnaire.js';
import { groupCounts } from '../group-counts.js';
import type { RaterProgress } from '../port.js';
import { getEmployees } from './agencies.js';
import { countRaterProgress } from './coverage-snapshot.js';
import { byText, invitationsCol, responsesCol, ticketsCol, wavesCol, type Fs } from './documents.js';
import { getWave } from './waves.js';

/* Coverage, raters' progress and the integrity ledger on Firestore: counts only, never an answer. */

export async function listRatees(f: Fs, waveId: string): Promise<{ nip: string; unitId: string }[]> {
  const docs = (await wavesCol(f.db).doc(waveId).collection('ratees').get()).docs;
  return docs.map((d) => ({ nip: d.id, unitId: d.data().unitId as string })).sort(byText((r) => r.nip));
}

/** Invitations and every ticket still waiting: the integrity check reads them all, once. */
async function raterTickets(f: Fs, waveId: string, tx: Transaction) {
  const [invitations, tickets] = await Promise.all([
    tx.get(invitationsCol(f.db).where('waveId', '==', waveId).select('raterNip', 'raterUnitId', 'issued')),
    tx.get(ticketsCol(f.db).where('waveId', '==', waveId).select('invitationId', 'rateeNip', 'relationship')),
  ]);
  const left = new Map<string, number>();
  for (const t of tickets.docs) left.set(t.data().invitationId as string, (left.get(t.data().invitationId as string) ?? 0) + 1);
  return { invitations: invitations.docs, tickets: tickets.docs, left };
}

/** Progress is never written, only counted: one count() per invitation. */
export async function listRaterProgress(f: Fs, waveId: string): Promise<RaterProgress[]> {
  return countRaterProgress(f.db, waveId);
}

export async function coverageFacts(f: Fs, waveId: string, query: CoverageQuery): Promise<CoverageFacts> {
  const wave = await getWave(f, waveId);
  if (!wave || wave.status === 'draft') return { units: [], ratees: { total: 0, atRisk: 0, rows: [] }, perDay: [] };
  return f.coverage.facts(waveId, query, async (nips) => new Map((await getEmployees(f, wave.agencyId, nips)).map((e) => [e.nip, e.name])));
}

/**
 * Every read of the check at one read time (a read-only transaction with `readTime` starts no
 * transaction and holds no lock): a submission landing between two of its queries would otherwise
 * be counted by one and not the other, and reported as a mismatch.
 */
export async function ledgerFacts(f: Fs, waveId: string): Promise<LedgerFacts> {
  // Firestore's own clock: the moment it read the wave document.
  const { readTime } = await wavesCol(f.db).doc(waveId).get();
  return f.db.runTransaction((tx) => ledgerAt(f, waveId, tx), { readOnly: true, readTime });
}

async function ledgerAt(f: Fs, waveId: string, tx: Transaction): Promise<LedgerFacts> {
  const [{ invitations, tickets, left }, ratees, responses] = await Promise.all([
    raterTickets(f, waveId, tx),
    tx.get(wavesCol(f.db).doc(waveId).collection('ratees')),
    tx.get(responsesCol(f.db).where('waveId', '==', waveId).select('rateeNip', 'relationship')),
  ]);
  const ledger = new LedgerGroups();
  for (const d of ratees.docs) ledger.launched(d.id, groupCounts(d.data()));
  for (const t of tickets) ledger.group(t.data().rateeNip as string, t.data().relationship as Relationship).remaining++;
  for (const r of responses.docs) ledger.group(r.data().rateeNip as string, r.data().relationship as Relationship).responses++;
  return {
    groups: ledger.list(),
    raters: invitations.map((i) => ({ issued: i.data().issued as number, left: left.get(i.id) ?? 0 })),
  };
}

