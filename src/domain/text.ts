import { z } from 'zod';

/** Every user-facing string exists in Indonesian (the default) and English. */
export const localizedText = z.object({ id: z.string().min(1), en: z.string().min(1) });
export type LocalizedText = z.infer<typeof localizedText>;

export const languages = ['id', 'en'] as const;
export type Language = (typeof languages)[number];
