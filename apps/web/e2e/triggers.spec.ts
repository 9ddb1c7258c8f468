// An admin writes a trigger in the editor — subject contains a word → add the tag "refund" and set the
// priority to high — and sees what it would match now; a new ticket with that word in its subject
// comes out tagged and high, and its history says the trigger acted.
import { expect, test } from '@playwright/test';
import { ADMIN, signIn } from './helpers';

test('an admin writes a trigger and a new ticket comes out tagged, with the history line', async ({ page }) => {
  const stamp = Date.now();
  const name = `Refunds are high ${stamp}`;
  const word = `refund${stamp}`;
  await signIn(page, ADMIN);
  await page.goto('/tickets');
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Triggers' }).click();
  await expect(page.getByRole('heading', { name: 'Triggers', level: 2 })).toBeVisible();
  const table = page.getByRole('table', { name: 'Triggers' });
  // The demo's triggers.
  await expect(table.getByRole('row').filter({ hasText: 'Hindi requester → tag hindi' })).toBeVisible();

  await page.getByRole('button', { name: 'New trigger' }).click();
  const dialog = page.getByRole('dialog', { name: 'New trigger' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await dialog.getByRole('button', { name: 'Add action' }).click();
  await page.getByRole('menuitem', { name: 'Add tags' }).click();
  const tags = dialog.getByRole('group', { name: 'Action 1' }).getByRole('textbox', { name: 'Tags' });
  await tags.fill('refund');
  await tags.press('Enter');
  await dialog.getByRole('button', { name: 'Add action' }).click();
  await page.getByRole('menuitem', { name: 'Set priority' }).click();
  await dialog.getByRole('group', { name: 'Action 2' }).getByRole('textbox', { name: 'To' }).click();
  await page.getByRole('option', { name: 'High' }).click();
  // Saving without a condition is refused, with the reason where the conditions are.
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('needs at least one condition', { exact: false })).toBeVisible();

  await dialog.getByRole('button', { name: 'Add a condition (all)' }).click();
  await page.getByRole('menuitem', { name: 'Subject' }).click();
  const condition = dialog.getByRole('group', { name: 'Condition 1 (all)' });
  await expect(condition.getByRole('textbox', { name: 'How' })).toHaveValue('contains');
  await condition.getByRole('textbox', { name: 'Words' }).fill(word);

  // No open ticket has the word yet.
  await dialog.getByRole('button', { name: 'Which open tickets match now?' }).click();
  await expect(dialog.getByText('Unsolved tickets that match now: 0')).toBeVisible();

  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  const row = table.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('Subject');
  await expect(row).toContainText('Add tags, Set priority');
  await expect(row.getByRole('switch', { name: `Trigger “${name}” on` })).toBeChecked();

  // A new ticket with the word in its subject, created through the API as an integration would.
  const login = await page.request.post('/api/v1/auth/login', {
    data: { email: ADMIN, password: 'sahayak-demo' },
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const created = await page.request.post('/api/v1/tickets', {
    data: {
      subject: `Please ${word} my order`,
      requester: { email: `refund.${stamp}@example.test`, name: 'Farah Khan' },
      message: { html: '<p>The parcel came damaged.</p>' },
    },
    headers: { 'X-CSRF-Token': csrfToken },
  });
  expect(created.status(), await created.text()).toBe(201);
  const number = ((await created.json()) as { ticket: { number: number } }).ticket.number;

  await page.goto(`/tickets/${number}`);
  await expect(page.getByRole('heading', { level: 2, name: new RegExp(`#${number}`) })).toBeVisible();
  const properties = page.getByRole('complementary', { name: 'Properties' });
  await expect(properties.getByRole('textbox', { name: 'Priority' })).toHaveValue('High');
  await expect(properties).toContainText('refund');
  await page.getByRole('tab', { name: 'History' }).click();
  await expect(page.getByRole('tabpanel', { name: 'History' })).toContainText(`Trigger “${name}” acted`);
});
