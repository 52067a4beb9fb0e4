import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { encodeInvitationCode } from '../../domain/invitation-code.js';
import { planWave, type WavePlan } from '../../domain/planner.js';
import type { Employee, Invitation, Ticket, Unit, Wave } from '../../domain/schema.js';
import { unitSubtrees } from '../../domain/units.js';
import type { LinkRecipient, SurveyStore, WaveLaunch } from '../store/port.js';

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

/** Turns a plan into invitations (one random code per rater, only its hash kept) and tickets. */
export function buildLaunch(wave: Wave, planned: PlannedWave, now: Date): WaveLaunch {
  const invitations: Invitation[] = [];
  const links: LinkRecipient[] = [];
  const invitationOf = new Map<string, string>();
  for (const a of planned.plan.assignments) {
    if (invitationOf.has(a.raterNip)) continue;
    const code = encodeInvitationCode(randomBytes(17));
    const id = randomUUID();
    invitationOf.set(a.raterNip, id);
    invitations.push({ id, waveId: wave.id, agencyId: wave.agencyId, raterNip: a.raterNip, codeHash: hashCode(code) });
    const person = planned.employees.get(a.raterNip)!;
    links.push({
      nip: person.nip,
      name: person.name,
      unitPath: planned.units.get(person.unitId)?.path ?? [],
      email: person.email,
      phone: person.phone,
      code,
    });
  }
  const tickets: Ticket[] = planned.plan.assignments.map((a) => ({
    id: randomUUID(),
    invitationId: invitationOf.get(a.raterNip)!,
    waveId: wave.id,
    rateeNip: a.rateeNip,
    relationship: a.relationship,
  }));
  const launchedAt = now.toISOString();
  return { waveId: wave.id, launchedAt, opensAt: wave.opensAt ?? launchedAt, invitations, tickets, links };
}
