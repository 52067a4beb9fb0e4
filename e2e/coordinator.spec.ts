import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { signIn } from './support.js';
const nip = (i: number) => `198807152012031${String(i).padStart(3, '0')}`;

test('a coordinator goes from a roster file to a launched wave, and a downloaded link opens the survey', async ({ page, context }) => {
  await signIn(page, 'koordinator@demo.test');
  await page.getByRole('link', { name: /Pemerintah Kabupaten Contoh/ }).click();

  // Roster: a file with one bad row is refused row by row, then the fixed file imports.
  await page.getByRole('link', { name: 'Impor daftar pegawai' }).click();
  const header = 'NIP;Nama;Unit Kerja;Jabatan;NIP Atasan;Email;No HP';
  const good = [
    `${nip(1)};Ratna Sari;Badan Perencanaan;Kepala Badan;;ratna@kab-contoh.test;081200000001`,
    ...[2, 3, 4, 5, 6].map((i) => `${nip(i)};Staf ${i};Badan Perencanaan > Bidang Data;Perencana;${nip(1)};staf${i}@kab-contoh.test;`),
  ];
  const fileInput = page.getByLabel('Berkas daftar pegawai');
  await fileInput.setInputFiles({ name: 'pegawai.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...good, `1.98807E+17;Salah;Badan Perencanaan;;;;`].join('\n')) });
  await page.getByRole('button', { name: 'Impor sekarang' }).click();
  await expect(page.getByRole('alert')).toContainText('Tidak ada yang diimpor');
  await expect(page.getByRole('row', { name: /notasi ilmiah/ })).toContainText('8');

  // A dry run lists the units it would create and warns of one written two ways.
  await fileInput.setInputFiles({ name: 'pegawai.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...good, `${nip(7)};Staf 7;Badan Perencanaan > Bid. Data;;;;`].join('\n')) });
  await page.getByRole('button', { name: 'Periksa berkas' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'mirip unit lain' })).toContainText('"Badan Perencanaan > Bid. Data" mirip "Badan Perencanaan > Bidang Data"');
  await page.getByText('unit kerja baru akan dibuat').click();
  await expect(page.getByRole('listitem').filter({ hasText: /^Badan Perencanaan > Bidang Data$/ })).toBeVisible();

  await fileInput.setInputFiles({ name: 'pegawai.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${[header, ...good].join('\r\n')}`) });
  await page.getByRole('button', { name: 'Periksa berkas' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'mirip unit lain' })).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Berkas valid' })).toContainText('6 pegawai baru');
  await page.getByRole('button', { name: 'Impor sekarang' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Impor selesai' })).toContainText('6 pegawai baru');

  // Wave: create, preview, launch.
  await page.getByRole('link', { name: 'Kembali ke instansi' }).click();
  await expect(page.getByText('66')).toBeVisible();
  await page.getByRole('link', { name: 'Gelombang survei' }).click();
  await page.getByRole('link', { name: 'Buat gelombang' }).click();
  await page.getByLabel('Nama gelombang').fill('Survei BerAKHLAK Triwulan IV');
  await page.getByRole('button', { name: 'Simpan draf' }).click();
  await expect(page.getByRole('heading', { name: 'Survei BerAKHLAK Triwulan IV' })).toBeVisible();
  await expect(page.getByText('Draf', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Pratinjau penugasan' }).click();
  const preview = page.getByTestId('plan-preview');
  await expect(preview).toContainText('66');
  await expect(preview).toContainText('Pegawai yang tidak mencapai k');
  await page.getByLabel('Saya sudah memeriksa pratinjau dan siap meluncurkan').check();
  await page.getByRole('button', { name: 'Luncurkan sekarang' }).click();
  await expect(page.getByText('Berjalan', { exact: true })).toBeVisible();

  // Links: the page warns before the one download, then gives the CSV and QR slips.
  await expect(page.getByText('hanya dapat diunduh SATU KALI')).toBeVisible();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Unduh daftar tautan (CSV)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('tautan-survei-berakhlak-triwulan-iv.csv');
  const csv = readFileSync((await download.path())!, 'utf8');
  const lines = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  expect(lines[0]).toBe('"NIP",Nama,Unit Kerja,Email,"No HP",Tautan');
  expect(lines).toHaveLength(67);
  const ratna = lines.find((l) => l.includes('Ratna Sari'))!;
  const link = ratna.split(',').at(-1)!;
  expect(link).toMatch(/\/r#[0-9A-HJKMNP-TV-Z]{26}$/);

  await page.getByRole('button', { name: 'Siapkan slip QR untuk dicetak' }).click();
  await expect(page.getByTestId('slips').locator('.slip')).toHaveCount(66);
  await expect(page.getByTestId('slips').locator('svg').first()).toBeVisible();

  // A second download is refused, and the page says so.
  await page.reload();
  await expect(page.getByText('Daftar tautan sudah diunduh')).toBeVisible();

  // The link opens the respondent route with the wave and the colleagues to rate.
  const phone = await context.newPage();
  await phone.setViewportSize({ width: 360, height: 740 });
  await phone.goto(link);
  await expect(phone.getByRole('heading', { name: 'Survei BerAKHLAK Triwulan IV' })).toBeVisible();
  await expect(phone.getByText('Diri sendiri', { exact: true })).toBeVisible();
  await expect(phone.getByText('Bawahan', { exact: true }).first()).toBeVisible();

  // Reissue: the old link stops working, the new one works.
  await page.getByLabel('NIP penilai').fill(nip(1));
  await page.getByRole('button', { name: 'Terbitkan tautan baru' }).click();
  const fresh = (await page.getByTestId('reissued-link').textContent())!;
  await phone.goto('about:blank');
  await phone.goto(link);
  await expect(phone.getByRole('alert')).toContainText('tidak dikenal atau sudah diganti');
  await phone.goto(fresh);
  await expect(phone.getByRole('heading', { name: 'Survei BerAKHLAK Triwulan IV' })).toBeVisible();

  // Close: links then say the survey is closed.
  await page.getByLabel('Ya, tutup gelombang ini').check();
  await page.getByRole('button', { name: 'Tutup gelombang' }).click();
  await expect(page.getByText('Ditutup', { exact: true })).toBeVisible();
  await phone.goto('about:blank');
  await phone.goto(fresh);
  await expect(phone.getByText('Survei ini sudah ditutup')).toBeVisible();

  // Every step is in the audit log: the wave's own, then the agency's.
  await page.getByRole('link', { name: 'Log audit' }).click();
  await expect(page.getByRole('cell', { name: 'Menutup gelombang', exact: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Mengimpor daftar pegawai', exact: true })).toHaveCount(0);
  await page.getByRole('link', { name: 'Kembali ke instansi' }).click();
  await page.getByRole('link', { name: 'Log audit' }).click();
  for (const action of ['Mengimpor daftar pegawai', 'Membuat gelombang', 'Meluncurkan gelombang', 'Mulai mengunduh daftar tautan', 'Mengonfirmasi daftar tautan tersimpan (kode dihapus)', 'Menerbitkan ulang tautan', 'Menutup gelombang']) {
    await expect(page.getByRole('cell', { name: action, exact: true }).first()).toBeVisible();
  }
});
