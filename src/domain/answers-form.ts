import * as z from 'zod/mini';
import { bilingual } from './bilingual.js';
import type { Answer, Questionnaire } from './questionnaire.js';

// zod/mini: this schema runs on the respondent's phone, where every kilobyte counts.

/** Radio buttons carry text; "na" is "Tidak dapat menilai". */
export const answerChoices = ['1', '2', '3', '4', '5', 'na'] as const;
export type AnswerChoice = (typeof answerChoices)[number];
export type AnswerForm = Record<string, AnswerChoice | undefined>;

const choose = bilingual('Pilih salah satu jawaban.', 'Choose one answer.');

/** Every item of the questionnaire must be answered before sending. */
export function answerFormSchema(questionnaire: Questionnaire) {
  return z.object(Object.fromEntries(questionnaire.items.map((item) => [item.behaviourId, z.enum(answerChoices, { error: choose })])));
}

export function toAnswers(form: AnswerForm): Record<string, Answer> {
  return Object.fromEntries(Object.entries(form).map(([k, v]) => [k, v === 'na' ? 'na' : (Number(v) as Answer)]));
}
