import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test('an API token: its secret is shown once, it works, and revoking it stops it', async ({ page, request }) => {
  const name = `Reporting script ${Date.now()}`;
  await signIn(page, 'agent2@demo.sahayak.test');
  await page.goto('/account/tokens');
  await expect(page.getByRole('tab', { name: 'API tokens', selected: true })).toBeVisible();

  await page.getByLabel('Token name').fill(name);
  await page.getByRole('button', { name: 'Create token' }).click();

  const created = page.getByRole('status').filter({ hasText: `Token “${name}” created` });
  await expect(created).toBeVisible();
  const secret = ((await created.getByLabel('Token secret').textContent()) ?? '').trim();
  expect(secret.length).toBeGreaterThan(16);
  await expect(created.getByRole('button', { name: 'Copy secret' })).toBeVisible();

  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('Active');

  const withToken = { headers: { Authorization: `Bearer ${secret}` } };
  expect((await request.get('/api/v1/auth/me', withToken)).status()).toBe(200);

  await created.getByRole('button', { name: 'I have saved it' }).click();
  await expect(page.getByText(secret)).toHaveCount(0);
  await page.reload();
  await expect(row).toContainText('Active');
  await expect(page.getByText(secret)).toHaveCount(0);

  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  const confirm = page.getByRole('dialog', { name: 'Revoke this token?' });
  await confirm.getByRole('button', { name: 'Revoke' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(row).toContainText('Revoked');
  await expect(row.getByRole('button', { name: `Revoke ${name}` })).toHaveCount(0);

  expect((await request.get('/api/v1/auth/me', withToken)).status()).toBe(401);
});
