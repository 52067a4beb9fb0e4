import { questionnaires } from '../../domain/questionnaire.js';
import type { Wave } from '../../domain/schema.js';
import { buildRateeReport, buildResults, rankRounds, scoreGroups, type RateeReport, type RateeScores, type Rankings, type WaveResults } from '../../domain/scoring.js';
import { ApiError } from '../api-error.js';
import { recordAudit } from '../audit.js';
import type { Staff } from '../auth.js';
import type { OpeningService } from '../sealing/opening-service.js';
import type { SurveyStore } from '../store/port.js';

/*
 * The results use cases: a closed, opened wave scored, one person's report (audited), and the
 * national rankings. Figures come only from the tallies the trustees opened, never below k.
 * `staff` has already been allowed to reach the wave's agency.
 */

function closed(wave: Wave): void {
  if (wave.status !== 'closed') throw new ApiError('wave_not_closed');
}

export class ResultsService {
  /**
   * A closed wave's opened tallies never change, so each wave is scored once per process, once its
   * trustees have opened it. A few waves are kept: a national ranking reads every agency's wave in turn.
   */
  private readonly scored = new Map<string, Promise<Map<string, RateeScores>>>();

  constructor(
    private readonly store: SurveyStore,
    private readonly opening: OpeningService,
    private readonly cacheSize = 64,
  ) {}

  /** The wave's figures: agency, values, unit tree, distribution and every ratee's index. */
  async of(wave: Wave): Promise<WaveResults> {
    closed(wave);
    const [scores, units, planned, people] = await Promise.all([
      this.scores(wave),
      this.store.listUnits(wave.agencyId),
      this.store.listRatees(wave.id),
      this.store.listEmployees(wave.agencyId),
    ]);
    const name = new Map(people.map((p) => [p.nip, p.name]));
    return buildResults({
      wave,
      units,
      ratees: planned.map((r) => ({ nip: r.nip, unitId: r.unitId, name: name.get(r.nip) ?? '' })).sort((a, b) => a.name.localeCompare(b.name)),
      scores,
    });
  }

  /** One named person's report; every opening is recorded in the audit log. */
  async rateeReport(staff: Staff, wave: Wave, nip: string, at: Date): Promise<RateeReport> {
    closed(wave);
    const [planned, [person], units, scores] = await Promise.all([
      this.store.listRatees(wave.id),
      this.store.getEmployees(wave.agencyId, [nip]),
      this.store.listUnits(wave.agencyId),
      this.scores(wave),
    ]);
    const ratee = planned.find((r) => r.nip === nip);
    if (!ratee) throw new ApiError('ratee_not_found');
    await recordAudit(this.store, staff, { agencyId: wave.agencyId, waveId: wave.id, action: 'results.ratee_report', details: { nip } }, at);
    const unitPath = units.find((u) => u.id === ratee.unitId)?.path ?? [];
    return buildRateeReport(wave, { nip, name: person?.name ?? '', unitPath, position: person?.position ?? '' }, scores.get(nip));
  }

  /** Every round's closed and opened waves, agencies ranked overall and per value. */
  async rankings(): Promise<Rankings> {
    const ranked = [];
    for (const agency of await this.store.listAgencies()) {
      for (const wave of await this.store.listWaves(agency.id)) {
        if (wave.status !== 'closed' || !wave.settings.round) continue;
        let results: WaveResults;
        try {
          results = await this.of(wave);
        } catch (error) {
          // A wave its trustees have not opened yet is not ranked yet.
          if (error instanceof ApiError && (error.code === 'results_sealed' || error.code === 'wave_unsealed')) continue;
          throw error;
        }
        ranked.push({ agencyId: agency.id, agencyName: agency.name, waveId: wave.id, waveName: wave.name, round: wave.settings.round, results });
      }
    }
    return rankRounds(ranked);
  }

  private scores(wave: Wave): Promise<Map<string, RateeScores>> {
    let scores = this.scored.get(wave.id);
    if (!scores) {
      scores = this.score(wave);
      scores.catch(() => this.scored.delete(wave.id));
      this.scored.set(wave.id, scores);
      if (this.scored.size > this.cacheSize) this.scored.delete(this.scored.keys().next().value!);
    }
    return scores;
  }

  private async score(wave: Wave): Promise<Map<string, RateeScores>> {
    const questionnaire = questionnaires[wave.questionnaireVersion];
    if (!questionnaire) throw new Error(`unknown questionnaire ${wave.questionnaireVersion}`);
    const s = wave.settings;
    const tallies = await this.opening.tallies(wave);
    if (!tallies) throw new ApiError('results_sealed');
    return scoreGroups(tallies, { k: s.anonymityThreshold, weights: s.groupWeights, questionnaire });
  }
}
