import { expect, test, type Page } from '@playwright/test';
import { api, launchWave, ticketsOf } from './support.js';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

/** Answers the statements of the current step; `choice` is the visible label. */
async function answerStep(page: Page, choice: string) {
  const items = page.locator('fieldset.q-item');
  const count = await items.count();
  for (let i = 0; i < count; i++) await items.nth(i).getByText(choice, { exact: true }).click();
}

test('a respondent rates two colleagues on a phone, survives a reload and a lost connection, then sees used and closed links', async ({ page, context }) => {
  const { token, waveId, links } = await launchWave('Survei Ponsel', {
    includeSelf: false,
    includeSuperior: false,
    peersPerRatee: 2,
    subordinatesPerRatee: 0,
    anonymityThreshold: 3,
  });
  let mine: { code: string; tickets: { id: string; rateeName: string }[] } | null = null;
  for (const link of links) {
    const tickets = await ticketsOf(link.code);
    if (tickets.length === 2) {
      mine = { code: link.code, tickets };
      break;
    }
  }
  expect(mine).not.toBeNull();
  const [first, second] = mine!.tickets;

  await page.goto(`/r#${mine!.code}`);
  await expect(page.getByRole('heading', { name: 'Survei Ponsel' })).toBeVisible();
  await expect(page.getByText('Jawaban Anda anonim')).toBeVisible();
  await expect(page.getByText('Belum diisi')).toHaveCount(2);

  // First colleague: three steps, then a reload: the draft comes back where it was.
  await page.getByRole('button', { name: `Nilai ${first!.rateeName}` }).click();
  await expect(page.getByRole('heading', { name: /Nilai 1 dari 7: Berorientasi Pelayanan/ })).toBeVisible();
  await page.getByRole('button', { name: 'Berikutnya' }).click();
  await expect(page.getByText('Pilih salah satu jawaban.').first()).toBeVisible();
  await answerStep(page, 'Sering');
  await page.getByRole('button', { name: 'Berikutnya' }).click();
  await answerStep(page, 'Selalu');
  await page.getByRole('button', { name: 'Berikutnya' }).click();
  await answerStep(page, 'Tidak dapat menilai');
  await page.waitForTimeout(300);
  await page.reload();
  await expect(page.getByText('Sedang diisi')).toBeVisible();
  await page.getByRole('button', { name: `Lanjutkan ${first!.rateeName}` }).click();
  await expect(page.getByRole('heading', { name: /Nilai 3 dari 7: Kompeten/ })).toBeVisible();
  await expect(page.locator('fieldset.q-item input:checked')).toHaveCount(3);
  for (const choice of ['Kadang-kadang', 'Jarang', 'Sering', 'Selalu']) {
    await page.getByRole('button', { name: 'Berikutnya' }).click();
    await answerStep(page, choice);
  }
  await page.getByRole('button', { name: 'Berikutnya' }).click();
  await expect(page.getByRole('heading', { name: 'Periksa jawaban' })).toBeVisible();
  await expect(page.locator('.q-review dd').first()).toHaveText('Sering');
  await page.getByRole('button', { name: 'Kirim' }).click();
  await expect(page.getByText(`Jawaban untuk ${first!.rateeName} sudah tercatat`)).toBeVisible();
  expect((await ticketsOf(mine!.code)).map((t) => t.id)).toEqual([second!.id]);

  // Second colleague: the connection drops at "Kirim"; the answers wait on the phone, then go once.
  await page.getByRole('button', { name: `Nilai ${second!.rateeName}` }).click();
  for (let step = 0; step < 7; step++) {
    // The next step's questions, not the last step's still on screen.
    await expect(page.getByRole('heading', { name: new RegExp(`Nilai ${step + 1} dari 7`) })).toBeVisible();
    await answerStep(page, 'Sering');
    await page.getByRole('button', { name: 'Berikutnya' }).click();
  }
  await context.setOffline(true);
  await page.getByRole('button', { name: 'Kirim' }).click();
  await expect(page.getByText(`Belum ada koneksi. Jawaban untuk ${second!.rateeName} tersimpan di perangkat`)).toBeVisible();
  await expect(page.getByText('Menunggu koneksi', { exact: true })).toBeVisible();
  await context.setOffline(false);
  await expect(page.getByText(`Jawaban untuk ${second!.rateeName} sudah tercatat`)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('Semua penilaian dari tautan ini sudah terkirim')).toBeVisible();
  expect(await ticketsOf(mine!.code)).toEqual([]);

  // The used link, reopened: everything done, nothing to send again.
  await page.reload();
  await expect(page.getByText('Selesai', { exact: true })).toHaveCount(2);
  await expect(page.getByText('Semua penilaian dari tautan ini sudah terkirim')).toBeVisible();

  // The closed wave: its own clear page.
  const other = links.find((l) => l.code !== mine!.code)!;
  await api(token, 'POST', `/api/waves/${waveId}/close`);
  await page.goto('about:blank');
  await page.goto(`/r#${other.code}`);
  await expect(page.getByText('Survei ini sudah ditutup. Terima kasih.')).toBeVisible();
});

