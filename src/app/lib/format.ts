import { currentLanguage } from './i18n.js';

/** Date and time in the person's language and their device's time zone (WIB, WITA or WIT). */
export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(currentLanguage() === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(currentLanguage() === 'en' ? 'en-GB' : 'id-ID').format(n);
}

/** A time of day with seconds, for "updated at" lines. */
export function formatTime(date: Date): string {
  return new Intl.DateTimeFormat(currentLanguage() === 'en' ? 'en-GB' : 'id-ID', { timeStyle: 'medium' }).format(date);
}

/** A number with exactly `digits` decimals ("62,5" in Indonesian, "62.5" in English). */
export function formatDecimal(n: number, digits = 1): string {
  return new Intl.NumberFormat(currentLanguage() === 'en' ? 'en-GB' : 'id-ID', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}
