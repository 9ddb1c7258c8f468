import { expect, test } from '@playwright/test';
import { ADMIN, signIn } from './helpers';

test('a name with HTML and SQL in it is shown exactly as typed', async ({ page }) => {
  const name = `<b>Tom & "Jerry"</b> '; DROP TABLE users; --`;
  const email = `tom.jerry.${Date.now()}@example.test`;
  await signIn(page, ADMIN);
  await page.goto('/admin/users');

  await page.getByRole('button', { name: 'New user' }).click();
  const dialog = page.getByRole('dialog', { name: 'New user' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Email').fill(email);
  await expect(dialog.getByText('invitation email')).toBeVisible();
  await dialog.getByRole('button', { name: 'Create user' }).click();
  await expect(dialog).toHaveCount(0);

  await page.getByLabel('Search').fill('Jerry');
  const row = page.getByRole('row').filter({ hasText: email });
  await expect(row.getByRole('cell', { name, exact: true })).toBeVisible();
  // The markup stayed text: no bold element was made from it.
  await expect(page.getByRole('main').locator('b')).toHaveCount(0);
});
