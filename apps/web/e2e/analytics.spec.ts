// The support performance manager's dashboards on the demo company's 90 days of tickets: the overview,
// agents sorted by a column, one agent, the tickets behind a number, Hindi; and what an agent sees.
import { readFileSync } from 'node:fs';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { AGENT, savedPreferences, signIn } from './helpers';

const MANAGER = 'manager@demo.sahayak.test';

/** "1,061" → 1061; "33.6%" → 33.6; a dash (no value) → null. */
function numberIn(text: string | null): number | null {
  const match = (text ?? '').replace(/,/g, '').match(/-?\d+(\.\d+)?/);
  return match ? Number(match[0]) : null;
}

/** The figure of a KPI card: its link, which leads to the tickets behind it. */
function card(page: Page, name: string): Locator {
  return page.getByRole('region', { name, exact: true }).getByRole('link').first();
}

async function columnValues(table: Locator, column: number): Promise<(number | null)[]> {
  const rows = table.getByRole('rowgroup').nth(1).getByRole('row');
  const texts = await rows.evaluateAll(
    (trs, index) => trs.map((tr) => tr.querySelectorAll('td')[index]?.textContent ?? ''),
    column,
  );
  return texts.map(numberIn);
}

test('a manager reads the dashboards, follows a number to its tickets, and reads them in Hindi', async ({ page }) => {
  await signIn(page, MANAGER);
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await nav.getByRole('link', { name: 'Analytics' }).click();
  await expect(page).toHaveURL(/\/analytics$/);
  await expect(page.getByRole('heading', { name: 'Analytics overview', level: 2 })).toBeVisible();

  // The cards carry real figures of the last 30 days, with the change against the 30 days before.
  const created = card(page, 'Tickets created');
  await expect(created).toHaveText(/^[\d,]+$/);
  expect(numberIn(await created.textContent())).toBeGreaterThan(100);
  await expect(card(page, 'Tickets solved')).toHaveText(/^[\d,]+$/);
  await expect(card(page, 'Backlog (unsolved now)')).toHaveText(/^[\d,]+$/);
  await expect(card(page, 'First reply time (median)')).toHaveText(/\d+ (s|min|h|d)/);
  await expect(card(page, 'One-touch rate')).toHaveText(/^\d+\.\d%$/);
  // SLA achievement joined the overview with the SLA timers (the demo histories meet and breach targets).
  await expect(card(page, 'SLA achievement')).toHaveText(/^\d+(\.\d)?%$/);
  await expect(page.getByRole('region', { name: 'Tickets solved', exact: true })).toContainText('vs previous period');
  await expect(page.getByRole('img', { name: 'Tickets created and solved per day' })).toBeVisible();
  const teams = page.getByRole('table', { name: 'By team', exact: true });
  await expect(teams.getByRole('rowheader', { name: 'Customer Care' })).toBeVisible();

  // Agents, sorted by one-touch rate: largest first, then smallest first.
  const sections = page.getByRole('navigation', { name: 'Analytics pages' });
  await sections.getByRole('link', { name: 'Agents' }).click();
  await expect(page).toHaveURL(/\/analytics\/agents$/);
  const agents = page.getByRole('table', { name: 'Agent performance' });
  await expect(agents.getByRole('rowgroup').nth(1).getByRole('row')).not.toHaveCount(0);
  expect(await agents.getByRole('rowgroup').nth(1).getByRole('row').count()).toBeGreaterThan(3);
  const oneTouch = agents.getByRole('columnheader', { name: 'One-touch rate' });
  await oneTouch.getByRole('button').click();
  await expect(oneTouch).toHaveAttribute('aria-sort', 'descending');
  const down = (await columnValues(agents, 3)).filter((v): v is number => v !== null);
  expect(down).toEqual([...down].sort((a, b) => b - a));
  await oneTouch.getByRole('button').click();
  await expect(oneTouch).toHaveAttribute('aria-sort', 'ascending');
  const up = (await columnValues(agents, 3)).filter((v): v is number => v !== null);
  expect(up).toEqual([...up].sort((a, b) => a - b));
  // Their own work: replies sent and tickets touched, in all and per day worked.
  await expect(agents.getByRole('columnheader', { name: 'Replies sent' })).toBeVisible();
  await expect(agents.getByRole('columnheader', { name: 'Tickets touched', exact: true })).toBeVisible();
  expect(Math.max(...(await columnValues(agents, 6)).map((v) => v ?? 0))).toBeGreaterThan(0);
  expect(Math.max(...(await columnValues(agents, 7)).map((v) => v ?? 0))).toBeGreaterThan(0);

  // The table shown downloads as a spreadsheet: the same columns, a row per agent and the totals.
  await page.getByRole('button', { name: 'Download “Agent performance”' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Download CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^sahayak-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = readFileSync(await download.path(), 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(lines[0]).toBe(
    'Agent,tickets_solved,first_reply_time.median,full_resolution_time.median,one_touch_rate,reopen_rate,replies_per_ticket,' +
      'replies_sent,tickets_touched,replies_per_agent_day,tickets_touched_per_agent_day',
  );
  expect(lines).toHaveLength((await agents.getByRole('rowgroup').nth(1).getByRole('row').count()) + 2);
  await page.getByRole('button', { name: 'Download “Agent performance”' }).click();
  await expect(page.getByRole('menuitem', { name: 'Download Excel' })).toHaveAttribute(
    'href',
    /\/api\/v1\/analytics\/export\?format=xlsx&.*metrics=tickets_solved%2C.*dimensions=agent/,
  );
  await page.keyboard.press('Escape');

  // One agent's page: their own cards and trends.
  const first = agents.getByRole('rowgroup').nth(1).getByRole('row').first().getByRole('rowheader').getByRole('link');
  const name = (await first.textContent()) ?? '';
  await first.click();
  await expect(page).toHaveURL(/\/analytics\/agents\/\d+$/);
  await expect(page.getByRole('heading', { name: `Performance of ${name}`, level: 2 })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Tickets solved per day' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Replies sent and tickets touched per day' })).toBeVisible();

  // The number of tickets they solved leads to exactly those tickets.
  const solved = card(page, 'Tickets solved');
  await expect(solved).toHaveText(/^[\d,]+$/);
  const solvedCount = numberIn(await solved.textContent());
  expect(solvedCount).toBeGreaterThan(0);
  await solved.click();
  await expect(page).toHaveURL(/\/analytics\/tickets\?.*metric=tickets_solved/);
  await expect(page.getByRole('heading', { name: 'Tickets behind “Tickets solved”', level: 2 })).toBeVisible();
  await expect(page.getByText(`Agent: ${name}`)).toBeVisible();
  await expect(page.getByText(/^Period: /)).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Tickets:' })).toHaveText(
    `Tickets: ${new Intl.NumberFormat('en-IN').format(solvedCount ?? 0)}`,
  );
  const list = page.getByRole('table', { name: 'Tickets' });
  const rows = list.getByRole('rowgroup').nth(1).getByRole('row');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBe(Math.min(solvedCount ?? 0, 50));
  if ((solvedCount ?? 0) > 50) {
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect(rows).toHaveCount(Math.min(solvedCount ?? 0, 100));
  }
  await expect(rows.first()).toContainText(name);

  // A ticket from the list opens as usual.
  const ticket = rows.first().getByRole('link').first();
  const subject = (await ticket.textContent()) ?? '';
  await ticket.click();
  await expect(page).toHaveURL(/\/tickets\/\d+$/);
  await expect(page.getByRole('main').getByRole('heading', { level: 2 })).toContainText(subject);

  // Busiest hours: the heatmap, with the same numbers as a table.
  await page.goto('/analytics/hours');
  const createdByHour = page.getByRole('region', { name: 'Tickets created by weekday and hour of day' });
  await expect(createdByHour.getByRole('img', { name: 'Tickets created by weekday and hour of day' })).toBeVisible();
  await createdByHour.getByRole('button', { name: 'Show the numbers' }).click();
  await expect(
    page.getByRole('table', { name: 'Tickets created by weekday and hour of day' }).getByRole('rowheader'),
  ).toHaveText(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);

  // In Hindi, the overview speaks Hindi.
  await page.getByRole('button', { name: 'User menu' }).click();
  const saved = savedPreferences(page);
  await page.getByRole('menuitem', { name: 'हिन्दी' }).click();
  await saved;
  await page.getByRole('navigation', { name: 'मुख्य नेविगेशन' }).getByRole('link', { name: 'विश्लेषण' }).click();
  await expect(page.getByRole('heading', { name: 'विश्लेषण का सारांश', level: 2 })).toBeVisible();
  await expect(card(page, 'हल किए गए टिकट')).toHaveText(/^[\d,]+$/);
  await expect(card(page, 'पहले जवाब में लगा समय (माध्यिका)')).toHaveText(/(सेकंड|मिनट|घंटा|घंटे|दिन)/);
  await expect(page.getByRole('region', { name: 'हल किए गए टिकट', exact: true })).toContainText('पिछली अवधि की तुलना में');
  await expect(page.getByRole('img', { name: 'हर दिन बनाए और हल किए गए टिकट' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'टीम के अनुसार' }).getByRole('rowheader', { name: 'कुल' })).toBeVisible();
});

test('an agent sees only their own row among the agents', async ({ page }) => {
  await signIn(page, AGENT);
  await page.goto('/analytics/agents');
  const agents = page.getByRole('table', { name: 'Agent performance' });
  const rows = agents.getByRole('rowgroup').nth(1).getByRole('row');
  await expect(rows).toHaveCount(1);
  await expect(rows.getByRole('rowheader')).toHaveText('Kavya Iyer');
  // Their own figures open from there; a colleague's page is refused by the server.
  await rows.getByRole('link', { name: 'Kavya Iyer' }).click();
  await expect(page.getByRole('heading', { name: 'Performance of Kavya Iyer', level: 2 })).toBeVisible();
  await expect(card(page, 'Tickets solved')).toHaveText(/^[\d,]+$/);

  const users = await page.request.get('/api/v1/users?limit=100');
  const { items } = (await users.json()) as { items: { id: number; name: string }[] };
  const colleague = items.find((u) => u.name === 'Meera Nair');
  expect(colleague).toBeDefined();
  await page.goto(`/analytics/agents/${colleague?.id}`);
  await expect(page.getByRole('alert').first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Tickets solved', exact: true })).toHaveCount(0);
});
