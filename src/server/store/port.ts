import type { Job, JobInput } from '../../contract/jobs.js';
import type { InvitationLink, LinkPage } from '../../contract/waves.js';
import type { Staff } from '../auth.js';

export type { InvitationLink, LinkPage };
import type { Relationship } from '../../domain/questionnaire.js';
import type { Ceremony, Phase } from '../../domain/sealing/schema.js';
import type { GroupShares } from '../../domain/sealing/opening.js';
import type { CoverageFacts, CoverageQuery } from '../../domain/coverage.js';
import type { LedgerFacts } from '../../domain/integrity.js';
import type { Agency, AuditEvent, Employee, Invitation, Ticket, Unit, Wave } from '../../domain/schema.js';

export interface RaterProgress {
  raterNip: string;
  /** The rater's unit at launch. */
  unitId: string;
  issued: number;
  left: number;
}

export interface RosterChange {
  units: readonly Unit[];
  employees: readonly Employee[];
  /** People of the agency missing from `employees` are deactivated only when the coordinator says so. */
  deactivateMissing: boolean;
}

export interface RosterOutcome {
  created: number;
  updated: number;
  deactivated: number;
}


export interface WaveLaunch {
  waveId: string;
  /** Random per attempt: a store whose launch is not one transaction claims the wave with it. */
  launchId: string;
  launchedAt: string;
  /** When respondents may start: the scheduled time, or the launch time. */
  opensAt: string;
  /** In id order, with tickets grouped under their invitation in id order: the order stores write fastest. */
  invitations: readonly Invitation[];
  tickets: readonly Ticket[];
  links: readonly InvitationLink[];
  /** The completed key ceremony whose joint key seals this wave's answers. */
  seal: WaveSeal;
}

export interface WaveSeal {
  ceremonyId: string;
  /** K, base64url. */
  jointKey: string;
}

/** The respondent's part of a response, already sealed; the ticket supplies the ratee and relationship. */
export interface ResponseDraft {
  /** Random: ids must not reveal order. */
  id: string;
  questionnaireVersion: string;
  /** The sealed slots (docs/sealing.md): never a plaintext answer. */
  sealed: Uint8Array;
  /** Counted per day for coverage; the response itself keeps no time. */
  day: string;
}

export interface GroupKey {
  rateeNip: string;
  relationship: Relationship;
}

/** A stored response: exactly what the anonymity model allows. */
export interface SealedResponse extends GroupKey {
  id: string;
  rateeUnitId: string;
  questionnaireVersion: string;
  sealed: Uint8Array;
}

/** A group's running tally: the sum of its responses' sealed rows, kept at submission. */
export interface StoredTally extends GroupKey {
  rateeUnitId: string;
  responses: number;
  sealed: Uint8Array;
}

/** What opening has revealed of a group: its count slots and the sum slots opened (slot → m). */
export interface OpenedGroup extends GroupKey {
  counts: number[] | null;
  sums: Record<number, number> | null;
}

export type RecordOutcome = 'recorded' | 'ticket_gone' | 'wave_closed' | 'wave_not_open';

export interface AgencySummary {
  units: number;
  activeEmployees: number;
}

/**
 * The storage port, expressed as domain operations. Each one must be implementable as a single
 * Firestore transaction, batched write or query, so nothing here assumes SQL joins.
 */
/** A job as stored: what the API shows, what it was asked to do and by whom (for its audit entry). */
export type StoredJob = Job & { input: JobInput; actor: Staff };

export interface SurveyStore {
  readonly engine: 'sqlite' | 'firestore';
  /** Cheap round trip used by the health check. */
  ping(): Promise<void>;
  close(): Promise<void>;

  /** Creates or replaces a job: only its runner writes it after it is created. */
  saveJob(job: StoredJob): Promise<void>;
  getJob(id: string): Promise<StoredJob | null>;
  /** Keeps the file a job works on (a roster upload) beside it; deleted by the job when it ends. */
  saveJobFile(jobId: string, bytes: Uint8Array): Promise<void>;
  readJobFile(jobId: string): Promise<Uint8Array | null>;
  deleteJobFile(jobId: string): Promise<void>;

  createAgency(agency: Agency): Promise<'created' | 'exists'>;
  getAgency(id: string): Promise<Agency | null>;
  /** All agencies, or only those with the given ids; sorted by name. */
  listAgencies(ids?: readonly string[]): Promise<Agency[]>;
  summarizeAgency(id: string): Promise<AgencySummary>;

  /** Upserts units and people by NIP in one atomic step. Throws StoreError('agency_not_found'). */
  applyRoster(agencyId: string, change: RosterChange, progress?: (done: number, total: number) => void): Promise<RosterOutcome>;
  /** Sorted by id, which puts every parent before its children. */
  listUnits(agencyId: string): Promise<Unit[]>;
  listEmployees(agencyId: string): Promise<Employee[]>;

