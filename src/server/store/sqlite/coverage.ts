import { type CoverageFacts, type CoverageQuery } from '../../../domain/coverage.js';
import { LedgerGroups, type LedgerFacts } from '../../../domain/integrity.js';
import type { Relationship } from '../../../domain/questionnaire.js';
import { countsToGroups, groupCounts } from '../group-counts.js';
import type { RaterProgress } from '../port.js';
import type { Row, Statements } from './statements.js';

/* Coverage, raters' progress and the integrity ledger on the embedded store: counts only, never an answer. */

export function coverageFacts(q: Statements, waveId: string, query: CoverageQuery): CoverageFacts {
  return q.db.transaction(() => {
    const agencyId = q.sql('SELECT agency_id FROM waves WHERE id = ?').pluck().get(waveId) as string | undefined;
    if (agencyId === undefined) return { units: [], ratees: { total: 0, atRisk: 0, rows: [] }, perDay: [] };
    const units = new Map<string, CoverageFacts['units'][number]>();
    const unit = (unitId: string) => {
      let u = units.get(unitId);
      if (!u) units.set(unitId, (u = { unitId, raters: { invited: 0, finished: 0, partly: 0, notStarted: 0 }, groups: {}, ratees: 0, rateesAtRisk: 0 }));
      return u;
    };
    // Progress is the count of each rater's remaining tickets: one ordered scan of the wave's runs
    // (a narrow covering index), one number per rater still to finish: run × 2 + not started.
    const runUnit = new Map<number, string>();
    for (const [run, unitId, invitations] of q
      .sql('SELECT run, unit_id, invitations FROM ticket_runs WHERE wave_id = ?')
      .raw()
      .all(waveId) as [number, string, number][]) {
      runUnit.set(run, unitId);
      const r = unit(unitId).raters;
      r.invited += invitations;
      r.finished += invitations;
    }
    const pending = q
      .sql(
        `SELECT run * 2 + (count(*) >= max(issued)) FROM tickets
         WHERE run IN (SELECT run FROM ticket_runs WHERE wave_id = ?) GROUP BY run, invitation_id`,
      )
      .pluck()
      .all(waveId) as number[];
    for (const packed of pending) {
      const r = unit(runUnit.get(Math.floor(packed / 2))!).raters;
      r.finished--;
      if (packed % 2 === 1) r.notStarted++;
      else r.partly++;
    }
    for (const [unitId, ratees, atRisk, ...counts] of q
      .sql(
        `SELECT unit_id, ratees, at_risk, self, superior, peer, subordinate, self_done, superior_done, peer_done, subordinate_done
         FROM unit_groups WHERE wave_id = ?`,
      )
      .raw()
      .all(waveId) as [string, number, number, ...number[]][]) {
      const u = unit(unitId);
      u.ratees = ratees;
      u.rateesAtRisk = atRisk;
      u.groups = countsToGroups(counts.slice(0, 4), counts.slice(4));
    }
    // Kept in the domain's rateeOrder by the ratee_groups_order index, so the first rows come straight off it.
    const inUnits = query.unitIds ? 'AND ratee_unit_id IN (SELECT value FROM json_each(:units))' : '';
    const params = { wave: waveId, limit: query.limit, ...(query.unitIds ? { units: JSON.stringify(query.unitIds) } : {}) };
    const inScope = query.unitIds ? new Set(query.unitIds) : null;
    const totals = { total: 0, at_risk: 0 };
    for (const u of units.values()) {
      if (inScope && !inScope.has(u.unitId)) continue;
      totals.total += u.ratees;
      totals.at_risk += u.rateesAtRisk;
    }
    const rows = (
      q
        .sql(
          `SELECT g.*, coalesce(e.name, '') AS name FROM (
             SELECT * FROM ratee_groups WHERE wave_id = :wave ${inUnits} ORDER BY at_risk DESC, progress, ratee_nip LIMIT :limit) g
           LEFT JOIN employees e ON e.agency_id = :agency AND e.nip = g.ratee_nip
           ORDER BY g.at_risk DESC, g.progress, g.ratee_nip`,
        )
        .all({ ...params, agency: agencyId }) as Row[]
    ).map((r) => ({ nip: r.ratee_nip as string, name: r.name as string, unitId: r.ratee_unit_id as string, groups: groupCounts(r) }));
    const perDay = q
      .sql('SELECT day, responses FROM wave_days WHERE wave_id = ? ORDER BY day')
      .all(waveId) as CoverageFacts['perDay'];
    return { units: [...units.values()], ratees: { total: totals.total, atRisk: totals.at_risk, rows }, perDay };
  })();
}

export function listRaterProgress(q: Statements, waveId: string): RaterProgress[] {
  return q
    .sql(
      `SELECT rater_nip AS raterNip, rater_unit_id AS unitId, tickets_issued AS issued,
         (SELECT count(*) FROM tickets t WHERE t.run = i.run AND t.invitation_id = i.id) AS "left"
       FROM invitations i WHERE i.wave_id = ?`,
    )
    .all(waveId) as RaterProgress[];
}

export function ledgerFacts(q: Statements, waveId: string): LedgerFacts {
  return q.db.transaction(() => {
    const ledger = new LedgerGroups();
    for (const l of q.sql('SELECT * FROM ratee_groups WHERE wave_id = ?').all(waveId) as Row[]) ledger.launched(l.ratee_nip as string, groupCounts(l));
    for (const t of q
      .sql(
        `SELECT ratee_nip, relationship, count(*) AS n FROM tickets
         WHERE run IN (SELECT run FROM ticket_runs WHERE wave_id = ?) GROUP BY ratee_nip, relationship`,
      )
      .all(waveId) as { ratee_nip: string; relationship: Relationship; n: number }[]) {
      ledger.group(t.ratee_nip, t.relationship).remaining = t.n;
    }
    for (const r of q
      .sql('SELECT ratee_nip, relationship, count(*) AS n FROM responses WHERE wave_id = ? GROUP BY ratee_nip, relationship')
      .all(waveId) as { ratee_nip: string; relationship: Relationship; n: number }[]) {
      ledger.group(r.ratee_nip, r.relationship).responses = r.n;
    }
    const raters = q
      .sql(
        `SELECT i.tickets_issued AS issued, (SELECT count(*) FROM tickets t WHERE t.run = i.run AND t.invitation_id = i.id) AS "left"
         FROM invitations i WHERE i.wave_id = ?`,
      )
      .all(waveId) as LedgerFacts['raters'];
    return { groups: ledger.list(), raters };
  })();
}

export function listRatees(q: Statements, waveId: string): { nip: string; unitId: string }[] {
  return (q.sql('SELECT ratee_nip, ratee_unit_id FROM ratee_groups WHERE wave_id = ? ORDER BY ratee_nip').raw().all(waveId) as [string, string][]).map(
    ([nip, unitId]) => ({ nip, unitId }),
  );
}

