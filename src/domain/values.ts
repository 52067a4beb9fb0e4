import raw from './berakhlak.json' with { type: 'json' };
import type { Language } from './text.js';

// No zod here: the respondent's phone loads this module. values.test.ts checks the data's shape.

export interface Behaviour {
  id: string;
  valueId: string;
  text: { id: string; en: string };
}

export interface CoreValue {
  id: string;
  letter: string;
  name: { id: string; en: string };
  behaviours: readonly Behaviour[];
}

/** The seven BerAKHLAK values in their official order, each with its three key behaviours. */
export const coreValues: readonly CoreValue[] = raw.values.map((v) => ({
  id: v.id,
  letter: v.letter,
  name: v.name,
  behaviours: v.behaviours.map((b) => ({ id: b.id, valueId: v.id, text: { id: b.id_text, en: b.en } })),
}));

export const behaviours: readonly Behaviour[] = coreValues.flatMap((v) => v.behaviours);

export interface IndexBand {
  id: string;
  min: number;
  label: { id: string; en: string };
}

/** Index category bands, highest first. */
export const indexBands: readonly IndexBand[] = [...raw.index_categories.bands].sort((a, b) => b.min - a.min);

export function bandFor(score: number): IndexBand {
  const band = indexBands.find((b) => score >= b.min);
  if (!band) throw new RangeError(`score ${score} is below every band`);
  return band;
}

export function localize(text: { id: string; en: string }, lang: Language): string {
  return text[lang];
}
