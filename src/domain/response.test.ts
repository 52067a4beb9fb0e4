import { describe, expect, it } from 'vitest';
import { defaultQuestionnaire } from './questionnaire.js';
import { answersSchemaFor, submissionDay } from './response.js';
import { readBilingual } from './bilingual.js';

const full = Object.fromEntries(defaultQuestionnaire.items.map((i, n) => [i.behaviourId, n % 6 === 5 ? 'na' : (n % 5) + 1]));

describe('answers', () => {
  const schema = answersSchemaFor(defaultQuestionnaire);

  it('accepts all 21 items answered, "cannot assess" included', () => {
    expect(schema.parse(full)).toEqual(full);
  });

  it('names every unanswered item, in both languages', () => {
    const missing = { ...full, 'ak-2': undefined, 'kl-3': null };
    const result = schema.safeParse(missing);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.'))).toEqual(['ak-2', 'kl-3']);
    expect(readBilingual(result.error!.issues[0]!.message)).toEqual({ id: 'Pilih salah satu jawaban.', en: 'Choose one answer.' });
  });

  it('refuses unknown items (no free text) and values off the scale', () => {
    expect(schema.safeParse({ ...full, comment: 'dia sering terlambat' }).success).toBe(false);
    expect(schema.safeParse({ ...full, 'bp-1': 6 }).success).toBe(false);
    expect(schema.safeParse({ ...full, 'bp-1': 0 }).success).toBe(false);
  });
});

describe('submissionDay', () => {
  it('keeps only the day in Jakarta time', () => {
    expect(submissionDay(new Date('2026-06-01T16:59:59Z'))).toBe('2026-06-01');
    expect(submissionDay(new Date('2026-06-01T17:00:00Z'))).toBe('2026-06-02');
    expect(submissionDay(new Date('2026-06-01T17:00:00Z'), 'Asia/Jayapura')).toBe('2026-06-02');
  });

  it('answers each time zone on its own within one minute, and after the clock goes back', () => {
    expect(submissionDay(new Date('2026-06-01T15:00:10Z'), 'Asia/Jayapura')).toBe('2026-06-02');
    expect(submissionDay(new Date('2026-06-01T15:00:20Z'))).toBe('2026-06-01');
    expect(submissionDay(new Date('2026-06-01T15:00:30Z'), 'Asia/Jayapura')).toBe('2026-06-02');
    expect(submissionDay(new Date('2026-06-01T14:59:59Z'), 'Asia/Jayapura')).toBe('2026-06-01');
  });
});

describe('answer form (zod/mini, on the phone)', () => {
  it('requires every item and turns choices into answers', async () => {
    const { answerFormSchema, toAnswers } = await import('./answers-form.js');
    const schema = answerFormSchema(defaultQuestionnaire);
    const form = Object.fromEntries(defaultQuestionnaire.items.map((i, n) => [i.behaviourId, n === 0 ? 'na' : String((n % 5) + 1)]));
    expect(schema.safeParse(form).success).toBe(true);
    const missing = schema.safeParse({ ...form, 'ad-3': undefined });
    expect(missing.success).toBe(false);
    expect(missing.error!.issues.map((i) => i.path.join('.'))).toEqual(['ad-3']);
    expect(readBilingual(missing.error!.issues[0]!.message).en).toBe('Choose one answer.');
    const answers = toAnswers(form as Record<string, '1'>);
    expect(answersSchemaFor(defaultQuestionnaire).parse(answers)).toEqual(answers);
    expect(answers['bp-1']).toBe('na');
    expect(answers['bp-2']).toBe(2);
  });
});
