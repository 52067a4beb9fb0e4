/** Every user-facing string exists in Indonesian (the default) and English. */
export interface LocalizedText {
  id: string;
  en: string;
}

export const languages = ['id', 'en'] as const;
export type Language = (typeof languages)[number];
