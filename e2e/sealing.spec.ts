import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { defaultQuestionnaire, type Answer, type Relationship } from '../src/domain/questionnaire.js';
import type { Unit, Wave } from '../src/domain/schema.js';
import { buildResults, scoreRatees, type WaveResults } from '../src/domain/scoring.js';
import { answerCodes } from '../src/domain/tally.js';
import { api, BASE, launchJob, signIn, staffToken, takeLinks } from './support.js';

const PASSPHRASE = 'kata sandi wali kunci uji';

/** A trustee (no role) signs in and lands on their own start page. */
async function trusteePage(browser: Browser, index: number): Promise<Page> {
  const context = await browser.newContext({ baseURL: BASE, locale: 'id-ID', acceptDownloads: true });
  const page = await context.newPage();
  await page.goto('/masuk');
  await page.getByLabel('Email').fill(`wali${index}@demo.test`);
  await page.getByLabel('Kata sandi').fill('berakhlak-demo');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByRole('heading', { name: 'Wali kunci', level: 1 })).toBeVisible();
  return page;
}

/** Answers that differ by rater, group and statement, "cannot assess" among them. */
const answerOf = (rater: number, ticket: number, relationship: string, item: number): Answer =>
  (rater + item) % 13 === 0 ? 'na' : ((((rater * 3 + ticket + item) % 5) + (relationship === 'self' ? 1 : 0)) % 5) + 1 as Answer;

