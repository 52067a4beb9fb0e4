import { expect, test } from '@playwright/test';
import { launchWave } from './support.js';

test('the respondent page explains anonymity and never loads staff code or Firebase', async ({ page }) => {
  const scripts: string[] = [];
  const bodies: Promise<string>[] = [];
  page.on('response', (res) => {
    if (res.request().resourceType() === 'script') {
      scripts.push(res.url());
      bodies.push(res.text());
    }
  });
  const requests: string[] = [];
  page.on('request', (req) => requests.push(req.url()));

  await page.goto('/r#0123456789ABCDEFGHJKMNPQRS');
  await expect(page.getByText('Jawaban Anda anonim')).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('Tautan ini tidak dikenal');
  await page.waitForLoadState('networkidle');

  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.some((u) => /staff-app/.test(u))).toBe(false);
  for (const body of await Promise.all(bodies)) {
    expect(body).not.toContain('identitytoolkit');
    expect(body).not.toContain('firebaseapp.com');
    expect(body).not.toContain('createBrowserRouter');
  }
  // The code lives in the fragment: no request carries it.
  expect(requests.some((u) => u.includes('0123456789ABCDEFGHJKMNPQRS'))).toBe(false);
});

test('a link without a code says how to get a proper link', async ({ page }) => {
  await page.goto('/r');
  await expect(page.getByRole('alert')).toContainText('Tautan ini tidak lengkap');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.getByRole('alert')).toContainText('This link is incomplete');
});

test('fits a 320 px phone without sideways scrolling and with large touch targets', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/r#0123456789ABCDEFGHJKMNPQRS');
  await expect(page.getByText('Jawaban Anda anonim')).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const box = await page.getByRole('button', { name: 'Switch to English' }).boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(44);
});

test('the anonymity note says what really happens, without a tap, with the wave’s k, in both languages', async ({ page }) => {
  const { links } = await launchWave('Survei Anonim', { anonymityThreshold: 4 });
  await page.goto(`/r#${links[0]!.code}`);
  await expect(page.getByRole('heading', { name: 'Survei Anonim' })).toBeVisible();

  const note = page.getByRole('region', { name: 'Jawaban Anda anonim' });
  await expect(note.getByText('Jawaban Anda disegel (dienkripsi) begitu tiba di server.', { exact: false })).toBeVisible();
  await expect(note).toContainText('Tidak seorang pun, termasuk pengelola server, dapat membaca jawaban satu orang.');
  await expect(note.getByText(/kelompok minimal 4 orang\), setelah survei ditutup, dan hanya oleh beberapa wali kunci bersama-sama/)).toBeVisible();
  // textContent: the old, false claim is nowhere, not even inside the closed detail.
  await expect(note).not.toContainText('tidak dikirim ke server saat halaman dibuka');

  const more = note.getByText('Selengkapnya tentang anonimitas');
  expect((await more.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  await more.click();
  await expect(note.getByText('Penilaian atasan (satu orang) dan penilaian diri sendiri tampil sebagai kelompok tersendiri', { exact: false })).toBeVisible();
  await expect(note.getByText(/dikirim di dalam isi permintaan\. Server hanya menyimpan hash satu arah dari kode itu dan tidak pernah mencatatnya di log/)).toBeVisible();
  await expect(note.getByText(/^Tidak ada isian bebas/)).toBeVisible();

  await page.getByRole('button', { name: 'Switch to English' }).click();
  const en = page.getByRole('region', { name: 'Your answers are anonymous' });
  await expect(en.getByText('Your answers are sealed (encrypted) the moment they reach the server.', { exact: false })).toBeVisible();
  await expect(en).toContainText('Nobody, not even the people who run the server, can read one person’s answers.');
  await expect(en.getByText(/groups of at least 4 people\), after the survey closes, and only by several key trustees together/)).toBeVisible();
  await expect(en.getByText(/travels in the body of the request\. The server keeps only a one-way hash of the code and never logs it/)).toBeVisible();
  await expect(en.getByText(/^No free text is asked/)).toBeVisible();
  await expect(en).not.toContainText('not sent to the server when the page opens');
});

test('a page older than the survey’s questionnaire says so instead of showing an empty list', async ({ page }) => {
  const { links } = await launchWave('Survei Versi Baru');
  // The server knows a version this (older, cached) page does not: the real answer with its version changed.
  await page.route('**/api/respond/open', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { wave: { questionnaireVersion: string } };
    body.wave.questionnaireVersion = 'berakhlak-2099';
    await route.fulfill({ response, json: body });
  });
  await page.goto(`/r#${links[0]!.code}`);
  await expect(page.getByRole('alert')).toContainText('Halaman ini belum mengenal kuesioner survei ini (berakhlak-2099)');
  await expect(page.getByRole('alert')).toContainText('Muat ulang halaman');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.getByRole('alert')).toContainText('does not know this survey');
});
