import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { languages, type Language, type LocalizedText } from '../../domain/text.js';

const STORAGE_KEY = 'b360.lang';

/** Strings every page shares; English must give exactly the same keys. */
const commonId = {
  appName: 'BerAKHLAK 360',
  language: 'Bahasa',
  switchTo: 'English',
  switchToLabel: 'Switch to English',
  loading: 'Memuat…',
  retry: 'Coba lagi',
  notFound: 'Halaman tidak ditemukan.',
  backHome: 'Kembali ke beranda',
  networkError: 'Tidak dapat terhubung ke server. Periksa koneksi Anda lalu coba lagi.',
};
export const commonText: Translations<typeof commonId> = {
  id: commonId,
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
};

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
  resources: { id: { common: commonText.id }, en: { common: commonText.en } },
  interpolation: { escapeValue: false },
  initAsync: false,
});
document.documentElement.lang = i18n.language;
i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  globalThis.localStorage?.setItem(STORAGE_KEY, lng);
});

/** A namespace's strings: Indonesian defines the keys, English must give exactly the same ones. */
export interface Translations<T extends Record<string, string>> {
  id: T;
  en: { [K in keyof T]: string };
}

/**
 * Features register their own strings under their own namespace. The strings come back so the app can
 * type every key (src/app/i18n-keys.ts): a key used in a component but missing here fails tsc.
 */
export function addTranslations<T extends Record<string, string>>(ns: string, resources: Translations<T>): Translations<T> {
  for (const lng of languages) i18n.addResourceBundle(lng, ns, resources[lng], true, true);
  return resources;
}

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'id';
}

/** Picks the person's language from a text that carries both (API errors, domain data). */
export function localized(text: LocalizedText): string {
  return text[currentLanguage()];
}
