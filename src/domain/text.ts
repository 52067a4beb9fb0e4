import { z } from 'zod';

/**
 * Every user-facing string exists in Indonesian (the default) and English. This is the one shape
 * bilingual text has wherever zod checks it: the questionnaire, error bodies, row problems.
 */
export const localizedTextSchema = z.object({ id: z.string().min(1), en: z.string().min(1) }).meta({ id: 'LocalizedText' });
export type LocalizedText = z.infer<typeof localizedTextSchema>;

export const languages = ['id', 'en'] as const;
export type Language = (typeof languages)[number];
