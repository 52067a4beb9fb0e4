import { describe, expect, it } from 'vitest';
import { readBilingual } from './bilingual.js';
import { checkNip, nipSchema } from './nip.js';

describe('checkNip', () => {
  it('accepts a well-formed NIP and reads its parts', () => {
    const r = checkNip('198503122010011001');
    expect(r).toEqual({
      ok: true,
      nip: '198503122010011001',
      parts: { birthDate: '1985-03-12', appointment: '2010-01', gender: 'male', sequence: 1 },
    });
  });

  it('accepts the spaced form people type', () => {
    expect(checkNip(' 19850312 201001 2 001 ')).toMatchObject({ ok: true, nip: '198503122010012001' });
  });

  it.each([
    ['1985031220100110', /18 angka/],
    ['19850312201001100A', /18 angka/],
    ['198502302010011001', /tanggal lahir/],
    ['193001012010011001', /tanggal lahir/],
    ['198503122010131001', /pengangkatan/],
    ['198503121995011001', /pengangkatan/],
    ['198503122010013001', /Digit ke-15/],
    ['198503122010011000', /000/],
  ])('rejects %s with a specific reason', (nip, reason) => {
    const r = checkNip(nip);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message.id).toMatch(reason);
      expect(r.message.en.length).toBeGreaterThan(10);
    }
  });

  it('explains how to keep a NIP that Excel turned into scientific notation', () => {
    const r = checkNip('1.98503E+17');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message.id).toMatch(/notasi ilmiah/);
      expect(r.message.en).toMatch(/Format the NIP column as Text/);
    }
  });

  it('nipSchema normalises or fails with both languages', () => {
    expect(nipSchema.parse('19850312 201001 1 001')).toBe('198503122010011001');
    const bad = nipSchema.safeParse('123');
    expect(bad.success).toBe(false);
    expect(readBilingual(bad.error!.issues[0]!.message)).toEqual({
      id: 'NIP harus terdiri dari 18 angka (ditemukan 3 karakter).',
      en: 'A NIP must be 18 digits (found 3 characters).',
    });
  });
});
