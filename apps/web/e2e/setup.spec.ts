import { expect, test } from '@playwright/test';
import { PORT_BASE } from './global-setup';

// Runs against the second server, whose database starts empty.
const EMPTY = `http://127.0.0.1:${PORT_BASE + 1}`;

test('first run: the setup page creates the admin in the language chosen above the form', async ({ page, request }) => {
  expect((await (await request.get(`${EMPTY}/api/v1/auth/setup`)).json()).needed).toBe(true);
  await page.goto(EMPTY);
  await expect(page.getByRole('heading', { name: 'Set up Sahayak' })).toBeVisible();
  await page.getByText('हिन्दी', { exact: true }).first().click();
  await expect(page.getByRole('heading', { name: 'सहायक सेट अप करें' })).toBeVisible();

  await page.getByLabel('नाम').fill('मुख्य एडमिन');
  await page.getByLabel('ईमेल').fill('first.admin@example.test');
  await page.getByLabel('नया पासवर्ड').fill('first admin password');
  await page.getByLabel('पासवर्ड दोबारा लिखें').fill('first admin password');
  await page.getByRole('button', { name: 'खाता बनाएँ और साइन इन करें' }).click();

  await expect(page.getByRole('heading', { name: 'सभी टिकट' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'सभी टिकट' })).toBeVisible();
  expect((await (await request.get(`${EMPTY}/api/v1/auth/setup`)).json()).needed).toBe(false);

  // Setup is done: the page now offers sign-in, not a second admin.
  await page.context().clearCookies();
  await page.goto(EMPTY);
  await expect(page.getByRole('button', { name: 'साइन इन करें' })).toBeVisible();
});