test('a link opened once still opens offline', async ({ page, context }) => {
  const { links } = await launchWave('Survei Luring');
  await page.goto(`/r#${links[0]!.code}`);
  await expect(page.getByRole('heading', { name: 'Survei Luring' })).toBeVisible();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // Once the service worker controls the page its assets are cached.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Survei Luring' })).toBeVisible();
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Survei Luring' })).toBeVisible();
  await expect(page.getByText('Anda sedang luring; daftar ini dari kunjungan terakhir.')).toBeVisible();
  await context.setOffline(false);
});

test('on a phone each question sits inside its card, and its error goes as soon as it is answered', async ({ page }) => {
  const { links } = await launchWave('Survei Kartu');
  // A colleague, not the self-rating (whose button reads "Nilai Diri sendiri").
  const ticket = (await ticketsOf(links[0]!.code)).find((t) => t.relationship !== 'self');
  await page.goto(`/r#${links[0]!.code}`);
  await page.getByRole('button', { name: `Nilai ${ticket!.rateeName}` }).click();
  await expect(page.getByRole('heading', { name: /Nilai 1 dari 7/ })).toBeVisible();

  // The legend starts below the card's top border, inside its sides: the border cannot cross the text.
  const cards = page.locator('fieldset.q-item');
  const boxes = await cards.evaluateAll((sets) =>
    sets.map((set) => {
      const legend = set.querySelector(':scope > legend')!;
      const card = set.getBoundingClientRect();
      const text = legend.getBoundingClientRect();
      const style = getComputedStyle(set);
      return {
        belowTopBorder: text.top - (card.top + parseFloat(style.borderTopWidth)),
        insideSides: Math.min(text.left - (card.left + parseFloat(style.borderLeftWidth)), card.right - parseFloat(style.borderRightWidth) - text.right),
        lines: Math.round(text.height / parseFloat(getComputedStyle(legend).lineHeight)),
      };
    }),
  );
  expect(boxes.length).toBeGreaterThan(0);
  // At 360 px at least one question wraps: the case the border used to run through.
  expect(Math.max(...boxes.map((b) => b.lines))).toBeGreaterThan(1);
  for (const box of boxes) {
    expect(box.belowTopBorder).toBeGreaterThanOrEqual(0);
    expect(box.insideSides).toBeGreaterThanOrEqual(0);
  }

  // "Berikutnya" with nothing answered: every question says so; each answer removes its own error.
  const error = 'Pilih salah satu jawaban.';
  const count = await cards.count();
  await page.getByRole('button', { name: 'Berikutnya' }).click();
  await expect(page.getByText(error)).toHaveCount(count);
  await cards.first().getByText('Sering', { exact: true }).click();
  await expect(cards.first().getByText(error)).toHaveCount(0);
  await expect(cards.first()).toHaveAttribute('aria-invalid', 'false');
  await expect(page.getByText(error)).toHaveCount(count - 1);
  await answerStep(page, 'Jarang');
  await expect(page.getByText(error)).toHaveCount(0);
  await page.getByRole('button', { name: 'Berikutnya' }).click();
  await expect(page.getByRole('heading', { name: /Nilai 2 dari 7/ })).toBeVisible();
});
