import { expect, test } from '@playwright/test';

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
