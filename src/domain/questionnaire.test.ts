import { describe, expect, it } from 'vitest';
import { defaultQuestionnaire, questionnaires, relationships } from './questionnaire.js';
import { answerSchema, questionnaireSchema } from './questionnaire-schema.js';
import { behaviours } from './values.js';

describe('default questionnaire', () => {
  it('has one item per behaviour, in value order, worded for every relationship', () => {
    expect(defaultQuestionnaire.items.map((i) => i.behaviourId)).toEqual(behaviours.map((b) => b.id));
    for (const item of defaultQuestionnaire.items) {
      expect(Object.keys(item.prompt).sort()).toEqual([...relationships].sort());
    }
    const first = defaultQuestionnaire.items[0]!;
    expect(first.prompt.self.id).toBe('Seberapa sering Anda memahami dan memenuhi kebutuhan masyarakat?');
    expect(first.prompt.subordinate.id).toBe('Seberapa sering atasan Anda ini memahami dan memenuhi kebutuhan masyarakat?');
    expect(first.prompt.peer.en).toContain('Understands and meets the needs of the public');
  });

  it('uses the 5-point frequency scale plus "cannot assess"', () => {
    expect(defaultQuestionnaire.scale.map((s) => s.label.id)).toEqual([
      'Tidak pernah',
      'Jarang',
      'Kadang-kadang',
      'Sering',
      'Selalu',
      'Tidak dapat menilai',
    ]);
    expect(answerSchema.safeParse(0).success).toBe(false);
    expect(answerSchema.safeParse(6).success).toBe(false);
    expect(answerSchema.safeParse('na').success).toBe(true);
  });

  it('is versioned, registered under its version, and valid by its schema', () => {
    expect(questionnaireSchema.safeParse(defaultQuestionnaire).success).toBe(true);
    expect(questionnaires[defaultQuestionnaire.version]).toBe(defaultQuestionnaire);
    expect(questionnaireSchema.safeParse({ ...defaultQuestionnaire, version: 'Bad Version' }).success).toBe(false);
  });
});
