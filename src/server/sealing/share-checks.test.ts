import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultQuestionnaire } from '../../domain/questionnaire.js';
import { paramsOf } from '../../domain/sealing/ceremony-state.js';
import { readTally, slotPlaintexts, sumSealed, seal } from '../../domain/sealing/elgamal.js';
import { decodePoint, encode, mulBase, randomScalar, sealingReady } from '../../domain/sealing/group.js';
import { makeShares } from '../../domain/sealing/opening.js';
import type { Ceremony } from '../../domain/sealing/schema.js';
import { trusteeKey } from '../../domain/sealing/trustee-session.js';
import { answerCodes, tallyResponses } from '../../domain/tally.js';
import { ceremonyInMemory } from '../test-support/ceremony.js';
import { filledAnswers } from '../test-support/sealed.js';
import { InlineShareChecks, WorkerShareChecks, type CombineItem, type RulesWire, type VerifyItem } from './share-checks.js';

let ceremony: Ceremony;
let seats: ReturnType<typeof ceremonyInMemory>['seats'];
const groups = 20;

beforeAll(async () => {
  await sealingReady();
  ({ ceremony, seats } = ceremonyInMemory('c-checks', 'kab-a'));
});

/** `groups` peer groups of three, group g answered g % 5 + 1 on every behaviour. */
function fixture() {
  const K = decodePoint(ceremony.jointKey!);
  const rules: RulesWire = { params: paramsOf(ceremony), waveId: 'w1', k: 3, questionnaireVersion: defaultQuestionnaire.version };
  const domainRules = { ...rules, questionnaire: defaultQuestionnaire };
  const answers = (g: number) => filledAnswers(((g % 5) + 1) as 1 | 2 | 3 | 4 | 5);
  const tallies = Array.from({ length: groups }, (_, g) =>
    sumSealed([0, 1, 2].map(() => seal(K, slotPlaintexts(defaultQuestionnaire, answerCodes(defaultQuestionnaire, answers(g)))))),
  );
  const sharesOf = (index: number, g: number) => {
    const key = trusteeKey(ceremony, { index, secret: seats[index - 1]!.secret });
    return makeShares(domainRules, 'counts', { rateeNip: `n${g}`, relationship: 'peer' }, tallies[g]!, [0, 1], index, key.share, key.verificationKeys.get(index)!);
  };
  const V = (index: number) => trusteeKey(ceremony, { index, secret: seats[index - 1]!.secret }).verificationKeys.get(index)!;
  const plain = (g: number) => tallyResponses(defaultQuestionnaire, [0, 1, 2].map(() => ({ rateeNip: `n${g}`, rateeUnitId: 'u', relationship: 'peer' as const, codes: answerCodes(defaultQuestionnaire, answers(g)) })))[0]!;
  return { rules, tallies, sharesOf, V, plain };
}

describe('share checks on worker threads', () => {
  const workers = new WorkerShareChecks(2);
  const inline = new InlineShareChecks();
  afterAll(() => workers.close());

  it('accept genuine shares and name the first forged one, wherever it falls in the split', async () => {
    const f = fixture();
    const items: VerifyItem[] = f.tallies.map((tally, g) => ({ tally, given: f.sharesOf(2, g) }));
    expect(await workers.verify(f.rules, 'counts', 2, f.V(2), items)).toBeNull();
    // Group 15 is in the second thread's half: its position comes back as 15, not 5.
    const forged = items.map((item, g) => (g === 15 ? { ...item, given: { ...item.given, shares: [encode(mulBase(randomScalar())), item.given.shares[1]!] } } : item));
    expect(await workers.verify(f.rules, 'counts', 2, f.V(2), forged)).toBe(15);
    expect(await inline.verify(f.rules, 'counts', 2, f.V(2), forged)).toBe(15);
    // Trustee 2's shares claimed for trustee 3's seat.
    expect(await workers.verify(f.rules, 'counts', 3, f.V(3), items)).toBe(0);
  });

  it('combine a quorum of shares into exactly the plaintext counts, as the inline checks do', async () => {
    const f = fixture();
    const items: CombineItem[] = f.tallies.map((tally, g) => ({
      tally,
      responses: 3,
      slots: [0, 1],
      shares: [1, 3].map((i) => [i, f.sharesOf(i, g).shares] as [number, string[]]),
    }));
    const got = await workers.combine(f.rules, items);
    expect(got).toEqual(await inline.combine(f.rules, items));
    got.forEach((counts, g) => expect(readTally(counts, null).map((v) => v.count)).toEqual(f.plain(g).values.map((v) => v.count)));
  });

  it('refuse, through the thread, a combination that falls outside its range', async () => {
    const f = fixture();
    // Two shares of the same trustee under two seats: not a decryption, so nothing in range.
    const wrong: CombineItem = { tally: f.tallies[0]!, responses: 3, slots: [0, 1], shares: [[1, f.sharesOf(1, 0).shares], [2, f.sharesOf(1, 0).shares]] };
    await expect(workers.combine(f.rules, [wrong])).rejects.toMatchObject({ code: 'out_of_range' });
    // The thread that refused still works.
    expect(await workers.verify(f.rules, 'counts', 2, f.V(2), [{ tally: f.tallies[0]!, given: f.sharesOf(2, 0) }])).toBeNull();
  });
});
