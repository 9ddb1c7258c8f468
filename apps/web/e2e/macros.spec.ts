// A manager writes a shared macro with a Hindi reply that uses a placeholder (a misspelt one is
// refused by name at its field first); an agent applies it to a ticket of a Hindi-speaking requester:
// the preview shows the reply filled in, in Hindi, and the changes; once applied, the reply is in the
// conversation, the priority changed, and the macro's usage count went up.
import { expect, test } from '@playwright/test';
import { ADMIN, AGENT, PASSWORD, signIn } from './helpers';

const MANAGER = 'manager@demo.sahayak.test';

test('a manager writes a bilingual macro and an agent applies it to a Hindi requester’s ticket', async ({
  page,
  browser,
}) => {
  const name = `Refund sent ${Date.now()}`;
  await signIn(page, MANAGER);
  await page.goto('/tickets');
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Macros' }).click();
  await expect(page.getByRole('heading', { name: 'Macros', level: 2 })).toBeVisible();
  const table = page.getByRole('table', { name: 'Macros' });
  // The demo's shared macros.
  await expect(table.getByRole('row').filter({ hasText: 'Refund issued' })).toContainText('Shared');

  await page.getByRole('button', { name: 'New macro' }).click();
  const dialog = page.getByRole('dialog', { name: 'New macro' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await expect(dialog.getByRole('radio', { name: 'Shared with every agent' })).toBeChecked();
  await dialog
    .getByRole('textbox', { name: 'Reply in English' })
    .fill('Hello {{requester.first_name}}, your refund is on its way.');
  // A misspelt placeholder: pointed out while typing, refused by name on save.
  const hindi = dialog.getByRole('textbox', { name: 'Reply in Hindi' });
  await hindi.fill('नमस्ते {{requester.firstname}}, ');
  await expect(dialog.getByText('Not a known placeholder: {{requester.firstname}}.', { exact: false })).toBeVisible();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(
    dialog.getByText('{{requester.firstname}} is not a placeholder Sahayak knows.', { exact: false }),
  ).toBeVisible();
  // Corrected from the placeholder list, inserted at the caret.
  await hindi.fill('नमस्ते ');
  await hindi.press('End');
  await dialog.getByRole('button', { name: 'Insert placeholder' }).nth(1).click();
  await page.getByRole('menuitem', { name: /Requester's first name/ }).click();
  await expect(hindi).toHaveValue('नमस्ते {{requester.first_name}}');
  await hindi.press('End');
  await hindi.pressSequentially(', टिकट #{{ticket.number}} का रिफ़ंड भेज दिया गया है।');
  // Actions: priority urgent, status pending.
  await dialog.getByRole('button', { name: 'Add action' }).click();
  await page.getByRole('menuitem', { name: 'Set priority' }).click();
  const first = dialog.getByRole('group', { name: 'Action 1' });
  await first.getByRole('textbox', { name: 'To' }).click();
  await page.getByRole('option', { name: 'Urgent' }).click();
  await dialog.getByRole('button', { name: 'Add action' }).click();
  await page.getByRole('menuitem', { name: 'Set status' }).click();
  await expect(dialog.getByRole('group', { name: 'Action 2' }).getByRole('textbox', { name: 'To' })).toHaveValue(
    'Pending',
  );
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  const row = table.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('Shared');
  await expect(row).toContainText('Set priority: Urgent');
  await expect(row.getByRole('cell').nth(2)).toHaveText('0');

  // A ticket from a Hindi-speaking demo customer.
  const admin = await browser.newPage();
  const login = await admin.request.post('/api/v1/auth/login', { data: { email: ADMIN, password: PASSWORD } });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const customers = (await (await admin.request.get('/api/v1/customers?limit=100')).json()) as {
    items: { id: number; name: string; locale: string }[];
  };
  const requester = customers.items.find((c) => c.locale === 'hi')!;
  expect(requester).toBeDefined();
  const created = await admin.request.post('/api/v1/tickets', {
    data: {
      subject: `रिफ़ंड कब मिलेगा? ${Date.now()}`,
      requester: { id: requester.id },
      message: { html: '<p>मेरा रिफ़ंड अभी तक नहीं आया।</p>' },
    },
    headers: { 'X-CSRF-Token': csrfToken },
  });
  expect(created.status(), await created.text()).toBe(201);
  const number = ((await created.json()) as { ticket: { number: number } }).ticket.number;
  await admin.close();
  const firstName = requester.name.trim().split(/\s+/)[0]!;
  const expected = `नमस्ते ${firstName}, टिकट #${number} का रिफ़ंड भेज दिया गया है।`;

  // The agent applies it.
  await page.context().clearCookies();
  await signIn(page, AGENT);
  await page.goto(`/tickets/${number}`);
  await expect(page.getByRole('heading', { level: 2 })).toContainText(`#${number}`);
  await page.getByRole('textbox', { name: 'Apply macro' }).fill(name.slice(0, 11));
  await page.getByRole('option', { name }).click();
  const preview = page.getByRole('dialog', { name: `Apply “${name}”` });
  const text = preview.getByRole('textbox', { name: 'Reply to the requester' });
  await expect(text).toHaveValue(expected);
  const changes = preview.getByRole('table', { name: 'Changes to the ticket' });
  await expect(changes.getByRole('row', { name: /Priority/ })).toContainText('NormalUrgent');
  await expect(changes.getByRole('row', { name: /Status/ })).toContainText('NewPending');
  // The agent adds a line before applying.
  await text.press('ControlOrMeta+End');
  await text.pressSequentially(' धन्यवाद।');
  await preview.getByRole('button', { name: 'Apply' }).click();
  await expect(preview).toHaveCount(0);

  await expect(page.getByRole('article', { name: 'Reply by Kavya Iyer' })).toContainText(`${expected} धन्यवाद।`);
  const properties = page.getByRole('complementary', { name: 'Properties' });
  await expect(properties.getByRole('textbox', { name: 'Priority' })).toHaveValue('Urgent');
  await page.getByRole('tab', { name: 'History' }).click();
  await expect(page.getByRole('tabpanel', { name: 'History' })).toContainText(`Kavya Iyer applied the macro “${name}”`);

  // Counted once, with the time.
  await page.goto('/admin/macros');
  const used = page.getByRole('table', { name: 'Macros' }).getByRole('row').filter({ hasText: name });
  await expect(used.getByRole('cell').nth(2)).toHaveText('1');
  await expect(used.getByRole('cell').nth(3)).not.toHaveText('Never');
});
