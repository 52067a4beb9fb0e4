import { z } from 'zod';
import { bilingual } from './bilingual.js';
import type { Questionnaire } from './questionnaire.js';
import { answerSchema } from './questionnaire-schema.js';

const schemas = new WeakMap<Questionnaire, ReturnType<typeof buildAnswersSchema>>();

/** Every item of the questionnaire answered, and nothing else: no free text by default. */
export function answersSchemaFor(questionnaire: Questionnaire) {
  let schema = schemas.get(questionnaire);
  if (!schema) schemas.set(questionnaire, (schema = buildAnswersSchema(questionnaire)));
  return schema;
}

function buildAnswersSchema(questionnaire: Questionnaire) {
  const required = bilingual('Pilih salah satu jawaban.', 'Choose one answer.');
  return z
    .object(
      Object.fromEntries(
        questionnaire.items.map((item) => [item.behaviourId, z.union([answerSchema, z.undefined(), z.null()]).refine((v) => v !== undefined && v !== null, required)]),
      ),
    )
    .strict()
    .transform((v) => v as Record<string, z.infer<typeof answerSchema>>);
}

export const ticketIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'ticket id');

/** What a respondent's phone sends with "Kirim". The code travels in the body only. */
export const submissionSchema = z
  .object({
    code: z.string().max(64),
    ticketId: ticketIdSchema,
    questionnaireVersion: z.string().max(40),
    answers: z.record(z.string().max(20), answerSchema.nullable()),
  })
  .strict()
  .meta({ id: 'Submission' });
export type Submission = z.infer<typeof submissionSchema>;

/**
 * The calendar day of a submission in the agency's time zone: the only time a response keeps,
 * so nobody can line responses up against who was seen answering when.
 */
export function submissionDay(now: Date, timeZone = 'Asia/Jakarta'): string {
  // Every time zone's offset is whole minutes, so a day only turns at a minute boundary.
  const minute = Math.floor(now.getTime() / 60_000);
  let zone = dayFormats.get(timeZone);
  if (!zone) {
    // Building a formatter costs far more than using one: keep one per time zone.
    zone = { format: new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }), minute: NaN, day: '' };
    dayFormats.set(timeZone, zone);
  }
  if (zone.minute !== minute) {
    zone.day = zone.format.format(now);
    zone.minute = minute;
  }
  return zone.day;
}

const dayFormats = new Map<string, { format: Intl.DateTimeFormat; minute: number; day: string }>();
