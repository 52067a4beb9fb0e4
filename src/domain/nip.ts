import { z } from 'zod';
import { bilingual } from './bilingual.js';
import type { LocalizedText } from './text.js';

/**
 * NIP (Nomor Induk Pegawai): 18 digits = birth date (YYYYMMDD) + appointment year-month (YYYYMM)
 * + gender digit (1 man, 2 woman) + sequence (001-999).
 */
export interface NipParts {
  birthDate: string;
  appointment: string;
  gender: 'male' | 'female';
  sequence: number;
}

export type NipCheck = { ok: true; nip: string; parts: NipParts } | { ok: false; message: LocalizedText };

const SCIENTIFIC = /^\d(?:[.,]\d+)?e\+?\d+$/i;

function isCalendarDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function checkNip(input: string): NipCheck {
  const trimmed = input.trim();
  if (SCIENTIFIC.test(trimmed)) {
    return {
      ok: false,
      message: {
        id: `NIP "${trimmed}" berubah menjadi notasi ilmiah oleh Excel dan digit terakhirnya hilang. Format kolom NIP sebagai Teks (Format Cells > Text) atau awali dengan tanda petik (') lalu ekspor ulang.`,
        en: `NIP "${trimmed}" was turned into scientific notation by Excel and lost its last digits. Format the NIP column as Text (Format Cells > Text) or prefix it with an apostrophe (') and export again.`,
      },
    };
  }
  const text = trimmed.replace(/[\s.-]/g, '');
  if (!/^\d{18}$/.test(text)) {
    return {
      ok: false,
      message: {
        id: `NIP harus terdiri dari 18 angka (ditemukan ${text.length} karakter).`,
        en: `A NIP must be 18 digits (found ${text.length} characters).`,
      },
    };
  }
  const by = Number(text.slice(0, 4));
  const bm = Number(text.slice(4, 6));
  const bd = Number(text.slice(6, 8));
  if (by < 1940 || by > 2015 || !isCalendarDate(by, bm, bd)) {
    return {
      ok: false,
      message: {
        id: `8 digit pertama NIP (${text.slice(0, 8)}) bukan tanggal lahir yang valid (TTTTBBHH).`,
        en: `The first 8 digits of the NIP (${text.slice(0, 8)}) are not a valid birth date (YYYYMMDD).`,
      },
    };
  }
  const ay = Number(text.slice(8, 12));
  const am = Number(text.slice(12, 14));
  if (am < 1 || am > 12 || ay < by + 17 || ay > 2100) {
    return {
      ok: false,
      message: {
        id: `Digit 9-14 NIP (${text.slice(8, 14)}) bukan tahun-bulan pengangkatan yang valid (minimal 17 tahun setelah lahir).`,
        en: `Digits 9-14 of the NIP (${text.slice(8, 14)}) are not a valid appointment year-month (at least 17 years after birth).`,
      },
    };
  }
  const g = text[14];
  if (g !== '1' && g !== '2') {
    return {
      ok: false,
      message: {
        id: `Digit ke-15 NIP harus 1 (laki-laki) atau 2 (perempuan), bukan ${g}.`,
        en: `Digit 15 of the NIP must be 1 (man) or 2 (woman), not ${g}.`,
      },
    };
  }
  const sequence = Number(text.slice(15));
  if (sequence === 0) {
    return {
      ok: false,
      message: { id: 'Nomor urut NIP (3 digit terakhir) tidak boleh 000.', en: 'The NIP sequence (last 3 digits) cannot be 000.' },
    };
  }
  return {
    ok: true,
    nip: text,
    parts: {
      birthDate: `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`,
      appointment: `${text.slice(8, 12)}-${text.slice(12, 14)}`,
      gender: g === '1' ? 'male' : 'female',
      sequence,
    },
  };
}

/** Accepts spaces/dots as people type them, yields the 18 bare digits; errors carry both languages. */
export const nipSchema = z.string().transform((value, ctx) => {
  const result = checkNip(value);
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: bilingual(result.message.id, result.message.en) });
    return z.NEVER;
  }
  return result.nip;
});

/** Plain stored form, for API schemas (already normalised). */
export const storedNipSchema = z.string().regex(/^\d{18}$/);
