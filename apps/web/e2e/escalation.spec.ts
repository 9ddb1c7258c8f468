// An agent of Customer Care (L1) escalates a ticket to Technical Support (L2): the dialog asks for a
// reason and explains when it is too short, offers only higher-tier teams, and afterwards the
// history says who escalated it, where to and why. The L2 lead then finds it in the Escalations view
// with its reason and the agent's name, and opens it from there.
import { type Browser, expect, type Page, test } from '@playwright/test';
import { AGENT, PASSWORD, signIn } from './helpers';

const LEAD_L2 = 'lead2@demo.sahayak.test';

async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

test('an agent escalates a ticket with a reason and the L2 lead sees it in Escalations', async ({ page, browser }) => {
  const stamp = `${Date.now()}`;
  const subject = `Payment taken twice ${stamp}`;
  const reason = `Charged twice for order ${stamp}; refund tool shows one payment only.`;

  await signIn(page, AGENT);
  const login = await page.request.post('/api/v1/auth/login', { data: { email: AGENT, password: PASSWORD } });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const teams = (await (await page.request.get('/api/v1/teams')).json()) as {
    items: { id: number; name: string; tier: number }[];
  };
  const care = teams.items.find((x) => x.name === 'Customer Care')!;
  expect(care.tier).toBe(1);
  const created = await page.request.post('/api/v1/tickets', {
    data: {
      subject,
      teamId: care.id,
      requester: { email: `twice.${stamp}@example.test`, name: 'Ritu Kapoor' },
      message: { html: '<p>My card was charged twice.</p>' },
    },
    headers: { 'X-CSRF-Token': csrfToken },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { number } = ((await created.json()) as { ticket: { number: number } }).ticket;

  await page.goto(`/tickets/${number}`);
  await page.getByRole('button', { name: 'Escalate' }).click();
  const dialog = page.getByRole('dialog', { name: `Escalate ticket #${number}` });
  await expect(dialog.getByText('This ticket sits with L1.', { exact: false })).toBeVisible();
  // No reason: the dialog says what is missing and sends nothing.
  await dialog.getByRole('button', { name: 'Escalate' }).click();
  await expect(dialog.getByText('Write a reason of at least 3 characters, so the next tier knows why.')).toBeVisible();
  // The next tier up is chosen already.
  await expect(dialog.getByRole('textbox', { name: 'Escalate to' })).toHaveValue('Technical Support (L2)');
  await dialog.getByRole('textbox', { name: 'Reason' }).fill(reason);
  await dialog.getByRole('button', { name: 'Escalate' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText("Ticket escalated; the team's lead has been notified.")).toBeVisible();

  await page.getByRole('tab', { name: 'History' }).click();
  await expect(page.getByText(`Kavya Iyer escalated the ticket to L2 (Technical Support): “${reason}”`)).toBeVisible();
  await expect(page.getByText('Kavya Iyer moved the ticket to team Technical Support')).toBeVisible();
  // Agents have no Escalations view.
  await expect(
    page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Escalations' }),
  ).toHaveCount(0);

  const lead = await signedInPage(browser, LEAD_L2);
  await lead.goto('/tickets');
  await lead.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Escalations' }).click();
  await expect(lead.getByRole('heading', { name: 'Escalations', level: 2 })).toBeVisible();
  const row = lead.getByRole('table', { name: 'Escalations' }).getByRole('row').filter({ hasText: subject });
  await expect(row).toContainText(reason);
  await expect(row).toContainText('L1 → L2');
  await expect(row).toContainText('Customer Care → Technical Support');
  await expect(row).toContainText('Kavya Iyer');
  await row.getByRole('link', { name: new RegExp(`#${number}`) }).click();
  await expect(lead).toHaveURL(new RegExp(`/tickets/${number}$`));
  await expect(lead.getByText(subject).first()).toBeVisible();
  await lead.context().close();
});
