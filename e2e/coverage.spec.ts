import { expect, test } from '@playwright/test';
import { defaultQuestionnaire } from '../src/domain/questionnaire.js';
import { BASE, launchWave, signIn, ticketsOf } from './support.js';

test('an auditor’s coverage page updates after a respondent submits, without a reload, and the integrity check passes', async ({ page }) => {
  const { waveId, links } = await launchWave('Survei Cakupan');
  await signIn(page, 'auditor@demo.test');
  await page.goto(`/gelombang/${waveId}`);
  await page.getByRole('link', { name: 'Cakupan' }).click();
  await expect(page.getByRole('heading', { name: 'Cakupan: Survei Cakupan' })).toBeVisible();
  await expect(page.getByTestId('raters-invited')).toHaveText(String(links.length));
  await expect(page.getByTestId('tickets-used')).toHaveText('0');
  await expect(page.getByText('Diperbarui otomatis setiap 5 detik')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Pegawai yang dinilai' })).toBeVisible();
  // An auditor gets no reminder list (contacts): the link is not offered.
  await expect(page.getByRole('link', { name: /Pengingat/ })).toHaveCount(0);
  const loadedAt = await page.getByTestId('coverage-updated').textContent();

  const code = links[0]!.code;
  const [ticket] = await ticketsOf(code);
  const answers = Object.fromEntries(defaultQuestionnaire.items.map((item) => [item.behaviourId, 4]));
  const res = await fetch(`${BASE}/api/respond/submit`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, ticketId: ticket!.id, questionnaireVersion: defaultQuestionnaire.version, answers }),
  });
  expect(res.status).toBe(200);

  await expect(page.getByTestId('tickets-used')).toHaveText('1', { timeout: 15_000 });
  await expect(page.getByTestId('coverage-updated')).not.toHaveText(loadedAt ?? '');

  await page.getByRole('button', { name: 'Periksa integritas' }).click();
  await expect(page.getByText(/Integritas baik: .* = .* tersisa \+ 1 respons/)).toBeVisible();
});

test('a coordinator opens the reminder list of raters who have not finished', async ({ page }) => {
  const { waveId, links } = await launchWave('Survei Pengingat');
  await signIn(page, 'koordinator@demo.test');
  await page.goto(`/gelombang/${waveId}`);
  await page.getByRole('link', { name: 'Pengingat' }).click();
  await expect(page.getByRole('heading', { name: 'Penilai yang belum selesai' })).toBeVisible();
  await expect(page.getByRole('button', { name: `Unduh CSV (${links.length})` })).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /Unduh CSV/ }).click();
  expect((await download).suggestedFilename()).toBe(`pengingat-${waveId}.csv`);
});
