// The agent workspace: the inbox by keyboard, replying and noting, assigning, solving, Hindi, and
// working beside a colleague on the same ticket (presence and stale-update protection).
import { type Browser, expect, type Page, test } from '@playwright/test';
import { AGENT, savedPreferences, signIn } from './helpers';

const COLLEAGUE = 'agent3@demo.sahayak.test';

/** The API as the signed-in user of `page` (its cookie, and the CSRF token of its session). */
async function apiOf(page: Page) {
  const me = await page.request.get('/api/v1/auth/me');
  expect(me.status(), await me.text()).toBe(200);
  const { csrfToken, user } = (await me.json()) as { csrfToken: string; user: { id: number; name: string } };
  const headers = { 'X-CSRF-Token': csrfToken };
  return {
    user,
    async createTicket(subject: string, text: string, fields: Record<string, unknown> = {}): Promise<number> {
      const stamp = subject.replace(/\W+/g, '-').toLowerCase();
      const res = await page.request.post('/api/v1/tickets', {
        headers,
        data: {
          subject,
          requester: { email: `${stamp}@customer.example.in`, name: 'Ritu Malhotra' },
          message: { kind: 'customer', html: `<p>${text}</p>` },
          fields,
        },
      });
      expect(res.status(), await res.text()).toBe(201);
      return ((await res.json()) as { ticket: { number: number } }).ticket.number;
    },
    async ticket(number: number) {
      const res = await page.request.get(`/api/v1/tickets/${number}`);
      expect(res.status(), await res.text()).toBe(200);
      return (await res.json()).ticket as { version: number; status: string; assignee: { name: string } | null };
    },
    async update(number: number, changes: Record<string, unknown>) {
      const { version } = await this.ticket(number);
      const res = await page.request.patch(`/api/v1/tickets/${number}`, { headers, data: { version, ...changes } });
      expect(res.status(), await res.text()).toBe(200);
    },
  };
}

async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

