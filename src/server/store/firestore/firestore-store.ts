import type { Firestore } from 'firebase-admin/firestore';
import type { SurveyStore } from '../port.js';
import { storedJob } from '../stored-shape.js';
import * as agencies from './agencies.js';
import { commitInBatches } from './batches.js';
import * as coverage from './coverage.js';
import { CoverageSnapshots, defaultCoverageTiming, type CoverageTiming } from './coverage-snapshot.js';
import type { Fs } from './documents.js';
import * as jobFiles from './job-files.js';
import { defaultLaunchTiming, type LaunchTiming } from './launch-lease.js';
import type { RampLimiter } from './ramp.js';
import * as sealing from './sealing.js';
import { recordResponse } from './submissions.js';
import * as waves from './waves.js';

/*
 * Document layout (ids are the domain's: random for invitations and responses, so no hot spots
 * and no order):
 *   agencies/{agencyId}                      units/{unitId}, employees/{nip} below it
 *   waves/{waveId}                           ratees/{nip}: issued and answered per group, at risk
 *                                            unitGroups/{unit}: the same summed per ratee unit
 *                                            days/{day}_{shard}: responses per day, sharded
 *                                            coverage/{meta,units-n,raters}: see coverage-snapshot.ts
 *                                            links/{chunk}: the one-time link list
 *                                            launchLeases/{n}: each launch's claim (launch-lease.ts)
 *   invitations/{invitationId}               the rater's code hash; never touched by a submission
 *   tickets/t{invitationId}_{ticketId}       deleted, not flagged, when used (the `t` keeps ids out of `__…__`)
 *                                            tallies/{nip}_{rel}: the group's sealed running tally
 *                                            decryptionShares/{phase}_{nip}_{rel}_{trustee}, opened/{nip}_{rel}
 *   responses/{responseId}                   only the fields the anonymity model allows (sealed slots)
 *   ceremonies/{ceremonyId}                  the key ceremony's public record
 *   auditEvents/{eventId}
 *   jobs/{jobId}                             long work's progress and result (the API's record as JSON)
 *                                            file/{n}: the file it works on, until it ends (job-files.ts)
 * A submission's commit deletes the ticket and writes the response and counts about the ratee and
 * the day: every write in a commit shares its timestamp, so nothing about the rater may be in it.
 * Each concern has its own module (agencies.ts, waves.ts, submissions.ts, coverage.ts, sealing.ts)
 * over one context (documents.ts); this class binds them to the store port.
 */

export class FirestoreStore implements SurveyStore {
  readonly engine = 'firestore' as const;
  private readonly f: Fs;

  constructor(
    readonly db: Firestore,
    /** `ramp` makes the 500/50/5 ramp of one piece of work (a launch, an import): each starts at 500 a second. */
    options: { ramp?: () => RampLimiter; coverage?: Partial<CoverageTiming>; launch?: Partial<LaunchTiming> } = {},
  ) {
    this.f = {
      db,
      commit: (writes, commitOptions) => commitInBatches(db, writes, commitOptions?.ramp ?? options.ramp?.(), commitOptions),
      ramp: options.ramp,
      launch: { ...defaultLaunchTiming, ...options.launch },
      coverage: new CoverageSnapshots(db, { ...defaultCoverageTiming, ...options.coverage }),
      audit: { seq: 0 },
      units: new Map(),
    };
  }

  async ping(): Promise<void> {
    await this.db.collection('agencies').limit(1).get();
  }

  async close(): Promise<void> {
    await this.db.terminate();
  }

  // Jobs: one document each, the API's record as JSON text (written whole by its one runner).
  readonly saveJob: SurveyStore['saveJob'] = async (job) => {
    await this.db.collection('jobs').doc(job.id).set({ agencyId: job.agencyId, body: JSON.stringify(job) });
  };
  readonly getJob: SurveyStore['getJob'] = async (id) => {
    const doc = await this.db.collection('jobs').doc(id).get();
    return doc.exists ? storedJob(doc.data()!.body) : null;
  };
  readonly saveJobFile: SurveyStore['saveJobFile'] = (jobId, bytes) => jobFiles.saveJobFile(this.f, jobId, bytes);
  readonly readJobFile: SurveyStore['readJobFile'] = (jobId) => jobFiles.readJobFile(this.f, jobId);
  readonly deleteJobFile: SurveyStore['deleteJobFile'] = (jobId) => jobFiles.deleteJobFile(this.f, jobId);

  // Agencies, units, people and the audit log: agencies.ts.
  readonly createAgency: SurveyStore['createAgency'] = (agency) => agencies.createAgency(this.f, agency);
  readonly getAgency: SurveyStore['getAgency'] = (id) => agencies.getAgency(this.f, id);
  readonly listAgencies: SurveyStore['listAgencies'] = (ids) => agencies.listAgencies(this.f, ids);
  readonly summarizeAgency: SurveyStore['summarizeAgency'] = (id) => agencies.summarizeAgency(this.f, id);
  readonly applyRoster: SurveyStore['applyRoster'] = (agencyId, change, progress) => agencies.applyRoster(this.f, agencyId, change, progress);
  readonly listUnits: SurveyStore['listUnits'] = (agencyId) => agencies.listUnits(this.f, agencyId);
  readonly listEmployees: SurveyStore['listEmployees'] = (agencyId) => agencies.listEmployees(this.f, agencyId);
  readonly getUnits: SurveyStore['getUnits'] = (agencyId, ids) => agencies.getUnits(this.f, agencyId, ids);
  readonly getEmployees: SurveyStore['getEmployees'] = (agencyId, nips) => agencies.getEmployees(this.f, agencyId, nips);
  readonly appendAuditEvent: SurveyStore['appendAuditEvent'] = (event) => agencies.appendAuditEvent(this.f, event);
  readonly listAuditEvents: SurveyStore['listAuditEvents'] = (agencyId, options) => agencies.listAuditEvents(this.f, agencyId, options);

