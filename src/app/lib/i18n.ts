import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { languages, type Language, type LocalizedText } from '../../domain/text.js';

const STORAGE_KEY = 'b360.lang';

const common = {
  id: {
    appName: 'BerAKHLAK 360',
    language: 'Bahasa',
    switchTo: 'English',
    switchToLabel: 'Switch to English',
    loading: 'Memuat…',
    retry: 'Coba lagi',
    notFound: 'Halaman tidak ditemukan.',
    backHome: 'Kembali ke beranda',
    networkError: 'Tidak dapat terhubung ke server. Periksa koneksi Anda lalu coba lagi.',
  },
  en: {
    appName: 'BerAKHLAK 360',
    language: 'Language',
    switchTo: 'Bahasa Indonesia',
    switchToLabel: 'Ganti ke Bahasa Indonesia',
    loading: 'Loading…',
    retry: 'Try again',
    notFound: 'Page not found.',
    backHome: 'Back to home',
    networkError: 'Cannot reach the server. Check your connection and try again.',
  },
} satisfies Record<Language, Record<string, string>>;

function initialLanguage(): Language {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  return languages.includes(saved as Language) ? (saved as Language) : 'id';
}

/** Indonesian first; English on request, remembered on this device. */
export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  lng: initialLanguage(),
  fallbackLng: 'id',
  supportedLngs: [...languages],
  defaultNS: 'common',
  resources: { id: { common: common.id }, en: { common: common.en } },
  interpolation: { escapeValue: false },
  initAsync: false,
});
document.documentElement.lang = i18n.language;
i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  globalThis.localStorage?.setItem(STORAGE_KEY, lng);
});

/** Features register their own strings under their own namespace. */
export function addTranslations(ns: string, resources: Record<Language, Record<string, unknown>>): void {
  for (const lng of languages) i18n.addResourceBundle(lng, ns, resources[lng], true, true);
}

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'id';
}

/** Picks the person's language from a text that carries both (API errors, domain data). */
export function localized(text: LocalizedText): string {
  return text[currentLanguage()];
}
