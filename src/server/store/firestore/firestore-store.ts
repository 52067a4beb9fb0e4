import { randomInt } from 'node:crypto';
import { FieldValue, type Firestore, type Query, type WriteBatch } from 'firebase-admin/firestore';
import type { CoverageFacts, CoverageQuery } from '../../../domain/coverage.js';
import type { LedgerFacts } from '../../../domain/integrity.js';
import { relationships, type Relationship } from '../../../domain/questionnaire.js';
import type { Agency, AuditEvent, Employee, Invitation, Ticket, Unit, Wave } from '../../../domain/schema.js';
import { addSealed } from '../../../domain/sealing/elgamal.js';
import { sealingReady } from '../../../domain/sealing/group.js';
import type { GroupShares } from '../../../domain/sealing/opening.js';
import type { Ceremony, Phase } from '../../../domain/sealing/schema.js';
import { unitAncestry } from '../../../domain/units.js';
import {
  StoreError,
  type AgencySummary,
  type GroupKey,
  type InvitationLink,
  type OpenedGroup,
  type SealedResponse,
  type StoredTally,
  type WaveSeal,
  type RaterProgress,
  type RecordOutcome,
  type ResponseDraft,
  type RosterChange,
  type RosterOutcome,
  type SurveyStore,
  type WaveLaunch,
} from '../port.js';
import { groupCounts } from '../group-counts.js';
import { commitInBatches } from './batches.js';
import {
  CoverageSnapshots,
  countRaterProgress,
  defaultCoverageTiming,
  raterCountFields,
  ratersByUnit,
  rateeRank,
  unitDocId,
  type CoverageTiming,
} from './coverage-snapshot.js';
import type { RampLimiter } from './ramp.js';

/*
 * Document layout (ids are the domain's: random for invitations and responses, so no hot spots
 * and no order):
 *   agencies/{agencyId}                      units/{unitId}, employees/{nip} below it
 *   waves/{waveId}                           ratees/{nip}: issued and answered per group, at risk
 *                                            unitGroups/{unit}: the same summed per ratee unit
 *                                            days/{day}_{shard}: responses per day, sharded
 *                                            coverage/{meta,units-n,raters}: see coverage-snapshot.ts
 *                                            links/{chunk}: the one-time link list
 *   invitations/{invitationId}               the rater's code hash; never touched by a submission
 *   tickets/{invitationId}_{ticketId}        deleted, not flagged, when used
 *                                            tallies/{nip}_{rel}: the group's sealed running tally
 *                                            decryptionShares/{phase}_{nip}_{rel}_{trustee}, opened/{nip}_{rel}
 *   responses/{responseId}                   only the fields the anonymity model allows (sealed slots)
 *   ceremonies/{ceremonyId}                  the key ceremony's public record
 *   auditEvents/{eventId}
 * A submission's commit deletes the ticket and writes the response and counts about the ratee and
 * the day: every write in a commit shares its timestamp, so nothing about the rater may be in it.
 */

const DAY_SHARDS = 20;
const LINK_CHUNK = 2000;

type Data = Record<string, unknown>;

export class FirestoreStore implements SurveyStore {
  readonly engine = 'firestore' as const;
  private auditSeq = 0;
  private readonly coverage: CoverageSnapshots;

  constructor(
    readonly db: Firestore,
    private readonly options: { ramp?: RampLimiter; coverage?: Partial<CoverageTiming> } = {},
  ) {
    this.coverage = new CoverageSnapshots(db, { ...defaultCoverageTiming, ...options.coverage });
  }

  private agencies = () => this.db.collection('agencies');
  private waves = () => this.db.collection('waves');
  private invitations = () => this.db.collection('invitations');
  private tickets = () => this.db.collection('tickets');
  private responses = () => this.db.collection('responses');
  private ceremonies = () => this.db.collection('ceremonies');
  private groupDoc = (g: GroupKey) => `${g.rateeNip}_${g.relationship}`;
  private ticketRef = (invitationId: string, ticketId: string) => this.tickets().doc(`${invitationId}_${ticketId}`);

