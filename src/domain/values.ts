import { z } from 'zod';
import raw from './berakhlak.json' with { type: 'json' };
import { localizedText, type Language } from './text.js';

const sourceSchema = z.object({
  values: z
    .array(
      z.object({
        id: z.string(),
        letter: z.string(),
        name: localizedText,
        behaviours: z.array(z.object({ id: z.string(), id_text: z.string(), en: z.string() })).length(3),
      }),
    )
    .length(7),
  index_categories: z.object({
    bands: z.array(z.object({ id: z.string(), min: z.number(), label: localizedText })).min(1),
  }),
});

const source = sourceSchema.parse(raw);

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
export const coreValues: readonly CoreValue[] = source.values.map((v) => ({
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
export const indexBands: readonly IndexBand[] = [...source.index_categories.bands].sort((a, b) => b.min - a.min);

export function bandFor(score: number): IndexBand {
  const band = indexBands.find((b) => score >= b.min);
  if (!band) throw new RangeError(`score ${score} is below every band`);
  return band;
}

export function localize(text: { id: string; en: string }, lang: Language): string {
  return text[lang];
}
