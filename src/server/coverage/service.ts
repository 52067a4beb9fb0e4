import { buildCoverage, unitAndBelow, type Coverage } from '../../domain/coverage.js';
import { checkLedger, type IntegrityReport } from '../../domain/integrity.js';
import { submissionDay } from '../../domain/response.js';
import type { Wave } from '../../domain/schema.js';
import type { NonResponder } from '../../contract/coverage.js';
import { ApiError } from '../api-error.js';
import { recordAudit } from '../audit.js';
import type { Staff } from '../auth.js';
import type { JobWork } from '../jobs/work.js';
import type { SurveyStore } from '../store/port.js';
import { unitPathText } from '../../domain/units.js';

/*
 * The coverage use cases of a launched wave: counts of who answered whom, the raters still to remind,
 * and the ledger check. Never an answer. `staff` has already been allowed to reach the wave's agency.
 */

/** Coverage and the ledger exist from launch on (the verify route checks this before it starts the job). */
export function launched(wave: Wave): asserts wave is Wave & { launchedAt: string } {
  if (wave.status === 'draft' || !wave.launchedAt) throw new ApiError('wave_not_launched');
}

export async function coverageOf(
  store: SurveyStore,
  wave: Wave,
  now: Date,
  /** `startRecount` starts the raters' recount job when the store says this call claimed it. */
  options: { unitId?: string | null; limit: number; allUnits?: boolean; startRecount?: () => Promise<unknown> },
): Promise<Coverage> {
  launched(wave);
  const units = await store.listUnits(wave.agencyId);
  if (options.unitId && !units.some((u) => u.id === options.unitId)) throw new ApiError('unit_not_found');
  const k = wave.settings.anonymityThreshold;
  const facts = await store.coverageFacts(wave.id, {
    k,
    unitIds: options.unitId ? unitAndBelow(units, options.unitId) : null,
    focus: options.unitId ?? null,
    limit: options.limit,
  });
  if (facts.asOf?.recountClaimed) await options.startRecount?.();
  const end = new Date(Math.min(now.getTime(), Date.parse(wave.closedAt ?? wave.closesAt)));
  return buildCoverage(facts, {
    waveId: wave.id,
    k,
    units,
    days: { from: submissionDay(new Date(wave.opensAt ?? wave.launchedAt)), to: submissionDay(end) },
    generatedAt: now.toISOString(),
    focus: options.unitId ?? null,
    allUnits: options.allUnits ?? false,
  });
}

/** Raters with tickets left, with their contacts, for a reminder round; every call is audited. */
export async function nonResponders(store: SurveyStore, staff: Staff, wave: Wave, at: Date): Promise<NonResponder[]> {
  launched(wave);
  const pending = (await store.listRaterProgress(wave.id)).filter((r) => r.left > 0);
  const [people, units] = await Promise.all([store.getEmployees(wave.agencyId, pending.map((r) => r.raterNip)), store.listUnits(wave.agencyId)]);
  const byNip = new Map(people.map((p) => [p.nip, p]));
  const unitPath = new Map(units.map((u) => [u.id, unitPathText(u.path)]));
  const raters = pending
    .map((r) => {
      const person = byNip.get(r.raterNip);
      return {
        nip: r.raterNip,
        name: person?.name ?? '',
        unit: unitPath.get(r.unitId) ?? '',
        email: person?.email ?? null,
        phone: person?.phone ?? null,
        ticketsIssued: r.issued,
        ticketsLeft: r.left,
      };
    })
    .sort((a, b) => a.unit.localeCompare(b.unit) || a.name.localeCompare(b.name));
  await recordAudit(store, staff, { agencyId: wave.agencyId, waveId: wave.id, action: 'wave.non_responders', details: { raters: raters.length } }, at);
  return raters;
}

/** Raters' progress recounted where coverage serves it from a snapshot: one count() per invitation, as a job. */
export const recountWork: JobWork = async (store, job, progress) => {
  const wave = await store.getWave(job.waveId ?? '');
  if (!wave) throw new ApiError('wave_not_found');
  return store.recountRaters(wave.id, progress);
};

/**
 * The ledger check (issued = remaining + responses), as a job: it reads every ticket, response and
 * invitation of the wave (millions in a national one). Recorded in the audit log with its outcome.
 */
export const verifyWork: JobWork = async (store, job, _progress, now) => {
  const wave = await store.getWave(job.waveId ?? '');
  if (!wave) throw new ApiError('wave_not_found');
  launched(wave);
  const at = now();
  const report = checkLedger(await store.ledgerFacts(wave.id), wave.id, at.toISOString());
  const details = { ok: report.ok, mismatches: report.mismatchCount, ...report.totals };
  await recordAudit(store, job.actor, { agencyId: wave.agencyId, waveId: wave.id, action: 'wave.verify', details }, at);
  return report satisfies IntegrityReport;
};
