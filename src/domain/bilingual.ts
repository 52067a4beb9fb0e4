import type { LocalizedText } from './text.js';

/**
 * zod issue messages are plain strings; domain schemas that speak to people encode both languages
 * in one, and every reader decodes it back into the person's language.
 */
export function bilingual(id: string, en: string): string {
  return JSON.stringify({ id, en });
}

export function readBilingual(message: string): LocalizedText {
  if (message.startsWith('{')) {
    try {
      const parsed = JSON.parse(message) as Partial<LocalizedText>;
      if (typeof parsed.id === 'string' && typeof parsed.en === 'string') return { id: parsed.id, en: parsed.en };
    } catch {
      // not ours: fall through
    }
  }
  return { id: message, en: message };
}
