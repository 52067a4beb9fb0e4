import { defaultQuestionnaire, type Answer } from '../../domain/questionnaire.js';
import { seal, slotPlaintexts } from '../../domain/sealing/elgamal.js';
import { mulBase, randomScalar, sealingReady, type Point } from '../../domain/sealing/group.js';
import { answerCodes } from '../../domain/tally.js';
import type { ResponseDraft } from '../store/port.js';

/*
 * Sealed responses for store tests and benchmarks that are not about what the answers say: sealed
 * as the submit route seals them, to a throwaway key nobody keeps.
 */

let key: Point | null = null;

export async function throwawayKey(): Promise<Point> {
  await sealingReady();
  return (key ??= mulBase(randomScalar()));
}

/** Every behaviour answered `fill`. */
export const filledAnswers = (fill: Answer): Record<string, Answer> => Object.fromEntries(defaultQuestionnaire.items.map((i) => [i.behaviourId, fill]));

export function sealedRow(K: Point, answers: Record<string, Answer> = filledAnswers(4)): Uint8Array {
  return seal(K, slotPlaintexts(defaultQuestionnaire, answerCodes(defaultQuestionnaire, answers)));
}

/** A draft for `store.recordResponse`; call throwawayKey() first. */
export function sealedDraft(id: string, day = '2026-06-02', answers?: Record<string, Answer>): ResponseDraft {
  if (!key) throw new Error('await throwawayKey() first');
  return { id, questionnaireVersion: defaultQuestionnaire.version, sealed: sealedRow(key, answers), day };
}
