import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { encodeInvitationCode } from '../../domain/invitation-code.js';
import { relationships } from '../../domain/questionnaire.js';
import type { Wave } from '../../domain/schema.js';
import { wavePhase, type WaveInput } from '../../domain/wave.js';
import type { LaunchResult, LinkPage, LinksConfirmed, PlanPreview, ReissueResult, WaveView } from '../../contract/waves.js';
import { ApiError, refuseOn } from '../api-error.js';
import { recordAudit } from '../audit.js';
import type { Staff } from '../auth.js';
import type { JobWork } from '../jobs/work.js';
import type { SurveyStore } from '../store/port.js';
import { buildLaunch, hashCode, planFor, ticketIdFor } from './plan.js';
import { unitPathText } from '../../domain/units.js';

/*
 * The waves use cases: what each staff action on a wave checks, changes and records. Routes parse,
 * authorise and answer; everything between is here, so every host and test runs the same rules.
 * `staff` has already been allowed to reach the wave's agency.
 */

/** Plan previews list at most this many people short of raters (the count is always complete). */
const SHORTFALL_LIMIT = 1000;

/** A wave as the API shows it: what respondents see right now, and whether its links wait. */
export async function viewOf(store: SurveyStore, wave: Wave, at: Date): Promise<WaveView> {
  return { ...wave, phase: wavePhase(wave, at), linksAvailable: await store.hasLinks(wave.id) };
}

async function checkScope(store: SurveyStore, agencyId: string, input: WaveInput): Promise<void> {
  if (input.scope.kind !== 'units') return;
  const known = new Set((await store.listUnits(agencyId)).map((u) => u.id));
  if (input.scope.unitIds.some((id) => !known.has(id))) throw new ApiError('scope_unknown_unit');
}

export async function createWave(store: SurveyStore, staff: Staff, agencyId: string, input: WaveInput, at: Date): Promise<Wave> {
  if (!(await store.getAgency(agencyId))) throw new ApiError('agency_not_found');
  await checkScope(store, agencyId, input);
  const wave: Wave = {
    id: randomUUID(),
    agencyId,
    ...input,
    status: 'draft',
    planSeed: randomInt(0, 2 ** 31),
    createdAt: at.toISOString(),
    launchedAt: null,
    closedAt: null,
  };
  await store.createWave(wave);
  await recordAudit(store, staff, { agencyId, waveId: wave.id, action: 'wave.create', details: { name: wave.name } }, at);
  return wave;
}

export async function updateWave(store: SurveyStore, staff: Staff, wave: Wave, input: WaveInput, at: Date): Promise<Wave> {
  await checkScope(store, wave.agencyId, input);
  const next: Wave = { ...wave, ...input };
  refuseOn(await store.updateDraftWave(next));
  await recordAudit(store, staff, { agencyId: wave.agencyId, waveId: wave.id, action: 'wave.update', details: { name: next.name } }, at);
  return next;
}

/** Exactly what launch will create, with the hash launch must be given back. */
export async function previewPlan(store: SurveyStore, wave: Wave): Promise<PlanPreview> {
  if (wave.status !== 'draft') throw new ApiError('wave_not_draft');
  const planned = await planFor(store, wave);
  if (!planned) throw new ApiError('scope_unknown_unit');
  const { plan } = planned;
  const byRelationship = Object.fromEntries(relationships.map((r) => [r, 0])) as PlanPreview['byRelationship'];
  for (const a of plan.assignments) byRelationship[a.relationship]++;
  return {
    planHash: planned.planHash,
    ratees: plan.ratees,
    raters: plan.raters,
    assignments: plan.assignments.length,
    byRelationship,
    ratersPerRatee: plan.ratersPerRatee,
    ratingsPerRater: plan.ratingsPerRater,
    shortfallCount: plan.shortfalls.length,
    shortfalls: plan.shortfalls.slice(0, SHORTFALL_LIMIT).map((s) => {
      const person = planned.employees.get(s.rateeNip);
      return {
        nip: s.rateeNip,
        name: person?.name ?? '',
        unit: unitPathText((person && planned.units.get(person.unitId)?.path) ?? []),
        relationship: s.relationship,
        got: s.got,
        needed: s.needed,
        reason: s.reason,
      };
    }),
  };
}

