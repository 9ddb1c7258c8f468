// A manager keeps the customer organisations: finds the demo's enterprise accounts by tier, adds one
// with a domain and a tier (a bad domain explained on its field), gives its tier a contracted SLA
// policy, sees a new customer of that domain filed under it with the contract's first-reply target,
// and reads the page in Hindi.
import { expect, type Page, test } from '@playwright/test';
import { signIn } from './helpers';

const MANAGER = 'manager@demo.sahayak.test';

async function csrf(page: Page): Promise<string> {
  const me = await page.request.get('/api/v1/auth/me');
  return ((await me.json()) as { csrfToken: string }).csrfToken;
}

test('a manager adds an organisation with a tier that an SLA policy gives contracted targets', async ({ page }) => {
  const stamp = Date.now();
  const name = `Bharat Freight ${stamp}`;
  const domain = `bharat${stamp}.example`;
  const tier = `Platinum${stamp}`;
  await signIn(page, MANAGER);
  await page.goto('/tickets');
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Organisations' }).click();
  await expect(page.getByRole('heading', { name: 'Organisations', level: 2 })).toBeVisible();
  const table = page.getByRole('table', { name: 'Organisations' });
  await expect(table.getByRole('row').filter({ hasText: 'Ganga Textiles' })).toContainText('Enterprise');

  // The demo's four enterprise accounts, by tier.
  await page.getByRole('textbox', { name: 'Tier' }).click();
  await page.getByRole('option', { name: 'Enterprise (4)' }).click();
  await expect(table.getByRole('row')).toHaveCount(5);
  // Choosing it again shows every tier.
  await page.getByRole('textbox', { name: 'Tier' }).click();
  await page.getByRole('option', { name: 'Enterprise (4)' }).click();
  await expect(table.getByRole('row').filter({ hasText: 'Tara Fashion' })).toContainText('Standard');

  await page.getByRole('button', { name: 'New organisation' }).click();
  const dialog = page.getByRole('dialog', { name: 'New organisation' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await dialog.getByRole('textbox', { name: 'Domain' }).fill(`ops@${domain}`);
  await dialog.getByRole('textbox', { name: 'Tier' }).fill(tier);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('must be a domain name such as example.com (no @, no spaces)')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Domain' }).fill(domain.toUpperCase());
  await dialog.getByRole('textbox', { name: 'Notes' }).fill('Ships to 40 cities; call before closing.');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);

  await page.getByRole('textbox', { name: 'Search' }).fill('Bharat Freight');
  const row = table.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText(domain);
  await expect(row).toContainText(tier);
  await expect(row).toContainText('Ships to 40 cities');

  // A policy for the new tier, first in line.
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'SLA policies' }).click();
  await page.getByRole('button', { name: 'New policy' }).click();
  const policy = page.getByRole('dialog', { name: 'New SLA policy' });
  await policy.getByRole('textbox', { name: 'Name' }).fill(`${tier} contract`);
  await policy.getByRole('textbox', { name: 'Organisation tiers' }).fill(tier);
  await policy.getByRole('textbox', { name: 'Organisation tiers' }).press('Enter');
  await policy.getByRole('textbox', { name: 'Normal, First reply: minutes' }).fill('20');
  await policy.getByRole('radio', { name: /Calendar hours/ }).check();
  await policy.getByRole('button', { name: 'Save' }).click();
  await expect(policy).toHaveCount(0);
  const policies = page.getByRole('table', { name: 'SLA policies' });
  const policyRow = policies.getByRole('row').filter({ hasText: `${tier} contract` });
  await expect(policyRow).toContainText(`Organisation tiers: ${tier}`);
  while (!((await policies.getByRole('row').nth(1).textContent()) ?? '').includes(`${tier} contract`)) {
    const before = await policies.getByRole('row').allTextContents();
    await policyRow.getByRole('button', { name: `Move ${tier} contract up` }).click();
    await expect.poll(() => policies.getByRole('row').allTextContents()).not.toEqual(before);
  }

  // A new customer at the domain belongs to the organisation, and the contract's target applies.
  const created = await page.request.post('/api/v1/tickets', {
    data: {
      subject: 'Consignment stuck at Nagpur hub',
      requester: { email: `dispatch@${domain}`, name: 'Kavita Rao' },
      message: { html: '<p>Our consignment has not moved for two days.</p>' },
    },
    headers: { 'X-CSRF-Token': await csrf(page) },
  });
  expect(created.status(), await created.text()).toBe(201);
  const ticket = (await created.json()).ticket as { number: number; organisation: { name: string } | null };
  expect(ticket.organisation?.name).toBe(name);
  await page.goto(`/tickets/${ticket.number}`);
  await expect(page.getByRole('region', { name: 'SLA' })).toContainText(/First reply.*(19|20) min/);

  // The policy goes again, so the demo's order stays for the other journeys.
  await page.goto('/admin/sla-policies');
  await policyRow.getByRole('button', { name: `Delete ${tier} contract` }).click();
  await page.getByRole('dialog', { name: 'Delete policy' }).getByRole('button', { name: 'Delete' }).click();
  await expect(policyRow).toHaveCount(0);

  // In Hindi.
  await page.request.patch('/api/v1/auth/me', {
    data: { locale: 'hi' },
    headers: { 'X-CSRF-Token': await csrf(page) },
  });
  await page.goto('/admin/organisations');
  await expect(page.getByRole('heading', { name: 'संगठन', level: 2 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'नया संगठन' })).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'संगठन' }).getByRole('columnheader', { name: 'स्तर (टियर)' }),
  ).toBeVisible();
});
