// A manager sets up the office's business calendar: split working hours copied to every weekday, a
// yearly holiday, the team that counts in it, the default; an overlapping interval is explained; a
// calendar in use cannot be deleted; the page reads in Hindi.
import { expect, test } from '@playwright/test';
import { savedPreferences, signIn } from './helpers';

const MANAGER = 'manager@demo.sahayak.test';

test('a manager defines a business calendar for a team, and cannot delete it while the team uses it', async ({
  page,
}) => {
  const name = `Bengaluru office ${Date.now()}`;
  await signIn(page, MANAGER);
  await page.goto('/tickets');
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Business calendars' })
    .click();
  await expect(page.getByRole('heading', { name: 'Business calendars', level: 2 })).toBeVisible();

  await page.getByRole('button', { name: 'New calendar' }).click();
  const dialog = page.getByRole('dialog', { name: 'New business calendar' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await dialog.getByRole('textbox', { name: 'Teams' }).click();
  await page.getByRole('option', { name: 'Customer Care' }).click();
  await dialog.getByRole('textbox', { name: 'Teams' }).press('Escape');
  // Monday: 09:00–13:00 (the default is 09:00–18:00, shortened) and 14:00–18:00, then every weekday.
  await dialog.getByRole('textbox', { name: 'Monday, interval 1: to' }).click();
  await page.getByRole('option', { name: '13:00', exact: true }).click();
  await dialog.getByRole('button', { name: 'Add hours to Monday' }).click();
  await dialog.getByRole('textbox', { name: 'Monday, interval 2: from' }).click();
  await page.getByRole('option', { name: '14:00', exact: true }).click();
  await dialog.getByRole('textbox', { name: 'Monday, interval 2: to' }).click();
  await page.getByRole('option', { name: '18:00', exact: true }).click();
  await dialog.getByRole('button', { name: 'Copy to Monday–Friday' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Friday, interval 2: from' })).toHaveValue('14:00');
  // Saturday mornings, overlapping at first: the server says which interval is wrong.
  await dialog.getByRole('button', { name: 'Add hours to Saturday' }).click();
  await dialog.getByRole('button', { name: 'Add hours to Saturday' }).click();
  await dialog.getByRole('textbox', { name: 'Saturday, interval 2: from' }).click();
  await page.getByRole('option', { name: '12:00', exact: true }).click();
  await dialog.getByRole('button', { name: 'Add holiday' }).click();
  await dialog.getByLabel('Date').fill('2026-01-26');
  await dialog.getByRole('textbox', { name: 'Holiday' }).fill('गणतंत्र दिवस');
  await dialog.getByRole('checkbox', { name: 'Every year' }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('overlaps another interval of the same day')).toBeVisible();
  await dialog.getByRole('button', { name: 'Remove interval 2 of Saturday' }).click();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);

  const table = page.getByRole('table', { name: 'Business calendars' });
  const row = table.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('Mon–Fri 09:00–13:00, 14:00–18:00 · Sat 09:00–13:00');
  await expect(row).toContainText('44 hours a week');
  await expect(row).toContainText('Customer Care');

  // In use by a team: deleting is refused with the reason.
  await row.getByRole('button', { name: `Delete ${name}` }).click();
  await page.getByRole('dialog', { name: 'Delete calendar' }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('dialog', { name: 'Delete calendar' })).toContainText('Teams count their hours');
  await page.keyboard.press('Escape');
  await expect(row).toHaveCount(1);

  // Free the team, then it can go.
  await row.getByRole('button', { name: `Edit ${name}` }).click();
  const edit = page.getByRole('dialog', { name: 'Edit business calendar' });
  await expect(edit.getByRole('textbox', { name: 'Holiday' })).toHaveValue('गणतंत्र दिवस');
  await edit.getByRole('textbox', { name: 'Teams' }).click();
  await edit.getByRole('textbox', { name: 'Teams' }).press('Backspace');
  await edit.getByRole('textbox', { name: 'Teams' }).press('Escape');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toHaveCount(0);
  await expect(row).not.toContainText('Customer Care');

  // The page in Hindi.
  await page.getByRole('button', { name: 'User menu' }).click();
  const saved = savedPreferences(page);
  await page.getByRole('menuitem', { name: 'हिन्दी' }).click();
  await saved;
  await expect(page.getByRole('heading', { name: 'कार्य कैलेंडर', level: 2 })).toBeVisible();
  const hindiRow = page.getByRole('table', { name: 'कार्य कैलेंडर' }).getByRole('row').filter({ hasText: name });
  await expect(hindiRow).toContainText('सप्ताह में 44 घंटे');
  await expect(hindiRow).toContainText('सोम–शुक्र 09:00–13:00, 14:00–18:00');

  await hindiRow.getByRole('button', { name: `${name} हटाएँ` }).click();
  await page.getByRole('dialog', { name: 'कैलेंडर हटाएँ' }).getByRole('button', { name: 'हटाएँ' }).click();
  await expect(hindiRow).toHaveCount(0);
});