test('three trustees hold the key ceremony in their browsers; two open the closed wave; the results are the plaintext scoring of what was sent', async ({ page, browser }) => {
  test.setTimeout(240_000);
  // A coordinator starts the ceremony, naming the three trustees.
  await signIn(page, 'koordinator@demo.test');
  await page.goto('/instansi/kab-contoh');
  await page.getByRole('link', { name: 'Kunci dan wali kunci' }).click();
  await page.getByLabel('Nama kunci').fill('Kunci E2E');
  await page.getByLabel(/Email wali kunci/).fill('wali1@demo.test\nwali2@demo.test\nwali3@demo.test');
  await page.getByRole('button', { name: 'Mulai upacara kunci' }).last().click();
  await expect(page.getByRole('heading', { name: 'Upacara kunci: Kunci E2E' })).toBeVisible();
  const ceremonyUrl = new URL(page.url()).pathname;

  // Each trustee, in their own browser, makes their key and saves the key file; the page then
  // sends shares and confirms by itself as the others catch up.
  const downloads = mkdtempSync(join(tmpdir(), 'b360-keys-'));
  const trustees = await Promise.all([1, 2, 3].map((i) => trusteePage(browser, i)));
  const keyFiles: string[] = [];
  for (const [i, t] of trustees.entries()) {
    await t.goto(ceremonyUrl);
    await t.getByLabel('Frasa sandi berkas kunci').fill(PASSPHRASE);
    await t.getByLabel('Ulangi frasa sandi').fill(PASSPHRASE);
    const download = t.waitForEvent('download');
    await t.getByRole('button', { name: 'Buat kunci dan unduh berkas kunci' }).click();
    const file = join(downloads, `wali-${i + 1}.key.json`);
    await (await download).saveAs(file);
    keyFiles.push(file);
  }
  for (const t of trustees) await expect(t.getByText('Upacara selesai: kunci bersama siap.')).toBeVisible({ timeout: 60_000 });
  await page.reload();
  await expect(page.getByText('Selesai', { exact: true })).toBeVisible();

  // The wave launches under the new key; raters answer, remembered here in plaintext.
  const token = await staffToken('koordinator@demo.test');
  const wave = await api<{ id: string }>(token, 'POST', '/api/agencies/kab-contoh/waves', { name: 'Survei Tersegel', closesAt: new Date(Date.now() + 86_400_000).toISOString() });
  const { planHash } = await api<{ planHash: string }>(token, 'POST', `/api/waves/${wave.id}/plan`);
  await launchJob(token, wave.id, planHash);
  const { links } = await takeLinks(token, wave.id);
  const { employees } = await api<{ employees: { nip: string; name: string; position: string; unitId: string }[] }>(token, 'GET', '/api/agencies/kab-contoh/employees');
  const units = await api<{ units: Unit[] }>(token, 'GET', '/api/agencies/kab-contoh');
  const sent: { rateeNip: string; rateeUnitId: string; relationship: Relationship; codes: string }[] = [];
  for (const [rater, link] of links.entries()) {
    const post = (path: string, body: unknown) =>
      fetch(`${BASE}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.88.${rater >> 8}.${rater & 255}` }, body: JSON.stringify(body) });
    const opened = (await (await post('/api/respond/open', { code: link.code })).json()) as {
      tickets: { id: string; rateeName: string; rateePosition: string; relationship: Relationship }[];
    };
    for (const [n, ticket] of opened.tickets.entries()) {
      const answers = Object.fromEntries(defaultQuestionnaire.items.map((item, i) => [item.behaviourId, answerOf(rater, n, ticket.relationship, i)]));
      expect((await post('/api/respond/submit', { code: link.code, ticketId: ticket.id, questionnaireVersion: defaultQuestionnaire.version, answers })).status).toBe(200);
      const ratee = employees.filter((e) => e.name === ticket.rateeName && e.position === ticket.rateePosition);
      expect(ratee).toHaveLength(1);
      sent.push({ rateeNip: ratee[0]!.nip, rateeUnitId: ratee[0]!.unitId, relationship: ticket.relationship, codes: answerCodes(defaultQuestionnaire, answers) });
    }
  }
  await api(token, 'POST', `/api/waves/${wave.id}/close`);

  // Closed but sealed: the results page says who still has to act.
  await page.goto(`/gelombang/${wave.id}/hasil`);
  await expect(page.getByText('Hasil masih tersegel')).toBeVisible();
  await expect(page.getByText('Menunggu wali kunci: 0 dari 2')).toBeVisible();

  // Trustee 1 alone: their phase-1 shares go up, and nothing opens.
  const [first, second] = trustees;
  for (const [t, file] of [[first!, keyFiles[0]!], [second!, keyFiles[1]!]] as const) {
    await t.goto(`/gelombang/${wave.id}/buka`);
    await t.getByLabel('Berkas kunci Anda').setInputFiles(file);
    await t.getByLabel('Frasa sandi berkas kunci').fill(PASSPHRASE);
    await t.getByRole('button', { name: 'Buka dengan berkas kunci saya' }).click();
    if (t === first) {
      await expect(t.getByText(/Tahap 2 menunggu/)).toBeVisible({ timeout: 60_000 });
      const alone = await fetch(`${BASE}/api/waves/${wave.id}/results`, { headers: { authorization: `Bearer ${token}` } });
      expect(alone.status).toBe(409);
      expect(((await alone.json()) as { error: { code: string } }).error.code).toBe('results_sealed');
      await page.reload();
      await expect(page.getByText('Menunggu wali kunci: 1 dari 2')).toBeVisible();
    }
  }
  // Trustee 2 completes phase 1, trustee 1's page goes on by itself to phase 2; the third is not needed.
  for (const t of [first!, second!]) await expect(t.getByText(/hasil tersedia/)).toBeVisible({ timeout: 90_000 });

  const results = await api<WaveResults>(token, 'GET', `/api/waves/${wave.id}/results`);
  const closed = await api<Wave>(token, 'GET', `/api/waves/${wave.id}`);
  const s = closed.settings;
  const expected = buildResults({
    wave: closed,
    units: units.units,
    ratees: results.ratees.map((r) => ({ nip: r.nip, name: r.name, unitId: r.unitId })),
    scores: scoreRatees(sent, { k: s.anonymityThreshold, weights: s.groupWeights, questionnaire: defaultQuestionnaire }),
  });
  expect(results.agency).toEqual(expected.agency);
  expect(results.ratees).toEqual(expected.ratees);
  expect(results.agency.ratees.scored).toBeGreaterThan(0);
  await page.goto(`/gelombang/${wave.id}/hasil`);
  await expect(page.getByTestId('agency-index')).toContainText(new Intl.NumberFormat('id-ID', { minimumFractionDigits: 1 }).format(results.agency.overall!.score));
});