test('an agent works tickets from the inbox: keys, reply, note with a mention, assign, solve, in Hindi too', async ({
  page,
}) => {
  const stamp = `${Date.now()}`;
  await signIn(page, AGENT);
  const api = await apiOf(page);
  const first = await api.createTicket(`Refund not received ${stamp} A`, 'I returned the saree two weeks ago.');
  const second = await api.createTicket(`Refund not received ${stamp} B`, 'मेरा रिफंड अभी तक नहीं आया।');

  // Signing in lands in the inbox.
  await page.goto('/');
  await expect(page).toHaveURL(/\/tickets$/);
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await expect(nav.getByRole('link', { name: 'Tickets' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'All tickets', level: 2 })).toBeVisible();

  // "/" jumps to the search box; the search finds just these two, with the term marked.
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search' })).toBeFocused();
  await page.keyboard.type(stamp);
  const list = page.getByRole('table', { name: 'Tickets' });
  await expect(list.getByRole('link', { name: `Refund not received ${stamp} A` })).toBeVisible();
  await expect(list.getByRole('link', { name: `Refund not received ${stamp} B` })).toBeVisible();
  await expect(list.locator('tbody tr')).toHaveCount(2);

  // Keys typed into the search box stay there; Escape leaves it and j/k move the cursor row.
  await page.keyboard.press('Escape');
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  const cursorRow = list.locator('tbody tr[aria-current="true"]');
  await expect(cursorRow).toHaveCount(1);
  const cursorText = (await cursorRow.textContent()) ?? '';
  const opened = cursorText.includes(`#${first}`) ? first : second;
  const other = opened === first ? second : first;
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/tickets/${opened}$`));
  await expect(page.getByRole('heading', { level: 2 })).toContainText(`#${opened}`);

  // A public reply.
  const reply = `Namaste Ritu, the refund was approved today (${stamp}).`;
  await page.getByRole('textbox', { name: 'Reply to the customer' }).fill(reply);
  await page.getByRole('button', { name: 'Send reply' }).click();
  const replyMessage = page.getByRole('article', { name: 'Reply by Kavya Iyer' });
  await expect(replyMessage).toContainText(reply);
  await expect(page.getByRole('textbox', { name: 'Reply to the customer' })).toHaveValue('');

  // An internal note that mentions a colleague, picked from the suggestions.
  await page.getByRole('tab', { name: 'Internal note' }).click();
  const note = page.getByRole('textbox', { name: 'Internal note text' });
  // Typed at once after the box lost its focus (a click on the tab), the suggestions still stay open
  // past the moment a blur closes them.
  await note.click();
  await page.getByRole('tab', { name: 'Internal note' }).click();
  await note.pressSequentially('@Mee');
  await page.waitForTimeout(400);
  await expect(page.getByRole('option', { name: 'Meera Nair' })).toBeVisible();
  await note.fill('Checking the courier receipt, ');
  await note.press('End');
  await note.pressSequentially('@Mee');
  await page.getByRole('option', { name: 'Meera Nair' }).click();
  await expect(note).toHaveValue('Checking the courier receipt, @Meera Nair ');
  await note.press('End');
  await note.pressSequentially('please confirm.');
  await page.getByRole('button', { name: 'Add note' }).click();
  const noteMessage = page.getByRole('article', { name: 'Internal note by Kavya Iyer' });
  await expect(noteMessage).toContainText('Internal note');
  await expect(noteMessage).toContainText('@Meera Nair please confirm.');
  await expect(noteMessage.locator('[data-mention]')).toHaveText('@Meera Nair');

  // Assign to myself from the properties.
  const properties = page.getByRole('complementary', { name: 'Properties' });
  await properties.getByRole('button', { name: 'Assign to me' }).click();
  await expect(properties.getByRole('textbox', { name: 'Assignee' })).toHaveValue('Kavya Iyer');

  // The history tells all of it in words.
  await page.getByRole('tab', { name: 'History' }).click();
  const history = page.getByRole('tabpanel', { name: 'History' });
  await expect(history).toContainText('created the ticket');
  await expect(history).toContainText('Kavya Iyer replied to the customer');
  await expect(history).toContainText('Kavya Iyer added an internal note mentioning Meera Nair');
  await expect(history).toContainText('Kavya Iyer assigned the ticket to Kavya Iyer');

  // Back in the inbox, "e" solves the ticket under the cursor.
  await nav.getByRole('link', { name: 'Tickets' }).click();
  await expect(page).toHaveURL(/\/tickets$/);
  await page.getByRole('searchbox', { name: 'Search' }).fill(stamp);
  await expect(list.locator('tbody tr')).toHaveCount(2);
  const row = list.getByRole('row').filter({ hasText: `#${opened}` });
  await row.getByText(`#${opened}`).click();
  await expect(row).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('e');
  await expect(row).toContainText('Solved');
  await expect(list.getByRole('row').filter({ hasText: `#${other}` })).not.toContainText('Solved');
  expect((await api.ticket(opened)).status).toBe('solved');

  // "?" lists the shortcuts.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Assign to me');
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  // In Hindi, the inbox and the ticket speak Hindi.
  await page.getByRole('button', { name: 'User menu' }).click();
  const saved = savedPreferences(page);
  await page.getByRole('menuitem', { name: 'हिन्दी' }).click();
  await saved;
  const hindiNav = page.getByRole('navigation', { name: 'मुख्य नेविगेशन' });
  await expect(hindiNav.getByRole('link', { name: 'टिकट' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'अनुरोधकर्ता' })).toBeVisible();
  const hindiRow = page
    .getByRole('table', { name: 'टिकट' })
    .getByRole('row')
    .filter({ hasText: `#${opened}` });
  await expect(hindiRow).toContainText('हल हुआ');
  await hindiRow.getByRole('link').click();
  await expect(page.getByRole('tab', { name: 'बातचीत' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'Kavya Iyer का आंतरिक नोट' })).toContainText('आंतरिक नोट');
  await expect(page.getByRole('complementary', { name: 'गुण' }).getByText('प्राथमिकता')).toBeVisible();
});

