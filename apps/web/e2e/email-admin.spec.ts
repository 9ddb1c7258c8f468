// An admin sets up the email channel: sees the demo's support address, adds one for another team (an
// unknown placeholder in the acknowledgement explained on its field), adds an IMAP mailbox whose
// server cannot be found ("Test connection" says so), and reads the mailboxes page in Hindi.
import { expect, test } from '@playwright/test';
import { ADMIN, savedPreferences, signIn } from './helpers';

test('an admin adds a support address with its acknowledgement and tests an IMAP mailbox', async ({ page }) => {
  const stamp = Date.now();
  const address = `orders${stamp}@demo.sahayak.test`;
  const mailbox = `Orders inbox ${stamp}`;
  await signIn(page, ADMIN);
  await page.goto('/tickets');
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await nav.getByRole('link', { name: 'Support addresses' }).click();
  await expect(page.getByRole('heading', { name: 'Support addresses', level: 2 })).toBeVisible();
  const table = page.getByRole('table', { name: 'Support addresses' });
  const demo = table.getByRole('row').filter({ hasText: 'support@demo.sahayak.test' });
  await expect(demo).toContainText('Default');
  await expect(demo).toContainText('Customer Care');

  await page.getByRole('button', { name: 'New address' }).click();
  const dialog = page.getByRole('dialog', { name: 'New support address' });
  await dialog.getByRole('textbox', { name: 'Email address' }).fill(address.toUpperCase());
  await dialog.getByRole('textbox', { name: 'Display name' }).fill('Demo Company Orders');
  await dialog.getByRole('textbox', { name: 'Team' }).click();
  await page.getByRole('option', { name: 'Technical Support' }).click();
  // The form starts from the standard texts, in both languages.
  await expect(dialog.getByRole('textbox', { name: 'Subject' })).toHaveValue(
    'We have received your request [#{{ticket.number}}]',
  );
  await expect(dialog.getByText('{{requester.first_name}}', { exact: true })).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Text' }).fill('Hello {{customer.name}}, thank you for your order.');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('uses a placeholder that does not exist')).toBeVisible();
  await dialog
    .getByRole('textbox', { name: 'Text' })
    .fill('Hello {{requester.first_name}}, your order question is ticket #{{ticket.number}}.');
  await dialog.getByRole('tab', { name: 'Hindi' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Subject' })).toHaveValue(
    'हमें आपका अनुरोध मिल गया है [#{{ticket.number}}]',
  );
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  const row = table.getByRole('row').filter({ hasText: address });
  await expect(row).toContainText('Technical Support');
  await expect(row).toContainText('On');
  await expect(row).not.toContainText('Default');

  // A mailbox on a server that does not exist: the test says why, before anything is saved.
  await nav.getByRole('link', { name: 'Mailboxes (IMAP)' }).click();
  await expect(page.getByRole('heading', { name: 'Mailboxes (IMAP)', level: 2 })).toBeVisible();
  await page.getByRole('button', { name: 'New mailbox' }).click();
  const form = page.getByRole('dialog', { name: 'New mailbox' });
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill(mailbox);
  await form.getByRole('textbox', { name: 'IMAP server' }).fill('imaps://imap.example.com');
  await form.getByRole('textbox', { name: 'User name' }).fill(address);
  await form.getByRole('textbox', { name: 'Password', exact: true }).fill('app password 123');
  await form.getByRole('button', { name: 'Test connection' }).click();
  await expect(form.getByText('must be a host name or IP address')).toBeVisible();
  await form.getByRole('textbox', { name: 'IMAP server' }).fill('imap.demo-company.invalid');
  await form.getByRole('button', { name: 'Test connection' }).click();
  const failed = form.getByRole('alert').filter({ hasText: 'Connection failed' });
  await expect(failed).toContainText('ENOTFOUND');
  await form.getByRole('switch', { name: 'Read this mailbox' }).uncheck();
  // Its own server's certificate: accepted for this mailbox only, and said so in the list.
  await form.getByRole('switch', { name: "Accept the server's self-signed certificate" }).check();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toHaveCount(0);
  const accounts = page.getByRole('table', { name: 'Mailboxes (IMAP)' });
  const saved = accounts.getByRole('row').filter({ hasText: mailbox });
  await expect(saved).toContainText('imap.demo-company.invalid:993');
  await expect(saved).toContainText('Self-signed certificate accepted');
  await expect(saved).toContainText('Off');
  await expect(saved).toContainText('Last poll: Never');

  // The page in Hindi.
  await page.getByRole('button', { name: 'User menu' }).click();
  const preferences = savedPreferences(page);
  await page.getByRole('menuitem', { name: 'हिन्दी' }).click();
  await preferences;
  await expect(page.getByRole('heading', { name: 'मेलबॉक्स (IMAP)', level: 2 })).toBeVisible();
  const hindiRow = page.getByRole('table', { name: 'मेलबॉक्स (IMAP)' }).getByRole('row').filter({ hasText: mailbox });
  await expect(hindiRow).toContainText('पिछली जाँच');
  await expect(hindiRow).toContainText('स्व-हस्ताक्षरित प्रमाणपत्र स्वीकार');
  await hindiRow.getByRole('button', { name: `${mailbox} हटाएँ` }).click();
  await page.getByRole('dialog', { name: 'मेलबॉक्स हटाएँ' }).getByRole('button', { name: 'हटाएँ' }).click();
  await expect(hindiRow).toHaveCount(0);
});
