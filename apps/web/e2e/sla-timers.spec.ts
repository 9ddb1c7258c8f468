// SLA timers as an admin sees them: a one-minute first-reply policy for tickets tagged sla-e2e, put
// first; a new ticket with the tag counts down in the inbox and in its SLA panel, turns breached in
// front of the user without a reload, and shows up under "at risk now" on the SLA dashboard.
import { expect, type Page, test } from '@playwright/test';
import { ADMIN, signIn } from './helpers';

const TAG = 'sla-e2e';

async function csrf(page: Page): Promise<string> {
  const me = await page.request.get('/api/v1/auth/me');
  expect(me.status(), await me.text()).toBe(200);
  return ((await me.json()) as { csrfToken: string }).csrfToken;
}

test('a one-minute first reply target counts down, turns breached on screen and is at risk', async ({ page }) => {
  // The wait for the target to run out is the journey's own; the rest takes well under a minute.
  test.setTimeout(150_000);
  const stamp = `${Date.now()}`;
  const name = `E2E one minute ${stamp}`;
  const subject = `Tracking number missing ${stamp}`;
  await signIn(page, ADMIN);
  const headers = { 'X-CSRF-Token': await csrf(page) };

  try {
    // The policy, through its screen: tickets tagged sla-e2e, first reply in 1 minute, resolution in 10 hours.
    await page.goto('/admin/sla-policies');
    await page.getByRole('button', { name: 'New policy' }).click();
    const dialog = page.getByRole('dialog', { name: 'New SLA policy' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
    await dialog.getByRole('textbox', { name: 'Tags' }).fill(TAG);
    await dialog.getByRole('textbox', { name: 'Tags' }).press('Enter');
    await dialog.getByRole('textbox', { name: 'Normal, First reply: minutes' }).fill('1');
    await dialog.getByRole('textbox', { name: 'Normal, Resolution: hours' }).fill('10');
    await dialog.getByRole('radio', { name: /Calendar hours/ }).check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toHaveCount(0);

    // New policies go last, behind the demo's catch-all: moved to the top, where it is matched first.
    const table = page.getByRole('table', { name: 'SLA policies' });
    const row = table.getByRole('row').filter({ hasText: name });
    await expect(row).toContainText('Normal: first reply 1 min · resolution 10 h');
    while (!((await table.getByRole('row').nth(1).textContent()) ?? '').includes(name)) {
      const before = await table.getByRole('row').allTextContents();
      await row.getByRole('button', { name: `Move ${name} up` }).click();
      await expect.poll(() => table.getByRole('row').allTextContents()).not.toEqual(before);
    }

    // A customer writes in; the ticket carries the tag.
    const created = await page.request.post('/api/v1/tickets', {
      headers,
      data: {
        subject,
        requester: { email: `sla-${stamp}@customer.example.in`, name: 'Kavita Joshi' },
        message: { kind: 'customer', html: '<p>The order shows shipped but has no tracking number.</p>' },
        tags: [TAG],
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const number = ((await created.json()) as { ticket: { number: number } }).ticket.number;

    // The inbox row counts down.
    await page.goto('/tickets');
    await page.getByRole('searchbox', { name: 'Search' }).fill(stamp);
    const list = page.getByRole('table', { name: 'Tickets' });
    const ticketRow = list.getByRole('row').filter({ hasText: subject });
    await expect(ticketRow).toContainText('1m left');
    await expect(ticketRow).toContainText('First reply due in 1 min');

    // The ticket's SLA panel lists both owed targets, each with its countdown and due time.
    await ticketRow.getByRole('link', { name: subject }).click();
    await expect(page).toHaveURL(new RegExp(`/tickets/${number}$`));
    const panel = page.getByRole('region', { name: 'SLA' });
    await expect(panel).toContainText('First reply');
    await expect(panel).toContainText('Resolution');
    await expect(panel).toContainText('Resolution due in 10 h');
    await expect(panel.getByText(/^Due /).first()).toBeVisible();

    // A minute after the ticket came in, the badge turns breached in front of the user.
    await expect(panel).toContainText('First reply overdue by', { timeout: 80_000 });
    await expect(panel.locator('[data-sla-state="breached"]')).toHaveCount(1);
    await expect(panel).toContainText('overdue <1m');

    // The SLA dashboard lists it under "at risk now", badge and all, linking to the ticket.
    await page.goto('/analytics');
    await page.getByRole('navigation', { name: 'Analytics pages' }).getByRole('link', { name: 'SLA' }).click();
    await expect(page.getByRole('heading', { name: 'SLA performance', level: 2 })).toBeVisible();
    const atRisk = page.getByRole('region', { name: 'At risk now' });
    const riskRow = atRisk.getByRole('row').filter({ hasText: subject });
    await expect(riskRow).toContainText('First reply overdue by');
    await riskRow.getByRole('link', { name: `#${number} ${subject}` }).click();
    await expect(page).toHaveURL(new RegExp(`/tickets/${number}$`));

    // Its history says so once the minute's sweep has written the breach.
    await page.getByRole('tab', { name: 'History' }).click();
    await expect(page.getByText(/^First reply target breached \(due \d{1,2}:\d{2}/)).toBeVisible({ timeout: 70_000 });
  } finally {
    // Other journeys expect the demo's policies alone.
    const list = await page.request.get('/api/v1/sla-policies');
    const policy = ((await list.json()) as { items: { id: number; name: string }[] }).items.find(
      (p) => p.name === name,
    );
    if (policy) await page.request.delete(`/api/v1/sla-policies/${policy.id}`, { headers });
  }
});
