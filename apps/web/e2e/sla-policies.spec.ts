// A manager sets an SLA policy for urgent email tickets: conditions, targets in hours and minutes,
// business hours; a zero target is explained on its field; the list says the targets in words; the
// policy moves above the demo's catch-all, then goes.
import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

const MANAGER = 'manager@demo.sahayak.test';

test('a manager adds an SLA policy for urgent email, orders it and deletes it', async ({ page }) => {
  const name = `Urgent email ${Date.now()}`;
  await signIn(page, MANAGER);
  await page.goto('/tickets');
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'SLA policies' }).click();
  await expect(page.getByRole('heading', { name: 'SLA policies', level: 2 })).toBeVisible();
  const table = page.getByRole('table', { name: 'SLA policies' });
  // The demo's three policies, in order: the enterprise contract matched on the organisation's tier.
  await expect(table.getByRole('row').nth(1)).toContainText('Enterprise customers');
  await expect(table.getByRole('row').nth(1)).toContainText('Organisation tiers: Enterprise');
  await expect(table.getByRole('row').nth(2)).toContainText('Urgent and high');
  await expect(table.getByRole('row').nth(3)).toContainText('Everyone else');
  await expect(table.getByRole('row').nth(3)).toContainText(
    'Every priority: first reply 8 h · next reply 24 h · resolution 3 days',
  );

  await page.getByRole('button', { name: 'New policy' }).click();
  const dialog = page.getByRole('dialog', { name: 'New SLA policy' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await dialog.getByRole('textbox', { name: 'Priority' }).click();
  await page.getByRole('option', { name: 'Urgent' }).click();
  await dialog.getByRole('textbox', { name: 'Priority' }).press('Escape');
  await dialog.getByRole('textbox', { name: 'Channel' }).click();
  await page.getByRole('option', { name: 'Email' }).click();
  await dialog.getByRole('textbox', { name: 'Channel' }).press('Escape');
  // A zero first reply: the server says what is wrong, on that field.
  await dialog.getByRole('textbox', { name: 'Urgent, First reply: hours' }).fill('0');
  await dialog.getByRole('textbox', { name: 'Urgent, Resolution: hours' }).fill('6');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('must be a whole number of minutes from 1 to 525600 (a year)')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Urgent, First reply: minutes' }).fill('30');
  await dialog.getByRole('textbox', { name: 'Urgent, Next reply: hours' }).fill('2');
  await dialog.getByRole('radio', { name: /Calendar hours/ }).check();
  await dialog.getByRole('checkbox', { name: 'On hold' }).uncheck();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);

  // New policies go last, and the list says what they do.
  const row = table.getByRole('row').filter({ hasText: name });
  await expect(table.getByRole('row').nth(4)).toContainText(name);
  await expect(row).toContainText('Priority: Urgent');
  await expect(row).toContainText('Channel: Email');
  await expect(row).toContainText('Urgent: first reply 30 min · next reply 2 h · resolution 6 h');
  await expect(row).toContainText('Calendar hours');
  await expect(row).toContainText('Paused when Pending');

  // Above the catch-all, so urgent email reaches it.
  await row.getByRole('button', { name: `Move ${name} up` }).click();
  await expect(table.getByRole('row').nth(3)).toContainText(name);
  await expect(table.getByRole('row').nth(4)).toContainText('Everyone else');
  await page.reload();
  await expect(table.getByRole('row').nth(3)).toContainText(name);

  // Switched off (from the keyboard: the switch's track covers its input), it stays in the list.
  const active = row.getByRole('switch', { name: `${name} active` });
  await expect(active).toBeChecked();
  await active.press('Space');
  await expect(active).not.toBeChecked();
  await page.reload();
  await expect(active).not.toBeChecked();

  await row.getByRole('button', { name: `Delete ${name}` }).click();
  await page.getByRole('dialog', { name: 'Delete policy' }).getByRole('button', { name: 'Delete' }).click();
  await expect(row).toHaveCount(0);
  await expect(table.getByRole('row').nth(3)).toContainText('Everyone else');
});