test('two agents on one ticket: each sees the other, and a stale change asks to reload', async ({ page, browser }) => {
  const stamp = `${Date.now()}`;
  // Hold back this page's live "tickets.changed" events, so a colleague's change leaves it stale.
  await page.routeWebSocket('**/api/v1/live', (ws) => {
    const server = ws.connectToServer();
    server.onMessage((message) => {
      if (!String(message).includes('"tickets.changed"')) ws.send(message);
    });
  });
  await signIn(page, AGENT);
  const api = await apiOf(page);
  const number = await api.createTicket(`Wrong size delivered ${stamp}`, 'I ordered M and got XL.');

  const colleague = await signedInPage(browser, COLLEAGUE);
  const colleagueApi = await apiOf(colleague);

  await page.goto(`/tickets/${number}`);
  await expect(page.getByRole('heading', { level: 2 })).toContainText(`Wrong size delivered ${stamp}`);
  await colleague.goto(`/tickets/${number}`);
  await expect(colleague.getByText('Kavya Iyer is viewing')).toBeVisible();
  await expect(page.getByText('Meera Nair is viewing')).toBeVisible();

  // Typing shows as typing.
  await colleague.getByRole('textbox', { name: 'Reply to the customer' }).fill('Hello');
  await expect(page.getByText('Meera Nair is typing…')).toBeVisible();

  // A draft survives a reload of the page.
  const draft = `Draft that must survive ${stamp}`;
  await page.getByRole('textbox', { name: 'Reply to the customer' }).fill(draft);
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Reply to the customer' })).toHaveValue(draft);

  // The colleague changes the ticket; this page does not hear of it and changes it too.
  await colleagueApi.update(number, { priority: 'urgent' });
  const properties = page.getByRole('complementary', { name: 'Properties' });
  await properties.getByRole('textbox', { name: 'Priority' }).click();
  await page.getByRole('option', { name: 'High' }).click();
  const conflict = page.getByRole('alert').filter({ hasText: 'This ticket changed since you opened it' });
  await expect(conflict).toBeVisible();

  await conflict.getByRole('button', { name: 'Reload' }).click();
  await expect(conflict).toHaveCount(0);
  await expect(properties.getByRole('textbox', { name: 'Priority' })).toHaveValue('Urgent');
  await expect(page.getByRole('textbox', { name: 'Reply to the customer' })).toHaveValue(draft);

  // Leaving the ticket takes the colleague off this page.
  await colleague.goto('/tickets');
  await expect(page.getByText('Meera Nair is viewing')).toHaveCount(0);
  await colleague.context().close();
});

test('an agent merges tickets: one from its page, and a selection from the inbox in Hindi', async ({ page }) => {
  const stamp = `${Date.now()}`;
  await signIn(page, AGENT);
  const api = await apiOf(page);
  const keep = await api.createTicket(`Saree refund ${stamp}`, 'I returned the saree two weeks ago.');
  const dup = await api.createTicket(`Saree refund again ${stamp}`, 'मेरा रिफंड अभी तक नहीं आया।');

  // From the duplicate's page: it is closed with a link, and its conversation joins the one kept.
  await page.goto(`/tickets/${dup}`);
  await page.getByRole('button', { name: 'Merge into another ticket' }).click();
  const dialog = page.getByRole('dialog', { name: `Merge #${dup} into another ticket` });
  await dialog.getByRole('textbox', { name: 'Ticket number to merge into' }).fill(String(keep));
  await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/tickets/${keep}$`));
  await expect(page.getByText(`#${dup} was merged into #${keep}.`)).toBeVisible();
  await expect(page.getByText('मेरा रिफंड अभी तक नहीं आया।')).toBeVisible();
  await expect(page.getByText(`#${dup} "Saree refund again ${stamp}" was merged into this ticket.`)).toBeVisible();
  await page.goto(`/tickets/${dup}`);
  await expect(page.getByRole('link', { name: `Open #${keep}` })).toBeVisible();
  await expect(
    page.getByText('This ticket is closed; a new message from the customer starts a new ticket.'),
  ).toBeVisible();
  expect((await api.ticket(dup)).status).toBe('closed');

  // In Hindi, two tickets picked in the inbox with x are merged into the one chosen.
  const x = await api.createTicket(`Bulk merge ${stamp} X`, 'पहला संदेश');
  const y = await api.createTicket(`Bulk merge ${stamp} Y`, 'दूसरा संदेश');
  await page.goto('/tickets');
  await page.getByRole('button', { name: 'User menu' }).click();
  const saved = savedPreferences(page);
  await page.getByRole('menuitem', { name: 'हिन्दी' }).click();
  await saved;
  await page.getByRole('searchbox', { name: 'खोजें' }).fill(`Bulk merge ${stamp}`);
  const list = page.getByRole('table', { name: 'टिकट' });
  await expect(list.locator('tbody tr')).toHaveCount(2);
  await page.keyboard.press('Escape');
  await page.keyboard.press('j');
  await page.keyboard.press('x');
  await page.keyboard.press('j');
  await page.keyboard.press('x');
  await expect(page.getByText('चुने गए: 2')).toBeVisible();
  await page.getByRole('button', { name: 'मर्ज करें…' }).click();
  const bulk = page.getByRole('dialog', { name: 'टिकट मर्ज करें' });
  await bulk.getByRole('radio', { name: `#${x} Bulk merge ${stamp} X` }).check();
  await bulk.getByRole('button', { name: `#${x} में मर्ज करें` }).click();
  await expect(bulk).toHaveCount(0);
  await expect(list.getByRole('row').filter({ hasText: `#${y}` })).toContainText('बंद');
  expect((await api.ticket(y)).status).toBe('closed');
  expect((await api.ticket(x)).status).not.toBe('closed');

  // The ticket kept says what was merged into it in the reader's language.
  await list.getByRole('link', { name: `Bulk merge ${stamp} X` }).click();
  await expect(page.getByText(`#${y} "Bulk merge ${stamp} Y" इस टिकट में मर्ज किया गया।`)).toBeVisible();
  await expect(page.getByText('दूसरा संदेश')).toBeVisible();
});

