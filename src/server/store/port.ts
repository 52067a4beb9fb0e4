import type { Agency, AuditEvent, Employee, Unit } from '../../domain/schema.js';

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

export interface AgencySummary {
  units: number;
  activeEmployees: number;
}

/**
 * The storage port, expressed as domain operations. Each one must be implementable as a single
 * Firestore transaction, batched write or query, so nothing here assumes SQL joins.
 */
export interface SurveyStore {
  readonly engine: 'sqlite' | 'firestore';
  /** Cheap round trip used by the health check. */
  ping(): Promise<void>;
  close(): Promise<void>;

  createAgency(agency: Agency): Promise<'created' | 'exists'>;
  getAgency(id: string): Promise<Agency | null>;
  /** All agencies, or only those with the given ids; sorted by name. */
  listAgencies(ids?: readonly string[]): Promise<Agency[]>;
  summarizeAgency(id: string): Promise<AgencySummary>;

  /** Upserts units and people by NIP in one atomic step. Throws StoreError('agency_not_found'). */
  applyRoster(agencyId: string, change: RosterChange): Promise<RosterOutcome>;
  /** Sorted by id, which puts every parent before its children. */
  listUnits(agencyId: string): Promise<Unit[]>;
  listEmployees(agencyId: string): Promise<Employee[]>;

  /** Append-only: there is no update or delete. */
  appendAuditEvent(event: AuditEvent): Promise<void>;
  /** Newest first. */
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
