/**
 * Scoring a closed wave of 1,000,000 responses (responses → group tallies → ratees → units and
 * agency), pure and in memory. Opening sealed tallies and scoring them is bench/sealing.ts.
 */
import { defaultQuestionnaire, type Answer, type Relationship } from '../src/domain/questionnaire.js';
import { waveSettingsSchema } from '../src/domain/schema.js';
import { buildResults, scoreRatees } from '../src/domain/scoring.js';
import { answerCodes, type PlainResponse as ScoredResponse } from '../src/domain/tally.js';
import { seededRandom } from '../src/domain/seeded-random.js';
import { report, time } from './report.js';
import { syntheticOrg } from './synthetic-org.js';

const RESPONSES = Number(process.env.BENCH_RESPONSES ?? 1_000_000);
// About six responses per ratee, as the default plan gives: self, superior, peers and subordinates.
const { employees, units } = syntheticOrg(Math.ceil(RESPONSES / 6));
const random = seededRandom(7);
const mix: Relationship[] = ['self', 'superior', 'peer', 'peer', 'peer', 'subordinate'];
const settings = waveSettingsSchema.parse({});
const rules = { k: settings.anonymityThreshold, weights: settings.groupWeights, questionnaire: defaultQuestionnaire };
const wave = { id: 'bench', name: 'Bench', closedAt: new Date().toISOString(), settings };
const ratees = employees.map((e) => ({ nip: e.nip, name: e.name, unitId: e.unitId }));

/** ~6 responses per ratee, in the order stores read them (ratee by ratee): 1 self, 1 superior, 3 peers, 1 subordinate. */
function generate(): ScoredResponse[] {
  const responses: ScoredResponse[] = [];
  for (let i = 0; responses.length < RESPONSES; i++) {
    const ratee = employees[i % employees.length]!;
    for (const relationship of mix) {
      if (responses.length === RESPONSES) break;
      const lean = 2 + Math.floor(random() * 3);
      const answers: Record<string, Answer> = {};
      for (const item of defaultQuestionnaire.items) {
        const r = random();
        answers[item.behaviourId] = r < 0.04 ? 'na' : (Math.min(5, Math.max(1, lean + Math.round((r - 0.5) * 2))) as Answer);
      }
      responses.push({ rateeNip: ratee.nip, rateeUnitId: ratee.unitId, relationship, codes: answerCodes(defaultQuestionnaire, answers) });
    }
  }
  return responses;
}

const responses = generate();
const detail = (results: ReturnType<typeof buildResults>) =>
  `${employees.length.toLocaleString('en')} ratees (${results.agency.ratees.scored.toLocaleString('en')} with an index), ${units.length.toLocaleString('en')} units, agency index ${results.agency.overall?.score} (${results.agency.overall?.band})`;
{
  const runs: number[] = [];
  let results!: ReturnType<typeof buildResults>;
  for (let i = 0; i < 3; i++) {
    const run = time(() => buildResults({ wave, units, ratees, scores: scoreRatees(responses, rules) }));
    runs.push(run.ms);
    results = run.value;
  }
  runs.sort((a, b) => a - b);
  report(`score ${RESPONSES.toLocaleString('en')} responses (median of 3)`, runs[1]!, 5000, `slowest ${runs[2]!.toFixed(0)} ms; ${detail(results)}`);
}