test('the inbox narrows a search by custom fields: a dropdown, a checkbox and free text', async ({ page }) => {
  const stamp = `${Date.now()}`;
  await signIn(page, AGENT);
  const api = await apiOf(page);
  const bat = await api.createTicket(`Bat handle cracked ${stamp}`, 'The handle cracked.', {
    product: 'cricket_bat',
    warranty: true,
    order_id: `OD-${stamp}`,
  });
  const other = await api.createTicket(`Bat grip loose ${stamp}`, 'The grip is loose.', {
    product: 'cricket_bat',
    warranty: false,
  });
  await api.createTicket(`Other product ${stamp}`, 'Something else.', {});

  await page.goto('/tickets');
  await page.getByRole('searchbox', { name: 'Search' }).fill(stamp);
  const list = page.getByRole('table', { name: 'Tickets' });
  await expect(list.locator('tbody tr')).toHaveCount(3);

  await page.getByRole('button', { name: 'Custom fields', exact: true }).click();
  const filters = page.getByRole('group', { name: 'Custom fields' });
  await filters.getByRole('textbox', { name: 'Product' }).click();
  await page.getByRole('option', { name: 'Cricket bat' }).click();
  await expect(list.locator('tbody tr')).toHaveCount(2);
  await filters.getByRole('textbox', { name: 'Under warranty' }).click();
  await page.getByRole('option', { name: 'Yes' }).click();
  await expect(list.locator('tbody tr')).toHaveCount(1);
  await expect(list.getByRole('link', { name: `Bat handle cracked ${stamp}` })).toBeVisible();
  await expect(list.getByText(`#${other}`)).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Custom fields: 2 filters' })).toBeVisible();

  // Free text applies when Enter is pressed: a wrong order id leaves nothing, the right one the ticket.
  await page.getByRole('button', { name: 'Custom fields: 2 filters' }).click();
  const order = filters.getByRole('textbox', { name: 'Order ID' });
  await order.fill('OD-nothing');
  await order.press('Enter');
  await expect(list.locator('tbody tr')).toHaveCount(0);
  await order.fill(`OD-${stamp}`);
  await order.press('Enter');
  await expect(list.locator('tbody tr')).toHaveCount(1);
  await expect(list.getByText(`#${bat}`)).toBeVisible();

  // The search and filters are in the address: a reload (or the link, shared) shows the same list.
  await expect(page).toHaveURL(/[?&]field\.product=cricket_bat(&|$)/);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${stamp}(&|$)`));
  await page.reload();
  await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue(stamp);
  await expect(page.getByRole('button', { name: 'Custom fields: 3 filters' })).toBeVisible({ timeout: 30_000 });
  await expect(list.locator('tbody tr')).toHaveCount(1);
  await expect(list.getByText(`#${bat}`)).toBeVisible();

  // Clearing the filters brings all three back.
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByRole('searchbox', { name: 'Search' }).fill(stamp);
  await expect(list.locator('tbody tr')).toHaveCount(3);
  await expect(page).not.toHaveURL(/field\./);
});

test('a ticket that does not exist says so', async ({ page }) => {
  await signIn(page, AGENT);
  await page.goto('/tickets/99999999');
  await expect(page.getByRole('heading', { name: 'Ticket not found' })).toBeVisible();
  await expect(page.getByText('It does not exist, or you do not have access to it.')).toBeVisible();
  await page.getByRole('link', { name: 'Back to the inbox' }).click();
  await expect(page).toHaveURL(/\/tickets$/);
});