  createWave(wave: Wave): Promise<void>;
  /** Replaces a wave only while it is a draft, atomically. */
  updateDraftWave(wave: Wave): Promise<'updated' | 'not_found' | 'not_draft'>;
  getWave(id: string): Promise<Wave | null>;
  /** Newest first. */
  listWaves(agencyId: string): Promise<Wave[]>;
  /** Draft -> open with every invitation, ticket and the one-time link list, atomically. */
  /** `launching`: another launch of the wave is still running (only a store whose launch is not one transaction says so). */
  launchWave(launch: WaveLaunch, progress?: (done: number, total: number) => void): Promise<'launched' | 'not_found' | 'not_draft' | 'launching'>;
  /** One page of the link list, in order; null when it was confirmed (or never made). Reading deletes nothing. */
  readLinks(waveId: string, page: number): Promise<LinkPage | null>;
  /** Deletes the link list once its file is built; how many links it held, null when already gone. */
  confirmLinks(waveId: string): Promise<number | null>;
  /** Whether the one-time link list is still waiting to be downloaded. */
  hasLinks(waveId: string): Promise<boolean>;
  /** Gives one rater a new code: the old invitation goes, its unused tickets move to the new one. */
  /**
   * A new code for one rater: the old invitation goes, its unused tickets move to the new one under
   * new ids from `next.ticketId` (tagged under the new code, so retries can tell them).
   */
  reissueInvitation(
    waveId: string,
    raterNip: string,
    next: { id: string; codeHash: string; ticketId: () => string },
  ): Promise<{ status: 'reissued'; movedTickets: number } | { status: 'not_found' }>;
  closeWave(waveId: string, closedAt: string): Promise<'closed' | 'not_found' | 'not_open'>;
  findInvitationByCodeHash(codeHash: string): Promise<Invitation | null>;
  listTicketsOfInvitation(invitationId: string): Promise<Ticket[]>;
  /** Only these people of the agency (a respondent's ratees), not the whole roster. */
  getEmployees(agencyId: string, nips: readonly string[]): Promise<Employee[]>;
  /** Only these units of the agency (unknown ids left out): what one respondent's page needs, whatever the agency's size. */
  getUnits(agencyId: string, ids: readonly string[]): Promise<Unit[]>;

  /**
   * Consumes one ticket and records its response in one transaction, checking the wave is open at
   * `now`. The ticket is deleted, not flagged, and nothing else about the rater is written.
   */
  recordResponse(invitationId: string, ticketId: string, draft: ResponseDraft, now: string): Promise<RecordOutcome>;
  /** Every stored response of the wave (or of some groups only), by group. */
  sealedResponses(waveId: string, groups?: readonly GroupKey[]): Promise<SealedResponse[]>;
  /** Every group's running tally. */
  listTallies(waveId: string): Promise<StoredTally[]>;
  getWaveSeal(waveId: string): Promise<WaveSeal | null>;
  /** Everyone planned as a ratee in the wave, with the unit they belonged to at launch. */
  listRatees(waveId: string): Promise<{ nip: string; unitId: string }[]>;
  /** Counts for coverage, read consistently at one moment: raters' remaining tickets, responses per ratee group and per day. */
  coverageFacts(waveId: string, query: CoverageQuery): Promise<CoverageFacts>;
  /** Every rater of the wave with tickets issued and still unused (for reminders). */
  listRaterProgress(waveId: string): Promise<RaterProgress[]>;
  /**
   * Recounts raters' progress where coverage serves it from a snapshot (Firestore: one count() per
   * invitation, as a job); answers when it was counted, or null where progress is always live (SQLite).
   */
  recountRaters(waveId: string, progress?: (done: number, total: number) => void): Promise<{ countedAt: string | null }>;
  /** Counts for the integrity check, from the launch ledger, the remaining tickets and the responses. */
  ledgerFacts(waveId: string): Promise<LedgerFacts>;

  createCeremony(ceremony: Ceremony): Promise<void>;
  getCeremony(id: string): Promise<Ceremony | null>;
  /** Newest first. */
  listCeremonies(agencyId: string): Promise<Ceremony[]>;
  /** Stores the next state of a ceremony only if it is still at `expectedVersion`. */
  saveCeremony(ceremony: Ceremony, expectedVersion: number): Promise<'saved' | 'conflict'>;

  /** Stores (or replaces) trustees' decryption shares for groups of a closed wave. */
  saveDecryptionShares(waveId: string, phase: Phase, trusteeIndex: number, shares: readonly GroupShares[]): Promise<void>;
  /** Decryption shares of a phase, for all groups or some. */
  listDecryptionShares(waveId: string, phase: Phase, groups?: readonly GroupKey[]): Promise<{ trusteeIndex: number; shares: GroupShares }[]>;
  /** How many groups each trustee has given shares for in a phase. */
  countDecryptionShares(waveId: string, phase: Phase): Promise<Map<number, number>>;
  /** Records what a phase opened of some groups (merging with what is there). */
  saveOpened(waveId: string, opened: readonly OpenedGroup[]): Promise<void>;
  /** What opening revealed, for every group or some. */
  listOpened(waveId: string, groups?: readonly GroupKey[]): Promise<OpenedGroup[]>;

  /** Append-only: there is no update or delete. */
  appendAuditEvent(event: AuditEvent): Promise<void>;
  /** Newest first; events with the same time in reverse order of appending. */
  listAuditEvents(agencyId: string, options?: { waveId?: string; limit?: number }): Promise<AuditEvent[]>;
}

export class StoreError extends Error {
  constructor(
    readonly code: 'agency_not_found',
    message?: string,
  ) {
    super(message ?? code);
    this.name = 'StoreError';
  }
}