  // Waves, launch, links and invitations: waves.ts; submissions: submissions.ts.
  readonly createWave: SurveyStore['createWave'] = (wave) => waves.createWave(this.f, wave);
  readonly updateDraftWave: SurveyStore['updateDraftWave'] = (wave) => waves.updateDraftWave(this.f, wave);
  readonly getWave: SurveyStore['getWave'] = (id) => waves.getWave(this.f, id);
  readonly listWaves: SurveyStore['listWaves'] = (agencyId) => waves.listWaves(this.f, agencyId);
  readonly launchWave: SurveyStore['launchWave'] = (launch, progress) => waves.launchWave(this.f, launch, progress);
  readonly readLinks: SurveyStore['readLinks'] = (waveId, page) => waves.readLinks(this.f, waveId, page);
  readonly confirmLinks: SurveyStore['confirmLinks'] = (waveId) => waves.confirmLinks(this.f, waveId);
  readonly hasLinks: SurveyStore['hasLinks'] = (waveId) => waves.hasLinks(this.f, waveId);
  readonly reissueInvitation: SurveyStore['reissueInvitation'] = (waveId, raterNip, next) => waves.reissueInvitation(this.f, waveId, raterNip, next);
  readonly closeWave: SurveyStore['closeWave'] = (waveId, closedAt) => waves.closeWave(this.f, waveId, closedAt);
  readonly findInvitationByCodeHash: SurveyStore['findInvitationByCodeHash'] = (codeHash) => waves.findInvitationByCodeHash(this.f, codeHash);
  readonly listTicketsOfInvitation: SurveyStore['listTicketsOfInvitation'] = (invitationId) => waves.listTicketsOfInvitation(this.f, invitationId);
  readonly recordResponse: SurveyStore['recordResponse'] = (invitationId, ticketId, draft, now) => recordResponse(this.f, invitationId, ticketId, draft, now);

  // Coverage, progress and the ledger: coverage.ts.
  readonly coverageFacts: SurveyStore['coverageFacts'] = (waveId, query) => coverage.coverageFacts(this.f, waveId, query);
  readonly listRaterProgress: SurveyStore['listRaterProgress'] = (waveId) => coverage.listRaterProgress(this.f, waveId);
  readonly recountRaters: SurveyStore['recountRaters'] = async (waveId, progress) => ({ countedAt: await this.f.coverage.recount(waveId, progress) });
  readonly ledgerFacts: SurveyStore['ledgerFacts'] = (waveId) => coverage.ledgerFacts(this.f, waveId);
  readonly listRatees: SurveyStore['listRatees'] = (waveId) => coverage.listRatees(this.f, waveId);

  // Sealed answers, ceremonies and opening: sealing.ts.
  readonly sealedResponses: SurveyStore['sealedResponses'] = (waveId, groups) => sealing.sealedResponses(this.f, waveId, groups);
  readonly listTallies: SurveyStore['listTallies'] = (waveId) => sealing.listTallies(this.f, waveId);
  readonly getWaveSeal: SurveyStore['getWaveSeal'] = (waveId) => sealing.getWaveSeal(this.f, waveId);
  readonly createCeremony: SurveyStore['createCeremony'] = (c) => sealing.createCeremony(this.f, c);
  readonly getCeremony: SurveyStore['getCeremony'] = (id) => sealing.getCeremony(this.f, id);
  readonly listCeremonies: SurveyStore['listCeremonies'] = (agencyId) => sealing.listCeremonies(this.f, agencyId);
  readonly saveCeremony: SurveyStore['saveCeremony'] = (c, expectedVersion) => sealing.saveCeremony(this.f, c, expectedVersion);
  readonly saveDecryptionShares: SurveyStore['saveDecryptionShares'] = (waveId, phase, index, shares) => sealing.saveDecryptionShares(this.f, waveId, phase, index, shares);
  readonly listDecryptionShares: SurveyStore['listDecryptionShares'] = (waveId, phase, groups) => sealing.listDecryptionShares(this.f, waveId, phase, groups);
  readonly saveOpened: SurveyStore['saveOpened'] = (waveId, opened) => sealing.saveOpened(this.f, waveId, opened);
  readonly countDecryptionShares: SurveyStore['countDecryptionShares'] = (waveId, phase) => sealing.countDecryptionShares(this.f, waveId, phase);
  readonly listOpened: SurveyStore['listOpened'] = (waveId, groups) => sealing.listOpened(this.f, waveId, groups);
}
