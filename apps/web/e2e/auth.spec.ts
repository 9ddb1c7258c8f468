import { expect, test } from '@playwright/test';
import { ADMIN, AGENT, PASSWORD, savedPreferences, signIn } from './helpers';

test('admin signs in through the form and switches to Hindi, which is saved for them', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  await page.getByLabel('Email').fill(ADMIN);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();

  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await expect(page.getByRole('banner').getByText('Sahayak')).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Users' })).toBeVisible();
  // Everyone, admins too, starts in the ticket inbox.
  await expect(page).toHaveURL(/\/tickets$/);
  await expect(page.getByRole('heading', { name: 'All tickets', level: 2 })).toBeVisible();

  await page.getByRole('button', { name: 'User menu' }).click();
  const saved = savedPreferences(page);
  await page.getByRole('menuitem', { name: 'हिन्दी' }).click();
  await saved;

  const hindiNav = page.getByRole('navigation', { name: 'मुख्य नेविगेशन' });
  await expect(hindiNav.getByRole('link', { name: 'उपयोगकर्ता' })).toBeVisible();
  await expect(hindiNav.getByRole('link', { name: 'टीमें' })).toBeVisible();
  await expect(hindiNav.getByRole('link', { name: 'ऑडिट लॉग' })).toBeVisible();
  await expect(hindiNav.getByRole('link', { name: 'सेटिंग्स' })).toBeVisible();
  await expect(hindiNav.getByRole('link', { name: 'टिकट' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'सभी टिकट', level: 2 })).toBeVisible();
  await expect(page.getByRole('banner').getByText('सहायक')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'hi');

  // Forget what this browser remembers: the language must come back from the user's saved profile.
  await page.evaluate(() => window.localStorage.clear());
  await page.reload();
  await expect(hindiNav.getByRole('link', { name: 'मेरा खाता' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'सभी टिकट', level: 2 })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'hi');

  // And back, through the same menu, now labelled in Hindi.
  await page.getByRole('button', { name: 'उपयोगकर्ता मेनू' }).click();
  const back = savedPreferences(page);
  await page.getByRole('menuitem', { name: 'English' }).click();
  await back;
  await expect(nav.getByRole('link', { name: 'Users' })).toBeVisible();
});

test('a wrong password shows the error on the sign-in page', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(ADMIN);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();

  const alert = page.getByRole('alert').filter({ hasText: 'Could not sign in' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('The email or password is wrong.');
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toHaveCount(0);
});

test('an agent sees Tickets and My account but no Admin navigation', async ({ page }) => {
  await signIn(page, AGENT);
  await page.goto('/');
  await expect(page).toHaveURL(/\/tickets$/);
  await expect(page.getByRole('heading', { name: 'All tickets', level: 2 })).toBeVisible();

  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await expect(nav.getByRole('link', { name: 'Tickets' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'My account' })).toBeVisible();
  await expect(nav.getByText('Admin', { exact: true })).toHaveCount(0);
  for (const name of ['Users', 'Teams', 'API tokens', 'Custom fields', 'Audit log', 'Settings']) {
    await expect(nav.getByRole('link', { name })).toHaveCount(0);
  }

  // Typing an admin address leads back to the agent's own start page.
  await page.goto('/admin/audit-log');
  await expect(page).toHaveURL(/\/tickets$/);
  await expect(page.getByRole('heading', { name: 'Audit log' })).toHaveCount(0);
});
