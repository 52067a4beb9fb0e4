import type { LocalizedText } from './text.js';
import { coreValues } from './values.js';

// No zod here: the respondent's phone loads this module. questionnaire-schema.ts holds the schemas.

/**
 * How the rater stands to the ratee. `superior` means the rater is the ratee's superior (the ratee
 * is the rater's subordinate); `subordinate` means the rater reports to the ratee.
 */
export const relationships = ['self', 'superior', 'peer', 'subordinate'] as const;
export type Relationship = (typeof relationships)[number];

/** 1 = Tidak pernah ... 5 = Selalu; 'na' = Tidak dapat menilai (excluded from scoring). */
export const answerValues = [1, 2, 3, 4, 5, 'na'] as const;
export type Answer = (typeof answerValues)[number];

export interface QuestionnaireItem {
  behaviourId: string;
  valueId: string;
  prompt: Record<Relationship, LocalizedText>;
}

export interface Questionnaire {
  version: string;
  title: LocalizedText;
  scale: { value: Answer; label: LocalizedText }[];
  items: QuestionnaireItem[];
}

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
export const defaultQuestionnaire: Questionnaire = {
  version: 'berakhlak-2021.1',
  title: { id: 'Survei 360° Nilai Dasar ASN BerAKHLAK', en: '360° survey of the BerAKHLAK civil-service core values' },
  scale: frequencyScale,
  items: coreValues.flatMap((v) =>
    v.behaviours.map((b) => ({ behaviourId: b.id, valueId: v.id, prompt: promptsFor(b.text) })),
  ),
};

export const questionnaires: Readonly<Record<string, Questionnaire>> = { [defaultQuestionnaire.version]: defaultQuestionnaire };
