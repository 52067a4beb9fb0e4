import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { encodeInvitationCode } from '../../domain/invitation-code.js';
import { planWave, type WavePlan } from '../../domain/planner.js';
import type { Employee, Invitation, Ticket, Unit, Wave } from '../../domain/schema.js';
import { unitSubtrees } from '../../domain/units.js';
import type { InvitationLink, SurveyStore, WaveLaunch } from '../store/port.js';

export interface PlannedWave {
  plan: WavePlan;
  /** Fingerprint of the assignments: launch refuses when it differs from the preview's. */
  planHash: string;
  employees: Map<string, Employee>;
  units: Map<string, Unit>;
}

export function hashCode(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

const TICKET_NONCE = 5;
const TICKET_TAG = 4;

/**
 * A ticket's id: random bytes and a short tag of them under its invitation's code. A used ticket
 * is deleted with nothing kept, so after it is gone only the tag tells, from the code a retry
 * brings, whether the ticket was ever this invitation's ("already recorded") or never was (a
 * mistake, another rater's ticket, a made-up id). The store holds no code, so the tag says
 * nothing to anyone reading it.
 */
export function ticketIdFor(code: string, nonce: Uint8Array = randomBytes(TICKET_NONCE)): string {
  const tag = createHmac('sha256', code).update('berakhlak/ticket/v1').update(nonce).digest().subarray(0, TICKET_TAG);
  return Buffer.concat([nonce, tag]).toString('base64url');
}

/** Whether `ticketId` was made for `code` by ticketIdFor. */
export function ticketOfCode(code: string, ticketId: string): boolean {
  const bytes = Buffer.from(ticketId, 'base64url');
  if (bytes.length !== TICKET_NONCE + TICKET_TAG || bytes.toString('base64url') !== ticketId) return false;
  const again = Buffer.from(ticketIdFor(code, bytes.subarray(0, TICKET_NONCE)), 'base64url');
  return timingSafeEqual(again, bytes);
}

/** Loads the roster and plans the wave exactly as launch will. Returns null for an unknown unit in scope. */
export async function planFor(store: SurveyStore, wave: Wave): Promise<PlannedWave | null> {
  const [all, unitList] = await Promise.all([store.listEmployees(wave.agencyId), store.listUnits(wave.agencyId)]);
  const units = new Map(unitList.map((u) => [u.id, u]));
  const active = all.filter((e) => e.active);
  let rateeNips: Set<string> | null = null;
  if (wave.scope.kind === 'units') {
    if (wave.scope.unitIds.some((id) => !units.has(id))) return null;
    const inScope = unitSubtrees(unitList, wave.scope.unitIds);
    rateeNips = new Set(active.filter((e) => inScope.has(e.unitId)).map((e) => e.nip));
  }
  const plan = planWave({
    people: active.map((e) => ({ nip: e.nip, unitId: e.unitId, supervisorNip: e.supervisorNip })),
    rateeNips,
    settings: wave.settings,
    seed: wave.planSeed,
  });
  const hash = createHash('sha256');
  for (const a of plan.assignments) hash.update(`${a.raterNip}>${a.rateeNip}:${a.relationship}\n`);
  return { plan, planHash: hash.digest('hex'), employees: new Map(active.map((e) => [e.nip, e])), units };
}

/**
 * Turns a plan into invitations (one random code per rater, only its hash kept) and tickets.
 * Invitations come in id order and tickets grouped under them, the order stores write fastest.
 */
export function buildLaunch(wave: Wave, planned: PlannedWave, now: Date, seal: WaveLaunch['seal']): WaveLaunch {
  const byRater = new Map<string, { rateeNip: string; relationship: Ticket['relationship'] }[]>();
  for (const a of planned.plan.assignments) {
    const list = byRater.get(a.raterNip);
    if (list) list.push({ rateeNip: a.rateeNip, relationship: a.relationship });
    else byRater.set(a.raterNip, [{ rateeNip: a.rateeNip, relationship: a.relationship }]);
  }
  // One draw from the CSPRNG for everything: 100,000 small draws cost seconds.
  const entropy = randomBytes(27 * byRater.size + TICKET_NONCE * planned.plan.assignments.length);
  let at = 0;
  const take = (bytes: number) => entropy.subarray(at, (at += bytes));
  const raters = [...byRater.entries()].map(([raterNip, assignments]) => ({
    raterNip,
    assignments,
    code: encodeInvitationCode(take(17)),
    id: take(10).toString('base64url'),
  }));
  raters.sort((a, b) => (a.id < b.id ? -1 : 1));

  const invitations: Invitation[] = [];
  const links: InvitationLink[] = [];
  const tickets: Ticket[] = [];
  for (const r of raters) {
    invitations.push({ id: r.id, waveId: wave.id, agencyId: wave.agencyId, raterNip: r.raterNip, codeHash: hashCode(r.code) });
    const person = planned.employees.get(r.raterNip)!;
    links.push({
      nip: person.nip,
      name: person.name,
      unitPath: planned.units.get(person.unitId)?.path ?? [],
      email: person.email,
      phone: person.phone,
      code: r.code,
    });
    const ids = r.assignments.map(() => ticketIdFor(r.code, take(TICKET_NONCE))).sort();
    r.assignments.forEach((a, i) => tickets.push({ id: ids[i]!, invitationId: r.id, waveId: wave.id, rateeNip: a.rateeNip, relationship: a.relationship }));
  }
  const launchedAt = now.toISOString();
  return { waveId: wave.id, launchId: randomUUID(), launchedAt, opensAt: wave.opensAt ?? launchedAt, invitations, tickets, links, seal };
}
