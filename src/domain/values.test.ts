import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import raw from './berakhlak.json' with { type: 'json' };
import { bandFor, behaviours, coreValues, indexBands } from './values.js';

const text = z.object({ id: z.string().min(1), en: z.string().min(1) });
const sourceSchema = z.object({
  values: z
    .array(z.object({ id: z.string(), letter: z.string(), name: text, behaviours: z.array(z.object({ id: z.string(), id_text: z.string(), en: z.string() })).length(3) }))
    .length(7),
  index_categories: z.object({ bands: z.array(z.object({ id: z.string(), min: z.number(), label: text })).min(1) }),
});

describe('BerAKHLAK values', () => {
  it('ships a values file of the expected shape', () => {
    expect(sourceSchema.safeParse(raw).success).toBe(true);
  });

  it('has the seven values in order with three behaviours each, 21 in all', () => {
    expect(coreValues.map((v) => v.name.id)).toEqual([
      'Berorientasi Pelayanan',
      'Akuntabel',
      'Kompeten',
      'Harmonis',
      'Loyal',
      'Adaptif',
      'Kolaboratif',
    ]);
    expect(coreValues.every((v) => v.behaviours.length === 3)).toBe(true);
    expect(behaviours).toHaveLength(21);
    expect(new Set(behaviours.map((b) => b.id)).size).toBe(21);
    expect(behaviours.every((b) => b.text.id.length > 5 && b.text.en.length > 5)).toBe(true);
  });

  it('maps scores to category bands at their lower bounds', () => {
    expect(indexBands.map((b) => b.id)).toEqual(['A', 'B', 'C', 'D']);
    expect(bandFor(100).id).toBe('A');
    expect(bandFor(75).id).toBe('A');
    expect(bandFor(74.99).id).toBe('B');
    expect(bandFor(60.9).label.id).toBe('Cukup Sehat');
    expect(bandFor(25).id).toBe('C');
    expect(bandFor(0).id).toBe('D');
    expect(() => bandFor(-1)).toThrow(RangeError);
  });
});