  async ping(): Promise<void> {
    await this.agencies().limit(1).get();
  }

  async close(): Promise<void> {
    await this.db.terminate();
  }

  async createAgency(agency: Agency): Promise<'created' | 'exists'> {
    try {
      await this.agencies().doc(agency.id).create({ ...agency });
      return 'created';
    } catch (error) {
      if ((error as { code?: number }).code === 6) return 'exists'; // ALREADY_EXISTS
      throw error;
    }
  }

  async getAgency(id: string): Promise<Agency | null> {
    const doc = await this.agencies().doc(id).get();
    return doc.exists ? toAgency(doc.data()!) : null;
  }

  async listAgencies(ids?: readonly string[]): Promise<Agency[]> {
    if (ids && ids.length === 0) return [];
    const docs = ids
      ? (await this.db.getAll(...ids.map((id) => this.agencies().doc(id)))).filter((d) => d.exists)
      : (await this.agencies().get()).docs;
    return docs.map((d) => toAgency(d.data()!)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async summarizeAgency(id: string): Promise<AgencySummary> {
    const agency = this.agencies().doc(id);
    const [units, people] = await Promise.all([
      agency.collection('units').count().get(),
      agency.collection('employees').where('active', '==', true).count().get(),
    ]);
    return { units: units.data().count, activeEmployees: people.data().count };
  }

  /**
   * In batches of 500 (a roster can be larger than one transaction): the route has validated the
   * whole file first, and re-applying the same roster gives the same result.
   */
  async applyRoster(agencyId: string, change: RosterChange): Promise<RosterOutcome> {
    const agency = this.agencies().doc(agencyId);
    if (!(await agency.get()).exists) throw new StoreError('agency_not_found', `agency ${agencyId} does not exist`);
    const existing = await agency.collection('employees').get();
    const known = new Map(existing.docs.map((d) => [d.id, d.data().active === true]));
    const writes: ((batch: WriteBatch) => void)[] = [];
    for (const u of change.units) {
      writes.push((b) => b.set(agency.collection('units').doc(u.id), { id: u.id, name: u.name, parentId: u.parentId, path: u.path }));
    }
    let created = 0;
    let updated = 0;
    for (const e of change.employees) {
      if (known.has(e.nip)) updated++;
      else created++;
      writes.push((b) => b.set(agency.collection('employees').doc(e.nip), { ...e, agencyId }));
    }
    let deactivated = 0;
    if (change.deactivateMissing) {
      const incoming = new Set(change.employees.map((e) => e.nip));
      for (const [nip, active] of known) {
        if (!active || incoming.has(nip)) continue;
        deactivated++;
        writes.push((b) => b.update(agency.collection('employees').doc(nip), { active: false }));
      }
    }
    await this.commitInBatches(writes);
    return { created, updated, deactivated };
  }

  private async commitInBatches(writes: readonly ((batch: WriteBatch) => void)[]): Promise<void> {
    await commitInBatches(this.db, writes, this.options.ramp);
  }

  async listUnits(agencyId: string): Promise<Unit[]> {
    const docs = (await this.agencies().doc(agencyId).collection('units').get()).docs;
    return docs.map((d) => ({ ...(d.data() as Omit<Unit, 'agencyId'>), agencyId })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async listEmployees(agencyId: string): Promise<Employee[]> {
    const docs = (await this.agencies().doc(agencyId).collection('employees').get()).docs;
    return docs.map((d) => toEmployee(d.data())).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.nip < b.nip ? -1 : 1));
  }

  async getUnits(agencyId: string, ids: readonly string[]): Promise<Unit[]> {
    if (ids.length === 0) return [];
    const units = this.agencies().doc(agencyId).collection('units');
    const docs = await this.db.getAll(...ids.map((id) => units.doc(id)));
    return docs.filter((d) => d.exists).map((d) => ({ ...(d.data() as Omit<Unit, 'agencyId'>), agencyId })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async getEmployees(agencyId: string, nips: readonly string[]): Promise<Employee[]> {
    if (nips.length === 0) return [];
    const employees = this.agencies().doc(agencyId).collection('employees');
    const docs = await this.db.getAll(...nips.map((nip) => employees.doc(nip)));
    return docs.filter((d) => d.exists).map((d) => toEmployee(d.data()!));
  }

  async createWave(wave: Wave): Promise<void> {
    await this.waves().doc(wave.id).create({ ...wave });
  }

  async updateDraftWave(wave: Wave): Promise<'updated' | 'not_found' | 'not_draft'> {
    const ref = this.waves().doc(wave.id);
    return this.db.runTransaction(async (tx) => {
      const doc = await tx.get(ref);
      if (!doc.exists) return 'not_found' as const;
      if (doc.data()!.status !== 'draft') return 'not_draft' as const;
      tx.set(ref, { ...wave });
      return 'updated' as const;
    });
  }

  async getWave(id: string): Promise<Wave | null> {
    const doc = await this.waves().doc(id).get();
    return doc.exists ? toWave(doc.data()!) : null;
  }

  async listWaves(agencyId: string): Promise<Wave[]> {
    const docs = (await this.waves().where('agencyId', '==', agencyId).get()).docs.map((d) => toWave(d.data()));
    return docs.sort((a, b) => (a.createdAt > b.createdAt ? -1 : a.createdAt < b.createdAt ? 1 : a.id < b.id ? -1 : 1));
  }

  /**
   * Invitations, tickets, ratee counts and the link list go in batches under the 500/50/5 ramp,
   * and the wave turns open last, in a transaction that checks it is still a draft: until then
   * nothing written can be used (every respondent path checks the wave is open). A launch that
   * failed half-way is cleared before the next attempt writes.
   */
  async launchWave(launch: WaveLaunch): Promise<'launched' | 'not_found' | 'not_draft'> {
    const waveRef = this.waves().doc(launch.waveId);
    const waveDoc = await waveRef.get();
    if (!waveDoc.exists) return 'not_found';
    const wave = toWave(waveDoc.data()!);
    if (wave.status !== 'draft') return 'not_draft';
    await this.clearLaunch(launch.waveId);

    const unitOf = new Map((await this.listEmployees(wave.agencyId)).map((e) => [e.nip, e.unitId]));
    const issued = new Map<string, number>();
    for (const t of launch.tickets) issued.set(t.invitationId, (issued.get(t.invitationId) ?? 0) + 1);
    const raterOf = new Map(launch.invitations.map((i) => [i.id, i.raterNip]));
    const writes: ((batch: WriteBatch) => void)[] = [];
    for (const i of launch.invitations) {
      writes.push((b) =>
        b.set(this.invitations().doc(i.id), { ...i, raterUnitId: unitOf.get(i.raterNip) ?? '', issued: issued.get(i.id) ?? 0 }),
      );
    }
    const k = wave.settings.anonymityThreshold;
    const groups = new Map<string, Data>();
    for (const t of launch.tickets) {
      const raterUnitId = unitOf.get(raterOf.get(t.invitationId) ?? '') ?? '';
      writes.push((b) => b.set(this.ticketRef(t.invitationId, t.id), { ...t, raterUnitId }));
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
      writes.push((b) => b.set(waveRef.collection('ratees').doc(nip), { nip, unitId, unitPath: unitAncestry(unitId), ...counts, ...rank }));
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
    for (const [unitId, u] of unitGroups) writes.push((b) => b.set(waveRef.collection('unitGroups').doc(unitDocId(unitId)), u));
    writes.push((b) => b.set(waveRef.collection('coverage').doc('raters'), { countedAt: launch.launchedAt }));
    for (let i = 0, chunk = 0; i < launch.links.length; i += LINK_CHUNK, chunk++) {
      const links = launch.links.slice(i, i + LINK_CHUNK);
      writes.push((b) => b.set(waveRef.collection('links').doc(String(chunk).padStart(6, '0')), { links }));
    }
    await this.commitInBatches(writes);
    return this.db.runTransaction(async (tx) => {
      const doc = await tx.get(waveRef);
      if (!doc.exists) return 'not_found' as const;
      if (doc.data()!.status !== 'draft') return 'not_draft' as const;
      tx.update(waveRef, { status: 'open', launchedAt: launch.launchedAt, opensAt: launch.opensAt, hasLinks: launch.links.length > 0, seal: launch.seal });
      return 'launched' as const;
    });
  }

  private async clearLaunch(waveId: string): Promise<void> {
    const waveRef = this.waves().doc(waveId);
    const leftovers = await Promise.all([
      this.invitations().where('waveId', '==', waveId).get(),
      this.tickets().where('waveId', '==', waveId).get(),
      waveRef.collection('ratees').get(),
      waveRef.collection('unitGroups').get(),
      waveRef.collection('coverage').get(),
      waveRef.collection('links').get(),
    ]);
    await this.commitInBatches(leftovers.flatMap((s) => s.docs.map((d) => (b: WriteBatch) => b.delete(d.ref))));
  }

  async takeLinks(waveId: string): Promise<InvitationLink[] | null> {
    const waveRef = this.waves().doc(waveId);
    return this.db.runTransaction(async (tx) => {
      const wave = await tx.get(waveRef);
      if (!wave.exists || wave.data()!.hasLinks !== true) return null;
      const chunks = await tx.get(waveRef.collection('links'));
      const links = chunks.docs.sort((a, b) => (a.id < b.id ? -1 : 1)).flatMap((d) => d.data().links as InvitationLink[]);
      for (const d of chunks.docs) tx.delete(d.ref);
      tx.update(waveRef, { hasLinks: false });
      return links;
    });
  }

  async hasLinks(waveId: string): Promise<boolean> {
    const wave = await this.waves().doc(waveId).get();
    return wave.exists && wave.data()!.hasLinks === true;
  }

  async reissueInvitation(
    waveId: string,
    raterNip: string,
    next: { id: string; codeHash: string; ticketId: () => string },
  ): Promise<{ status: 'reissued'; movedTickets: number } | { status: 'not_found' }> {
    return this.db.runTransaction(async (tx) => {
      const found = await tx.get(this.invitations().where('waveId', '==', waveId).where('raterNip', '==', raterNip).limit(1));
      const old = found.docs[0];
      if (!old) return { status: 'not_found' as const };
      const tickets = await tx.get(this.tickets().where('invitationId', '==', old.id));
      tx.delete(old.ref);
      tx.create(this.invitations().doc(next.id), { ...old.data(), id: next.id, codeHash: next.codeHash });
      for (const t of tickets.docs) {
        const ticket = t.data();
        const id = next.ticketId();
        tx.delete(t.ref);
        tx.create(this.ticketRef(next.id, id), { ...ticket, id, invitationId: next.id });
      }
      return { status: 'reissued' as const, movedTickets: tickets.size };
    });
  }

  async closeWave(waveId: string, closedAt: string): Promise<'closed' | 'not_found' | 'not_open'> {
    const ref = this.waves().doc(waveId);
    return this.db.runTransaction(async (tx) => {
      const doc = await tx.get(ref);
      if (!doc.exists) return 'not_found' as const;
      if (doc.data()!.status !== 'open') return 'not_open' as const;
      tx.update(ref, { status: 'closed', closedAt });
      return 'closed' as const;
    });
  }

  async findInvitationByCodeHash(codeHash: string): Promise<Invitation | null> {
    const doc = (await this.invitations().where('codeHash', '==', codeHash).limit(1).get()).docs[0];
    return doc ? toInvitation(doc.data()) : null;
  }

  async listTicketsOfInvitation(invitationId: string): Promise<Ticket[]> {
    const docs = (await this.tickets().where('invitationId', '==', invitationId).get()).docs;
    return docs
      .map((d) => toTicket(d.data()))
      .sort((a, b) => (a.rateeNip < b.rateeNip ? -1 : a.rateeNip > b.rateeNip ? 1 : a.relationship < b.relationship ? -1 : 1));
  }

  async recordResponse(invitationId: string, ticketId: string, draft: ResponseDraft, now: string): Promise<RecordOutcome> {
    await sealingReady();
    const ticketRef = this.ticketRef(invitationId, ticketId);
    return this.db.runTransaction(async (tx) => {
      const ticketDoc = await tx.get(ticketRef);
      if (!ticketDoc.exists) return 'ticket_gone' as const;
      const ticket = ticketDoc.data()!;
      const waveRef = this.waves().doc(ticket.waveId as string);
      const wave = (await tx.get(waveRef)).data();
      if (!wave) return 'ticket_gone' as const;
      if (wave.status !== 'open' || (wave.closesAt as string) <= now) return wave.status === 'draft' ? 'wave_not_open' : 'wave_closed';
      if (wave.opensAt && (wave.opensAt as string) > now) return 'wave_not_open';
      const rateeRef = waveRef.collection('ratees').doc(ticket.rateeNip as string);
      const relationship = ticket.relationship as Relationship;
      const tallyRef = waveRef.collection('tallies').doc(this.groupDoc({ rateeNip: ticket.rateeNip as string, relationship }));
      const [rateeDoc, tallyDoc] = await tx.getAll(rateeRef, tallyRef);
      const ratee = rateeDoc!.data();
      const rateeUnitId = (ratee?.unitId as string | undefined) ?? '';
      tx.delete(ticketRef);
      tx.create(this.responses().doc(draft.id), {
        id: draft.id,
        waveId: ticket.waveId,
        agencyId: wave.agencyId,
        rateeNip: ticket.rateeNip,
        rateeUnitId,
        relationship,
        questionnaireVersion: draft.questionnaireVersion,
        sealed: Buffer.from(draft.sealed),
      });
      const tally = tallyDoc!.data();
      tx.set(tallyRef, {
        rateeNip: ticket.rateeNip,
        relationship,
        rateeUnitId,
        responses: Number(tally?.responses ?? 0) + 1,
        sealed: Buffer.from(tally ? addSealed(new Uint8Array(tally.sealed as Buffer), draft.sealed) : draft.sealed),
      });
      if (ratee) {
        const k = (wave.settings as Wave['settings']).anonymityThreshold;
        const before = rateeRank(groupCounts(ratee), k);
        const after = rateeRank(groupCounts({ ...ratee, [`${relationship}_done`]: Number(ratee[`${relationship}_done`] ?? 0) + 1 }), k);
        tx.update(rateeRef, { [`${relationship}_done`]: FieldValue.increment(1), ...after });
        tx.set(
          waveRef.collection('unitGroups').doc(unitDocId(ratee.unitId as string)),
          { [`${relationship}_done`]: FieldValue.increment(1), rateesAtRisk: FieldValue.increment(Number(after.atRisk) - Number(before.atRisk)) },
          { merge: true },
        );
      }
      // A random shard per submission: no document is written on every submission.
      const shard = waveRef.collection('days').doc(`${draft.day}_${randomInt(DAY_SHARDS)}`);
      tx.set(shard, { day: draft.day, responses: FieldValue.increment(1) }, { merge: true });
      return 'recorded' as const;
    });
  }

  async sealedResponses(waveId: string, groups?: readonly GroupKey[]): Promise<SealedResponse[]> {
    let docs: Data[];
    if (!groups) {
      docs = (await this.responses().where('waveId', '==', waveId).get()).docs.map((d) => d.data());
    } else {
      const wanted = new Set(groups.map((g) => this.groupDoc(g)));
      const nips = [...new Set(groups.map((g) => g.rateeNip))];
      docs = [];
      // 'in' takes at most 30 values.
      for (let i = 0; i < nips.length; i += 30) {
        const snap = await this.responses().where('waveId', '==', waveId).where('rateeNip', 'in', nips.slice(i, i + 30)).get();
        for (const d of snap.docs) if (wanted.has(this.groupDoc(d.data() as GroupKey))) docs.push(d.data());
      }
    }
    return docs
      .map((d) => ({
        id: d.id as string,
        rateeNip: d.rateeNip as string,
        rateeUnitId: d.rateeUnitId as string,
        relationship: d.relationship as Relationship,
        questionnaireVersion: d.questionnaireVersion as string,
        sealed: new Uint8Array(d.sealed as Buffer),
      }))
      .sort((a, b) => (a.rateeNip < b.rateeNip ? -1 : a.rateeNip > b.rateeNip ? 1 : a.relationship < b.relationship ? -1 : a.relationship > b.relationship ? 1 : a.id < b.id ? -1 : 1));
  }

  async listTallies(waveId: string): Promise<StoredTally[]> {
    const docs = (await this.waves().doc(waveId).collection('tallies').get()).docs;
    return docs
      .map((doc) => {
        const d = doc.data();
        return {
          rateeNip: d.rateeNip as string,
          relationship: d.relationship as Relationship,
          rateeUnitId: d.rateeUnitId as string,
          responses: d.responses as number,
          sealed: new Uint8Array(d.sealed as Buffer),
        };
      })
      .sort((a, b) => (this.groupDoc(a) < this.groupDoc(b) ? -1 : 1));
  }

  async getWaveSeal(waveId: string): Promise<WaveSeal | null> {
    const seal = (await this.waves().doc(waveId).get()).data()?.seal as WaveSeal | undefined;
    return seal ?? null;
  }

  async createCeremony(c: Ceremony): Promise<void> {
    await this.ceremonies().doc(c.id).create({ ...c });
  }

  async getCeremony(id: string): Promise<Ceremony | null> {
    const doc = await this.ceremonies().doc(id).get();
    return doc.exists ? (doc.data() as Ceremony) : null;
  }

  async listCeremonies(agencyId: string): Promise<Ceremony[]> {
    const docs = (await this.ceremonies().where('agencyId', '==', agencyId).get()).docs.map((d) => d.data() as Ceremony);
    return docs.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? -1 : 1));
  }

  async saveCeremony(c: Ceremony, expectedVersion: number): Promise<'saved' | 'conflict'> {
    const ref = this.ceremonies().doc(c.id);
    return this.db.runTransaction(async (tx) => {
      const doc = await tx.get(ref);
      if (!doc.exists || doc.data()!.version !== expectedVersion) return 'conflict' as const;
      tx.set(ref, { ...c });
      return 'saved' as const;
    });
  }

  async saveDecryptionShares(waveId: string, phase: Phase, trusteeIndex: number, shares: readonly GroupShares[]): Promise<void> {
    const col = this.waves().doc(waveId).collection('decryptionShares');
    await this.commitInBatches(
      shares.map((s) => (b: WriteBatch) => b.set(col.doc(`${phase}_${this.groupDoc(s)}_${trusteeIndex}`), { phase, trusteeIndex, rateeNip: s.rateeNip, relationship: s.relationship, body: JSON.stringify(s) })),
    );
  }

  async listDecryptionShares(waveId: string, phase: Phase, groups?: readonly GroupKey[]): Promise<{ trusteeIndex: number; shares: GroupShares }[]> {
    const col = this.waves().doc(waveId).collection('decryptionShares');
    let docs: Data[];
    if (!groups) docs = (await col.where('phase', '==', phase).get()).docs.map((d) => d.data());
    else {
      const wanted = new Set(groups.map((g) => this.groupDoc(g)));
      const nips = [...new Set(groups.map((g) => g.rateeNip))];
      docs = [];
      for (let i = 0; i < nips.length; i += 30) {
        const snap = await col.where('phase', '==', phase).where('rateeNip', 'in', nips.slice(i, i + 30)).get();
        for (const d of snap.docs) if (wanted.has(this.groupDoc(d.data() as GroupKey))) docs.push(d.data());
      }
    }
    return docs
      .map((d) => ({ trusteeIndex: d.trusteeIndex as number, shares: JSON.parse(d.body as string) as GroupShares }))
      .sort((a, b) => {
        const x = this.groupDoc(a.shares);
        const y = this.groupDoc(b.shares);
        return x < y ? -1 : x > y ? 1 : a.trusteeIndex - b.trusteeIndex;
      });
  }

  async saveOpened(waveId: string, opened: readonly OpenedGroup[]): Promise<void> {
    const col = this.waves().doc(waveId).collection('opened');
    await this.commitInBatches(
      opened.map((g) => (b: WriteBatch) =>
        b.set(
          col.doc(this.groupDoc(g)),
          { rateeNip: g.rateeNip, relationship: g.relationship, ...(g.counts ? { counts: g.counts } : {}), ...(g.sums ? { sums: JSON.stringify(g.sums) } : {}) },
          { merge: true },
        ),
      ),
    );
  }

  async countDecryptionShares(waveId: string, phase: Phase): Promise<Map<number, number>> {
    const col = this.waves().doc(waveId).collection('decryptionShares');
    const counts = new Map<number, number>();
    // Seats are 1..9: one count() each, no document read.
    for (let index = 1; index <= 9; index++) {
      const n = (await col.where('phase', '==', phase).where('trusteeIndex', '==', index).count().get()).data().count;
      if (n > 0) counts.set(index, n);
    }
    return counts;
  }

  async listOpened(waveId: string, groups?: readonly GroupKey[]): Promise<OpenedGroup[]> {
    const col = this.waves().doc(waveId).collection('opened');
    const docs = groups
      ? groups.length
        ? (await this.db.getAll(...groups.map((g) => col.doc(this.groupDoc(g))))).filter((d) => d.exists).map((d) => d.data()!)
        : []
      : (await col.get()).docs.map((d) => d.data());
    return docs
      .map((d) => ({
        rateeNip: d.rateeNip as string,
        relationship: d.relationship as Relationship,
        counts: (d.counts as number[] | undefined) ?? null,
        sums: typeof d.sums === 'string' ? (JSON.parse(d.sums) as Record<number, number>) : null,
      }))
      .sort((a, b) => (this.groupDoc(a) < this.groupDoc(b) ? -1 : 1));
  }

  async listRatees(waveId: string): Promise<{ nip: string; unitId: string }[]> {
    const docs = (await this.waves().doc(waveId).collection('ratees').get()).docs;
    return docs.map((d) => ({ nip: d.id, unitId: d.data().unitId as string })).sort((a, b) => (a.nip < b.nip ? -1 : 1));
  }

  /** Invitations and every ticket still waiting: the integrity check reads them all, once. */
  private async raterTickets(waveId: string) {
    const [invitations, tickets] = await Promise.all([
      this.invitations().where('waveId', '==', waveId).select('raterNip', 'raterUnitId', 'issued').get(),
      this.tickets().where('waveId', '==', waveId).select('invitationId', 'rateeNip', 'relationship').get(),
    ]);
    const left = new Map<string, number>();
    for (const t of tickets.docs) left.set(t.data().invitationId as string, (left.get(t.data().invitationId as string) ?? 0) + 1);
    return { invitations: invitations.docs, tickets: tickets.docs, left };
  }

  /** Progress is never written, only counted: one count() per invitation. */
  async listRaterProgress(waveId: string): Promise<RaterProgress[]> {
    return countRaterProgress(this.db, waveId);
  }

  async coverageFacts(waveId: string, query: CoverageQuery): Promise<CoverageFacts> {
    const wave = await this.getWave(waveId);
    if (!wave || wave.status === 'draft') return { units: [], ratees: { total: 0, atRisk: 0, rows: [] }, perDay: [] };
    return this.coverage.facts(waveId, query, async (nips) => new Map((await this.getEmployees(wave.agencyId, nips)).map((e) => [e.nip, e.name])));
  }

  async ledgerFacts(waveId: string): Promise<LedgerFacts> {
    const [{ invitations, tickets, left }, ratees, responses] = await Promise.all([
      this.raterTickets(waveId),
      this.waves().doc(waveId).collection('ratees').get(),
      this.responses().where('waveId', '==', waveId).select('rateeNip', 'relationship').get(),
    ]);
    const groups = new Map<string, LedgerFacts['groups'][number]>();
    const group = (rateeNip: string, relationship: Relationship) => {
      const key = `${rateeNip}/${relationship}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { rateeNip, relationship, issued: null, remaining: 0, responses: 0, counted: null }));
      return g;
    };
    for (const d of ratees.docs) {
      for (const [rel, counts] of Object.entries(groupCounts(d.data())) as [Relationship, { issued: number; responses: number }][]) {
        const g = group(d.id, rel);
        g.issued = counts.issued;
        g.counted = counts.responses;
      }
    }
    for (const t of tickets) group(t.data().rateeNip as string, t.data().relationship as Relationship).remaining++;
    for (const r of responses.docs) group(r.data().rateeNip as string, r.data().relationship as Relationship).responses++;
    return {
      groups: [...groups.values()],
      raters: invitations.map((i) => ({ issued: i.data().issued as number, left: left.get(i.id) ?? 0 })),
    };
  }

  async appendAuditEvent(event: AuditEvent): Promise<void> {
    // Events of the same millisecond keep their order of appending.
    this.auditSeq = Math.max(this.auditSeq + 1, Date.now() * 1000);
    await this.db.collection('auditEvents').doc(event.id).create({ ...event, seq: this.auditSeq });
  }

  async listAuditEvents(agencyId: string, options: { waveId?: string; limit?: number } = {}): Promise<AuditEvent[]> {
    const limit = Math.min(Math.max(options.limit ?? 200, 1), 1000);
    let q: Query = this.db.collection('auditEvents').where('agencyId', '==', agencyId);
    if (options.waveId) q = q.where('waveId', '==', options.waveId);
    const docs = (await q.orderBy('at', 'desc').orderBy('seq', 'desc').limit(limit).get()).docs;
    return docs.map((d) => toAuditEvent(d.data()));
  }
}

function toAgency(d: Data): Agency {
  return { id: d.id as string, name: d.name as string, createdAt: d.createdAt as string };
}

function toEmployee(d: Data): Employee {
  return {
    nip: d.nip as string,
    agencyId: d.agencyId as string,
    name: d.name as string,
    unitId: d.unitId as string,
    position: d.position as string,
    supervisorNip: (d.supervisorNip as string | null) ?? null,
    email: (d.email as string | null) ?? null,
    phone: (d.phone as string | null) ?? null,
    active: d.active as boolean,
  };
}

function toWave(d: Data): Wave {
  return {
    id: d.id as string,
    agencyId: d.agencyId as string,
    name: d.name as string,
    questionnaireVersion: d.questionnaireVersion as string,
    status: d.status as Wave['status'],
    scope: d.scope as Wave['scope'],
    opensAt: (d.opensAt as string | null) ?? null,
    closesAt: d.closesAt as string,
    settings: d.settings as Wave['settings'],
    planSeed: d.planSeed as number,
    createdAt: d.createdAt as string,
    launchedAt: (d.launchedAt as string | null) ?? null,
    closedAt: (d.closedAt as string | null) ?? null,
  };
}

function toInvitation(d: Data): Invitation {
  return { id: d.id as string, waveId: d.waveId as string, agencyId: d.agencyId as string, raterNip: d.raterNip as string, codeHash: d.codeHash as string };
}

function toTicket(d: Data): Ticket {
  return { id: d.id as string, invitationId: d.invitationId as string, waveId: d.waveId as string, rateeNip: d.rateeNip as string, relationship: d.relationship as Relationship };
}

function toAuditEvent(d: Data): AuditEvent {
  return {
    id: d.id as string,
    agencyId: d.agencyId as string,
    waveId: (d.waveId as string | null) ?? null,
    actor: d.actor as AuditEvent['actor'],
    action: d.action as AuditEvent['action'],
    at: d.at as string,
    details: (d.details as AuditEvent['details']) ?? {},
  };
}

