// The manager follows the overview's Attention panel to the emerging "sync" issue, builds a report of
// tickets created by team, shares it with leads, pins it, opens it and downloads it; a lead sees it.
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { signIn } from './helpers';

const MANAGER = 'manager@demo.sahayak.test';
const LEAD = 'lead1@demo.sahayak.test';
const REPORT = 'Tickets by team, last 30 days';

/** Picks options of a Mantine multi-select by the field's label. */
async function choose(page: Page, label: string, options: string[]) {
  const field = page.getByRole('textbox', { name: label, exact: true });
  await field.click();
  for (const option of options) await page.getByRole('option', { name: option, exact: true }).click();
  await field.press('Escape');
}

test('the Attention panel leads to an emerging issue; a shared, pinned report is built, opened and downloaded', async ({
  page,
}) => {
  await signIn(page, MANAGER);
  await page.goto('/analytics');

  // The demo's fitness bands stopped syncing a few days ago: the "sync" tag stands out.
  const attention = page.getByRole('region', { name: 'Attention' });
  const sync = attention.getByRole('listitem').filter({ hasText: 'Tag sync:' });
  await expect(sync).toHaveText(/Tag sync: (\d+) tickets on \d+ \w+, usually about [\d.]+ a day — an emerging issue/);
  const tickets = Number((await sync.textContent())?.match(/Tag sync: (\d+) tickets/)?.[1]);
  expect(tickets).toBeGreaterThan(5);
  await sync.getByRole('link', { name: 'Show the tickets' }).click();
  await expect(page).toHaveURL(/\/analytics\/tickets\?.*tag=sync.*metric=tickets_created/);
  await expect(page.getByRole('heading', { name: 'Tickets behind “Tickets created”', level: 2 })).toBeVisible();
  await expect(page.getByText('Tags: sync')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Tickets:' })).toHaveText(`Tickets: ${tickets}`);
  await expect(page.getByRole('table', { name: 'Tickets' }).getByRole('rowgroup').nth(1).getByRole('row')).toHaveCount(
    tickets,
  );

  // A report: tickets created by team over the last 30 days, as a bar chart, shared with leads, pinned.
  await page.getByRole('navigation', { name: 'Analytics pages' }).getByRole('link', { name: 'Reports' }).click();
  await expect(page.getByRole('heading', { name: 'Saved reports', level: 2 })).toBeVisible();
  await page.getByRole('link', { name: 'New report' }).click();
  await expect(page.getByRole('heading', { name: 'New report', level: 2 })).toBeVisible();
  await page.getByRole('textbox', { name: 'Name' }).fill(REPORT);
  await choose(page, 'Metrics', ['Tickets created']);
  await choose(page, 'Broken down by', ['Team']);
  await expect(page.getByRole('textbox', { name: 'Period' })).toHaveValue('Last 30 days');
  await page.getByRole('radio', { name: 'Bar chart' }).check();
  await page.getByRole('checkbox', { name: 'Team lead' }).check();
  await page.getByRole('checkbox', { name: 'Pin to the analytics overview' }).check();
  // The preview shows what will be saved.
  const preview = page.getByRole('region', { name: 'Preview' });
  await expect(preview.getByRole('img', { name: REPORT })).toBeVisible();
  await expect(
    preview.getByRole('table', { name: REPORT }).getByRole('rowheader', { name: 'Customer Care' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/\/analytics\/reports\/\d+$/);
  await expect(page.getByRole('heading', { name: REPORT, level: 2 })).toBeVisible();

  // Pinned: it is on the overview, and leads to the report.
  await page.getByRole('navigation', { name: 'Analytics pages' }).getByRole('link', { name: 'Overview' }).click();
  // The overview itself downloads as a PDF for the same period and filters.
  await expect(page.getByRole('link', { name: 'Download PDF' })).toHaveAttribute(
    'href',
    /\/api\/v1\/analytics\/overview\.pdf\?from=\d{4}-\d{2}-\d{2}&to=.*&lang=en/,
  );
  const pinned = page.getByRole('region', { name: 'Pinned reports' }).getByRole('region', { name: REPORT });
  await expect(
    pinned.getByRole('table', { name: REPORT }).getByRole('rowheader', { name: 'Customer Care' }),
  ).toBeVisible();
  await pinned.getByRole('link', { name: REPORT }).click();
  await expect(page).toHaveURL(/\/analytics\/reports\/\d+$/);
  await expect(page.getByRole('img', { name: REPORT })).toBeVisible();
  const table = page.getByRole('table', { name: REPORT });
  await expect(table.getByRole('columnheader')).toHaveText(['Team', 'Tickets created']);

  // Its download is the same table as a CSV file named after the period.
  await page.getByRole('button', { name: `Download “${REPORT}”` }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Download CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^sahayak-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
  expect(csv.split('\r\n')[0]).toBe('Team,tickets_created');
  expect(csv).toContain('Customer Care,');

  // And as a PDF drawn on the server, with its chart.
  await page.getByRole('button', { name: `Download “${REPORT}”` }).click();
  const pdfDownloading = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Download PDF' }).click();
  const pdf = readFileSync(await (await pdfDownloading).path());
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');

  // A lead sees the report shared with leads, and may open it but not change it.
  await signIn(page, LEAD);
  await page.goto('/analytics/reports');
  const list = page.getByRole('table', { name: 'Reports' });
  const row = list.getByRole('row').filter({ hasText: REPORT });
  await expect(row).toContainText('Rohan Mehta');
  await expect(row).toContainText('Team lead');
  await expect(row.getByRole('link', { name: `Edit ${REPORT}` })).toHaveCount(0);
  await row.getByRole('link', { name: REPORT }).click();
  await expect(page.getByRole('heading', { name: REPORT, level: 2 })).toBeVisible();
  await expect(page.getByRole('table', { name: REPORT }).getByRole('rowheader').first()).toBeVisible();

  // The manager deletes it again; it leaves the list and the overview.
  await signIn(page, MANAGER);
  await page.goto('/analytics/reports');
  await page.getByRole('button', { name: `Delete ${REPORT}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('table', { name: 'Reports' })).toHaveCount(0);
  await page.goto('/analytics');
  await expect(page.getByRole('region', { name: 'Tickets created', exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Pinned reports' })).toHaveCount(0);
});
