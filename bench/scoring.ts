/**
 * Scoring a closed wave of 1,000,000 responses (responses → ratees → units and agency): the pure
 * scoring of responses in memory, then getResults' first call, reading them from SQLite.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultQuestionnaire, type Answer, type Relationship } from '../src/domain/questionnaire.js';
import { waveSettingsSchema } from '../src/domain/schema.js';
import { buildResults, scoreRatees } from '../src/domain/scoring.js';
import { answerCodes, type PlainResponse as ScoredResponse } from '../src/domain/tally.js';
import { seededRandom } from '../src/domain/seeded-random.js';
import { openSqliteStore } from '../src/server/store/sqlite/sqlite-store.js';
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

const dir = mkdtempSync(join(tmpdir(), 'b360-scoring-'));
try {
  const store = openSqliteStore(join(dir, 'bench.db'), { journalTruncateMs: 0 });
  // Setup, not measured: the responses go in directly, as submissions would have left them.
  const insert = store.db.prepare(
    `INSERT INTO responses (id, wave_id, agency_id, ratee_nip, ratee_unit_id, relationship, questionnaire_version, answers, submitted_on, codes)
     VALUES (?, 'bench', 'bench', ?, ?, ?, ?, ?, '2026-06-01', ?)`,
  );
  const items = defaultQuestionnaire.items;
  store.db.transaction(() => {
    for (const r of responses) {
      const answers = Object.fromEntries(items.map((item, i) => [item.behaviourId, r.codes[i] === '0' ? 'na' : Number(r.codes[i])]));
      insert.run(randomBytes(16).toString('base64url'), r.rateeNip, r.rateeUnitId, r.relationship, defaultQuestionnaire.version, JSON.stringify(answers), r.codes);
    }
  })();
  responses.length = 0;

  const runs: number[] = [];
  let results!: ReturnType<typeof buildResults>;
  for (let i = 0; i < 3; i++) {
    const run = await time(async () => buildResults({ wave, units, ratees, scores: scoreRatees(await store.scoredResponses('bench'), rules) })).promise;
    runs.push(run.ms);
    results = run.value;
  }
  runs.sort((a, b) => a - b);
  report(
    `… read from SQLite and scored (median of 3)`,
    runs[1]!,
    null,
    `slowest ${runs[2]!.toFixed(0)} ms; what getResults does once per closed wave (then cached): ${detail(results)}`,
  );
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