/** What a launch checks, first in the route (so a wrong request is answered at once) and again in its job. */
async function launchable(store: SurveyStore, wave: Wave, planHash: string, at: Date) {
  if (wave.status !== 'draft') throw new ApiError('wave_not_draft');
  if (Date.parse(wave.closesAt) <= at.getTime()) throw new ApiError('wave_window_past');
  const planned = await planFor(store, wave);
  if (!planned) throw new ApiError('scope_unknown_unit');
  if (planned.plan.assignments.length === 0) throw new ApiError('plan_empty');
  if (planned.planHash !== planHash) throw new ApiError('plan_changed');
  const ceremony = (await store.listCeremonies(wave.agencyId)).find((x) => x.status === 'complete');
  if (!ceremony?.jointKey) throw new ApiError('ceremony_incomplete');
  return { planned, seal: { ceremonyId: ceremony.id, jointKey: ceremony.jointKey } };
}

/** The route's part of a launch: the plan the coordinator saw (by its hash) is still the plan, and a key is ready. */
export async function checkLaunch(store: SurveyStore, wave: Wave, planHash: string, at: Date): Promise<void> {
  await launchable(store, wave, planHash, at);
}

/**
 * Launch without warning, as a job (its id is the launch id, so a task delivered again resumes its
 * own claim): the plan by its hash, sealed to the agency's newest complete key, written with progress.
 */
export const launchWork: JobWork = async (store, job, progress, now) => {
  const wave = await store.getWave(job.waveId ?? '');
  if (!wave) throw new ApiError('wave_not_found');
  const at = new Date(job.createdAt);
  const { planned, seal } = await launchable(store, wave, job.input.planHash ?? '', now());
  const launch = { ...buildLaunch(wave, planned, at, seal), launchId: job.id };
  refuseOn(await store.launchWave(launch, progress));
  const details = { invitations: launch.invitations.length, tickets: launch.tickets.length, opensAt: launch.opensAt, ceremonyId: seal.ceremonyId };
  await recordAudit(store, job.actor, { agencyId: wave.agencyId, waveId: wave.id, action: 'wave.launch', details }, now());
  const launched: Wave = { ...wave, status: 'open', launchedAt: launch.launchedAt, opensAt: launch.opensAt };
  return { wave: launched, invitations: launch.invitations.length, tickets: launch.tickets.length } satisfies LaunchResult;
};

/**
 * One page of the link list with every rater's code. Reading deletes nothing, so an answer lost on
 * the way loses no code; the first page is audited. The list is in launch order (by invitation id);
 * the coordinator's file is sorted by unit and name in the browser.
 */
export async function readLinks(store: SurveyStore, staff: Staff, wave: Wave, page: number, at: Date): Promise<LinkPage> {
  const links = await store.readLinks(wave.id, page);
  if (!links) throw new ApiError('links_taken');
  if (page === 0) await recordAudit(store, staff, { agencyId: wave.agencyId, waveId: wave.id, action: 'wave.links_download', details: { links: links.total } }, at);
  return links;
}

/** The coordinator's file is built: the codes are deleted from the store, once. */
export async function confirmLinks(store: SurveyStore, staff: Staff, wave: Wave, at: Date): Promise<LinksConfirmed> {
  const links = await store.confirmLinks(wave.id);
  if (links === null) throw new ApiError('links_taken');
  await recordAudit(store, staff, { agencyId: wave.agencyId, waveId: wave.id, action: 'wave.links_confirm', details: { links } }, at);
  return { links };
}

/** A new code for one rater of an open wave: the old one stops working, unused tickets move to it. */
export async function reissueInvitation(store: SurveyStore, staff: Staff, wave: Wave, nip: string, at: Date): Promise<ReissueResult> {
  if (wavePhase(wave, at) === 'closed') throw new ApiError('wave_closed');
  if (wave.status !== 'open') throw new ApiError('wave_not_open');
  const code = encodeInvitationCode(randomBytes(17));
  const outcome = await store.reissueInvitation(wave.id, nip, { id: randomUUID(), codeHash: hashCode(code), ticketId: () => ticketIdFor(code) });
  if (outcome.status === 'not_found') throw new ApiError('rater_not_found');
  const person = (await store.listEmployees(wave.agencyId)).find((e) => e.nip === nip);
  const unit = person ? (await store.listUnits(wave.agencyId)).find((u) => u.id === person.unitId) : undefined;
  await recordAudit(store, staff, { agencyId: wave.agencyId, waveId: wave.id, action: 'invitation.reissue', details: { nip } }, at);
  return {
    link: { nip, name: person?.name ?? '', unitPath: unit?.path ?? [], email: person?.email ?? null, phone: person?.phone ?? null, code },
    movedTickets: outcome.movedTickets,
  };
}

export async function closeWave(store: SurveyStore, staff: Staff, wave: Wave, at: Date): Promise<Wave> {
  refuseOn(await store.closeWave(wave.id, at.toISOString()));
  await recordAudit(store, staff, { agencyId: wave.agencyId, waveId: wave.id, action: 'wave.close' }, at);
  return { ...wave, status: 'closed', closedAt: at.toISOString() };
}
