import type { Role } from '../../domain/schema.js';

/**
 * The access table of the authorization matrix (auth-matrix.test.ts): who may call each operation
 * of the OpenAPI document, the kinds of caller, and what each caller must get.
 */

export const STAFF_ROLES = ['auditor', 'coordinator', 'admin'] as const satisfies readonly Role[];
const ANY_STAFF: readonly Role[] = STAFF_ROLES;

export interface Access {
  /**
   * Staff roles that may call it, 'public' for anyone, 'respondent' for whoever holds a valid
   * invitation code, 'seat' for only the trustee holding a seat in the ceremony concerned.
   */
  roles: readonly Role[] | 'public' | 'respondent' | 'seat';
  /** Whether the caller must also reach the agency (admins reach every agency, others those in their claim). */
  agencyScoped: boolean;
  /** Whether a trustee of the agency (an account with the capability and no role) may also call it. */
  trustees?: boolean;
}

/** Who may call what. Deciding a new route's access means adding it here. */
export const expected: Record<string, Access> = {
  getHealth: { roles: 'public', agencyScoped: false },
  getClientConfig: { roles: 'public', agencyScoped: false },
  getMe: { roles: ANY_STAFF, agencyScoped: false, trustees: true },
  listAgencies: { roles: ANY_STAFF, agencyScoped: false },
  createAgency: { roles: ['admin'], agencyScoped: false },
  getAgency: { roles: ANY_STAFF, agencyScoped: true },
  listAuditEvents: { roles: ANY_STAFF, agencyScoped: true },
  importRoster: { roles: ['coordinator'], agencyScoped: true },
  listEmployees: { roles: ['coordinator'], agencyScoped: true },
  createWave: { roles: ['coordinator'], agencyScoped: true },
  listWaves: { roles: ANY_STAFF, agencyScoped: true, trustees: true },
  getWave: { roles: ANY_STAFF, agencyScoped: true },
  updateWave: { roles: ['coordinator'], agencyScoped: true },
  planWave: { roles: ['coordinator'], agencyScoped: true },
  launchWave: { roles: ['coordinator'], agencyScoped: true },
  // A launch's progress: whoever may see the wave may follow it.
  getJob: { roles: ANY_STAFF, agencyScoped: true },
  readLinks: { roles: ['coordinator'], agencyScoped: true },
  confirmLinks: { roles: ['coordinator'], agencyScoped: true },
  reissueInvitation: { roles: ['coordinator'], agencyScoped: true },
  closeWave: { roles: ['coordinator'], agencyScoped: true },
  getCoverage: { roles: ANY_STAFF, agencyScoped: true },
  exportCoverage: { roles: ANY_STAFF, agencyScoped: true },
  listNonResponders: { roles: ['coordinator'], agencyScoped: true },
  verifyWave: { roles: ANY_STAFF, agencyScoped: true },
  getResults: { roles: ANY_STAFF, agencyScoped: true },
  exportResults: { roles: ANY_STAFF, agencyScoped: true },
  // A person's own figures: not for auditors, who check coverage, not people.
  getRateeReport: { roles: ['coordinator', 'admin'], agencyScoped: true },
  listRankings: { roles: ['admin'], agencyScoped: false },
  openInvitation: { roles: 'respondent', agencyScoped: false },
  submitResponse: { roles: 'respondent', agencyScoped: false },
  createCeremony: { roles: ['coordinator', 'admin'], agencyScoped: true },
  listCeremonies: { roles: ANY_STAFF, agencyScoped: true, trustees: true },
  getCeremony: { roles: ANY_STAFF, agencyScoped: true, trustees: true },
  // Each step is the seat holder's alone: no role acts for a trustee.
  submitCommitment: { roles: 'seat', agencyScoped: false },
  submitCeremonyShares: { roles: 'seat', agencyScoped: false },
  confirmCeremony: { roles: 'seat', agencyScoped: false },
  reportCeremonyFailure: { roles: 'seat', agencyScoped: false },
  getOpening: { roles: ANY_STAFF, agencyScoped: true, trustees: true },
  listOpeningGroups: { roles: 'seat', agencyScoped: true },
  submitDecryptionShares: { roles: 'seat', agencyScoped: true },
};

// ---------------------------------------------------------------------------------------------
// Callers

export type Caller =
  | { name: string; kind: 'none' | 'badToken' | 'respondent' | 'noRole' }
  | { name: string; kind: 'staff'; role: Role; agency: 'own' | 'other' }
  /** A trustee with no role: 'own' holds a seat in the agency's ceremony, 'other' is another agency's trustee. */
  | { name: string; kind: 'trustee'; agency: 'own' | 'other' };

export const callers: Caller[] = [
  { name: 'no token', kind: 'none' },
  { name: 'invalid token', kind: 'badToken' },
  { name: 'respondent code', kind: 'respondent' },
  { name: 'account without role', kind: 'noRole' },
  ...STAFF_ROLES.flatMap((role) =>
    (['own', 'other'] as const).map((agency): Caller => ({ name: `${role} (${agency} agency)`, kind: 'staff', role, agency })),
  ),
  { name: 'trustee (own seat)', kind: 'trustee', agency: 'own' },
  { name: 'trustee (other agency)', kind: 'trustee', agency: 'other' },
];

export type Outcome = { allowed: true } | { allowed: false; status: number; code: string };

export function outcome(access: Access, caller: Caller): Outcome {
  if (access.roles === 'public') return { allowed: true };
  if (access.roles === 'respondent') {
    // Only the code opens an invitation: a staff token, or no credential, gets nothing.
    return caller.kind === 'respondent' ? { allowed: true } : { allowed: false, status: 404, code: 'invitation_unknown' };
  }
  switch (caller.kind) {
    case 'none':
      return { allowed: false, status: 401, code: 'unauthenticated' };
    case 'badToken':
    case 'respondent':
      return { allowed: false, status: 401, code: 'invalid_token' };
    case 'noRole':
      return { allowed: false, status: 403, code: 'no_role' };
    case 'trustee':
      if (access.roles !== 'seat' && !access.trustees) return { allowed: false, status: 403, code: 'no_role' };
      if (caller.agency === 'own') return { allowed: true };
      if (access.roles === 'seat') return { allowed: false, status: 403, code: access.agencyScoped ? 'forbidden_agency' : 'not_trustee_seat' };
      return access.agencyScoped ? { allowed: false, status: 403, code: 'forbidden_agency' } : { allowed: true };
    case 'staff':
      if (access.roles === 'seat') {
        const outside = access.agencyScoped && caller.agency === 'other' && caller.role !== 'admin';
        return { allowed: false, status: 403, code: outside ? 'forbidden_agency' : 'not_trustee_seat' };
      }
      if (!access.roles.includes(caller.role)) return { allowed: false, status: 403, code: 'forbidden_role' };
      if (access.agencyScoped && caller.agency === 'other' && caller.role !== 'admin') {
        return { allowed: false, status: 403, code: 'forbidden_agency' };
      }
      return { allowed: true };
  }
}
