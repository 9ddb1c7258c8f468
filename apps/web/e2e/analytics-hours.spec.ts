// Busiest hours against agents online, on the demo company's availability history: its agents work
// shifts in India and the weekend rota leaves Monday morning thin while Monday brings the most tickets.
import { expect, type Page, test } from '@playwright/test';
import { signIn } from './helpers';

const MANAGER = 'manager@demo.sahayak.test';

/** "2.5" → 2.5; a dash (no value) → null. */
function numberIn(text: string | null): number | null {
  const match = (text ?? '').replace(/,/g, '').match(/-?\d+(\.\d+)?/);
  return match ? Number(match[0]) : null;
}

/** The numbers of one weekday's row of a heatmap's table, hour 0 first. */
async function rowOf(page: Page, table: string, weekday: string): Promise<(number | null)[]> {
  const cells = page
    .getByRole('table', { name: table })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: weekday, exact: true }) })
    .getByRole('cell');
  return (await cells.allTextContents()).map(numberIn);
}

test('a manager sets the busiest hours against the agents online and finds the understaffed ones', async ({ page }) => {
  await signIn(page, MANAGER);
  await page.goto('/analytics/hours');

  const online = 'Agents online by weekday and hour of day';
  const region = page.getByRole('region', { name: online });
  await expect(region.getByRole('img', { name: online })).toBeVisible();
  await region.getByRole('button', { name: 'Show the numbers' }).click();
  // People are online on Monday mornings, and nobody in the small hours.
  const monday = await rowOf(page, online, 'Monday');
  for (const hour of [9, 10, 11]) expect(monday[hour]).toBeGreaterThan(0);
  expect(monday[3]).toBe(0);
  // Fewer than on a Wednesday morning.
  const wednesday = await rowOf(page, online, 'Wednesday');
  expect(monday[10]!).toBeLessThan(wednesday[10]!);

  await expect(
    page.getByRole('img', { name: 'New tickets per agent online by weekday and hour of day' }),
  ).toBeVisible();
  const worst = page.getByRole('region', { name: 'Understaffed hours' }).getByRole('listitem');
  await expect(worst).toHaveCount(5);
  await expect(worst.first()).toContainText(/^Monday \d\d:00–\d\d:00: [\d.]+ per agent online/);

  // The same in Hindi.
  await page.request.patch('/api/v1/auth/me', {
    data: { locale: 'hi' },
    headers: { 'X-CSRF-Token': await csrf(page) },
  });
  await page.reload();
  await expect(page.getByRole('img', { name: 'सप्ताह के दिन और घंटे के हिसाब से ऑनलाइन एजेंट' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'कम स्टाफ़ वाले घंटे' }).getByRole('listitem').first()).toContainText(
    /^सोमवार, \d\d:00 से \d\d:00 तक: प्रति ऑनलाइन एजेंट [\d.]+/,
  );
});

async function csrf(page: Page): Promise<string> {
  const me = await page.request.get('/api/v1/auth/me');
  return ((await me.json()) as { csrfToken: string }).csrfToken;
}
