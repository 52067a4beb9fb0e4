import { z } from 'zod';
import { localizedText, type LocalizedText } from './text.js';
import { coreValues } from './values.js';

/**
 * How the rater stands to the ratee. `superior` means the rater is the ratee's superior (the ratee
 * is the rater's subordinate); `subordinate` means the rater reports to the ratee.
 */
export const relationships = ['self', 'superior', 'peer', 'subordinate'] as const;
export const relationshipSchema = z.enum(relationships);
export type Relationship = z.infer<typeof relationshipSchema>;

/** 1 = Tidak pernah ... 5 = Selalu; 'na' = Tidak dapat menilai (excluded from scoring). */
export const answerSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal('na')]);
export type Answer = z.infer<typeof answerSchema>;

export const scaleSchema = z.array(z.object({ value: answerSchema, label: localizedText })).length(6);

export const questionnaireItemSchema = z.object({
  behaviourId: z.string(),
  valueId: z.string(),
  prompt: z.record(relationshipSchema, localizedText),
});

export const questionnaireSchema = z.object({
  version: z.string().regex(/^[a-z0-9.-]+$/),
  title: localizedText,
  scale: scaleSchema,
  items: z.array(questionnaireItemSchema).min(1),
});
export type Questionnaire = z.infer<typeof questionnaireSchema>;

export const frequencyScale: Questionnaire['scale'] = [
  { value: 1, label: { id: 'Tidak pernah', en: 'Never' } },
  { value: 2, label: { id: 'Jarang', en: 'Rarely' } },
  { value: 3, label: { id: 'Kadang-kadang', en: 'Sometimes' } },
  { value: 4, label: { id: 'Sering', en: 'Often' } },
  { value: 5, label: { id: 'Selalu', en: 'Always' } },
  { value: 'na', label: { id: 'Tidak dapat menilai', en: 'Cannot assess' } },
];

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

// Indonesian verbs do not conjugate, so the behaviour text slots into each stem as it stands.
const stems: Record<Relationship, { id: (b: string) => string; en: (b: string) => string }> = {
  self: { id: (b) => `Seberapa sering Anda ${lowerFirst(b)}?`, en: (b) => `How often is this true of you: "${b}"?` },
  superior: {
    id: (b) => `Seberapa sering bawahan Anda ini ${lowerFirst(b)}?`,
    en: (b) => `How often is this true of your subordinate: "${b}"?`,
  },
  peer: {
    id: (b) => `Seberapa sering rekan kerja Anda ini ${lowerFirst(b)}?`,
    en: (b) => `How often is this true of your colleague: "${b}"?`,
  },
  subordinate: {
    id: (b) => `Seberapa sering atasan Anda ini ${lowerFirst(b)}?`,
    en: (b) => `How often is this true of your superior: "${b}"?`,
  },
};

function promptsFor(text: LocalizedText): Record<Relationship, LocalizedText> {
  return Object.fromEntries(
    relationships.map((r) => [r, { id: stems[r].id(text.id), en: stems[r].en(text.en) }]),
  ) as Record<Relationship, LocalizedText>;
}

/** The default questionnaire: one item per key behaviour. Its version is frozen once waves use it. */
export const defaultQuestionnaire: Questionnaire = questionnaireSchema.parse({
  version: 'berakhlak-2021.1',
  title: { id: 'Survei 360° Nilai Dasar ASN BerAKHLAK', en: '360° survey of the BerAKHLAK civil-service core values' },
  scale: frequencyScale,
  items: coreValues.flatMap((v) =>
    v.behaviours.map((b) => ({ behaviourId: b.id, valueId: v.id, prompt: promptsFor(b.text) })),
  ),
});

export const questionnaires: Readonly<Record<string, Questionnaire>> = { [defaultQuestionnaire.version]: defaultQuestionnaire };
