import { expect, test } from '@playwright/test';

test('the seeded coordinator signs in and sees the demo agency', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/masuk$/);
  await expect(page.getByRole('heading', { name: 'Masuk untuk petugas' })).toBeVisible();

  await page.getByLabel('Email').fill('koordinator@demo.test');
  await page.getByLabel('Kata sandi').fill('berakhlak-demo');
  await page.getByRole('button', { name: 'Masuk' }).click();

  const card = page.getByRole('listitem').filter({ hasText: 'Pemerintah Kabupaten Contoh' });
  await expect(card).toBeVisible();
  // 60 seeded people (more once the coordinator spec has imported its roster into the same stack).
  await expect(card).toContainText(/(^|\D)6\d Pegawai aktif/);
  await card.getByRole('link').click();
  await expect(page.getByRole('heading', { name: 'Pemerintah Kabupaten Contoh' })).toBeVisible();
  await expect(page.getByText('Bagian Umum')).toBeVisible();

  await page.getByRole('button', { name: 'Keluar' }).click();
  await expect(page).toHaveURL(/\/masuk$/);
});

test('a wrong password gets a clear message and no session', async ({ page }) => {
  await page.goto('/masuk');
  await page.getByLabel('Email').fill('koordinator@demo.test');
  await page.getByLabel('Kata sandi').fill('salah-sandi');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByRole('alert')).toHaveText('Email atau kata sandi salah.');
  await expect(page).toHaveURL(/\/masuk$/);
});

test('empty fields are explained next to each field', async ({ page }) => {
  await page.goto('/masuk');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByText('Masukkan alamat email yang valid.')).toBeVisible();
  await expect(page.getByText('Masukkan kata sandi.')).toBeVisible();
});

test('staff pages switch to English and remember it', async ({ page }) => {
  await page.goto('/masuk');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.getByRole('heading', { name: 'Staff sign-in' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Staff sign-in' })).toBeVisible();
});
