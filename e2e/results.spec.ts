import { expect, test } from '@playwright/test';
import type { RateeReport, Score, WaveResults } from '../src/domain/scoring.js';
import { coreValues, indexBands } from '../src/domain/values.js';
import { answerEveryTicket, api, closeAndOpen, launchWave, signIn, staffToken, type AnswerChoice } from './support.js';

const decimal = (n: number) => new Intl.NumberFormat('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);
const bandName = (id: string) => indexBands.find((b) => b.id === id)!.label.id;
/** A figure as the pages write it in full: "62,5 · B Cukup Sehat". */
const inFull = (s: NonNullable<Score>) => `${decimal(s.score)} · ${s.band} ${bandName(s.band)}`;

/**
 * Answers that differ by group, rater and statement, so the index is neither flat nor extreme:
 * generous self-ratings, a steady superior, spread-out peers, subordinates who skip some items.
 */
function answer({ relationship, rater }: { relationship: string; rater: number }, item: number): AnswerChoice {
  if (relationship === 'self') return 5;
  if (relationship === 'superior') return item < 15 ? 4 : 3;
  if (relationship === 'peer') return (1 + ((item + rater) % 5)) as AnswerChoice;
  return item % 7 === 0 ? 'na' : ((2 + (item % 3)) as AnswerChoice);
}

test('results wait for the wave to close, then show the agency index, the seven values, the unit tree and a person’s report', async ({ page }) => {
  const { token, waveId, links } = await launchWave('Survei Hasil', { round: 'Nasional E2E' });
  expect(await answerEveryTicket(links, answer)).toBeGreaterThan(links.length);

  await signIn(page, 'koordinator@demo.test');
  await page.goto(`/gelombang/${waveId}/hasil`);
  await expect(page.getByRole('heading', { name: 'Hasil: Survei Hasil' })).toBeVisible();
  await expect(page.getByText('Hasil tersedia setelah gelombang ditutup')).toBeVisible();
  await expect(page.getByTestId('agency-index')).toHaveCount(0);
  await expect(page.getByRole('table')).toHaveCount(0);

  await closeAndOpen(token, waveId);
  const results = await api<WaveResults>(token, 'GET', `/api/waves/${waveId}/results`);
  const overall = results.agency.overall!;
  expect(overall.score).toBeGreaterThan(0);
  expect(overall.score).toBeLessThan(100);

  await page.goto(`/gelombang/${waveId}`);
  await page.getByRole('link', { name: 'Hasil', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Hasil: Survei Hasil' })).toBeVisible();
  await expect(page.getByTestId('agency-index')).toHaveText(inFull(overall));
  await expect(page.getByTestId('lowest-value')).toContainText('Nilai terendah:');

  // The radar's figures, for screen readers: one row per value.
  const radar = page.getByRole('table', { name: 'Profil tujuh nilai (tabel)' });
  await expect(radar.getByRole('row')).toHaveCount(1 + coreValues.length);
  const first = results.agency.values[0]!;
  await expect(radar.getByRole('row').nth(1)).toHaveText(`${coreValues[0]!.name.id}${first.score ? decimal(first.score.score) : '—'}`);

  // The unit tree: the agency first, then every unit, nested units indented further.
  const units = page.getByRole('table', { name: /^Per unit kerja/ });
  await expect(units.getByRole('row')).toHaveCount(2 + results.units.length);
  await expect(units.getByRole('row').nth(1)).toContainText('Seluruh instansi');
  const top = units.getByRole('rowheader', { name: 'Dinas Kesehatan', exact: true });
  const nested = units.getByRole('rowheader', { name: 'Bidang Pelayanan Kesehatan', exact: true });
  const indent = async (cell: typeof top) => parseFloat(await cell.evaluate((el) => getComputedStyle(el).paddingLeft));
  expect(await indent(nested)).toBeGreaterThan(await indent(top));
  await expect(page.getByRole('table', { name: /^Sebaran kategori/ }).getByRole('row')).toHaveCount(1 + indexBands.length);

  const xlsx = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Unduh XLSX' }).click();
  expect((await xlsx).suggestedFilename()).toBe(`hasil-${waveId}.xlsx`);

  // A person with an index, a name nobody else has, and (where the plan made one) a hidden group.
  const names = results.ratees.map((r) => r.name);
  const candidates = results.ratees.filter((r) => r.overall && names.indexOf(r.name) === names.lastIndexOf(r.name));
  const reports = await Promise.all(candidates.map((r) => api<RateeReport>(token, 'GET', `/api/waves/${waveId}/results/ratees/${r.nip}`)));
  const withSelf = reports.filter((r) => r.groups.self?.shown && r.groups.peer?.shown);
  const report = withSelf.find((r) => Object.values(r.groups).some((g) => !g.shown)) ?? withSelf[0]!;

  await page.getByRole('link', { name: report.ratee.name, exact: true }).click();
  await expect(page.getByRole('heading', { name: `Laporan pengembangan: ${report.ratee.name}` })).toBeVisible();
  await expect(page.getByText(report.ratee.position, { exact: true })).toBeVisible();
  await expect(page.getByTestId('ratee-index')).toHaveText(inFull(report.overall!));

  const byGroup = page.getByRole('table', { name: 'Per nilai dan kelompok penilai' });
  await expect(byGroup.getByRole('columnheader')).toHaveText(['Nilai', 'Diri sendiri', 'Atasan', 'Rekan kerja', 'Bawahan', 'Indeks (lainnya, berbobot)']);
  const row = byGroup.getByRole('row').nth(1);
  const v = report.values[0]!;
  await expect(row.getByRole('cell').nth(0)).toHaveText(decimal(v.groups.self!));
  await expect(row.getByRole('cell').nth(2)).toHaveText(decimal(v.groups.peer!));
  await expect(row.getByRole('cell').nth(4)).toContainText(decimal(v.others!.score));
  for (const [rel, label] of [['self', 'Diri sendiri'], ['superior', 'Atasan'], ['peer', 'Rekan kerja'], ['subordinate', 'Bawahan']] as const) {
    const g = report.groups[rel];
    const counts = page.getByTestId(`group-${rel}`);
    await expect(counts).toContainText(label);
    await expect(counts).toContainText(!g ? 'Tidak ada respons' : g.shown ? `${g.responses}Ditampilkan` : `${g.responses}Disembunyikan (di bawah k = ${report.k})`);
  }
  const hidden = (Object.keys(report.groups) as (keyof RateeReport['groups'])[]).find((rel) => !report.groups[rel]!.shown);
  if (hidden) await expect(byGroup).toContainText(`— disembunyikan: kurang dari ${report.k} respons`);
  await expect(page.getByRole('table', { name: 'Profil tujuh nilai (tabel)' }).getByRole('columnheader', { name: 'Diri sendiri' })).toBeAttached();

  // Opening one person's report is audited, and the log names it (and every other action) in words.
  await page.goto(`/gelombang/${waveId}`);
  await page.getByRole('link', { name: 'Log audit' }).click();
  await expect(page.getByRole('cell', { name: 'Membuka laporan satu pegawai', exact: true }).first()).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Wali kunci mengirim bagian dekripsi', exact: true }).first()).toBeVisible();
  await expect(page.getByRole('cell', { name: /^[a-z_]+\.[a-z_]+$/ })).toHaveCount(0);
});

test('an admin sees the agency ranked in its round; an auditor sees units and the agency, no named people', async ({ page }) => {
  const { token, waveId, links } = await launchWave('Survei Peringkat', { round: 'Putaran Uji' });
  await answerEveryTicket(links, answer);
  await closeAndOpen(token, waveId);
  const results = await api<WaveResults>(await staffToken('auditor@demo.test'), 'GET', `/api/waves/${waveId}/results`);

  await signIn(page, 'admin@demo.test');
  await page.getByRole('link', { name: 'Peringkat nasional' }).click();
  await expect(page.getByRole('heading', { name: 'Peringkat nasional' })).toBeVisible();
  // Other specs may have closed waves in other rounds: pick this one when there is a choice.
  const rounds = page.getByLabel('Putaran', { exact: true });
  if (await rounds.count()) await rounds.selectOption('Putaran Uji');
  const ranking = page.getByRole('table', { name: /^Putaran: Putaran Uji/ });
  const agency = ranking.getByRole('row').filter({ hasText: 'Pemerintah Kabupaten Contoh' });
  await expect(agency.getByRole('cell').first()).toHaveText('1 5 besar');
  await expect(agency).toContainText(inFull(results.agency.overall!));
  await page.getByRole('button', { name: 'Keluar' }).click();

  await signIn(page, 'auditor@demo.test');
  await page.goto(`/gelombang/${waveId}/hasil`);
  await expect(page.getByTestId('agency-index')).toHaveText(inFull(results.agency.overall!));
  expect(results.ratees).toEqual([]);
  await expect(page.getByText('Auditor melihat hasil unit dan instansi, bukan nilai pegawai per nama.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Pegawai yang dinilai' })).toHaveCount(0);
  const csv = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Unduh CSV' }).click();
  expect((await csv).suggestedFilename()).toBe(`hasil-${waveId}.csv`);
});
