// The manager mails the overview every Monday to two people in Hindi: builds the schedule, previews it,
// sends it now, and the mail with its PDF arrives at a real SMTP listener (e2e/global-setup.ts); then
// pauses, resumes and deletes it. A saved report is scheduled from its own page; an agent sees none of it.
import { expect, type Page, test } from '@playwright/test';
import { AGENT, mailsTo, PASSWORD, savedPreferences, signIn } from './helpers';

const MANAGER = 'manager@demo.sahayak.test';
const NAME = 'Weekly overview for the board';
const CEO = 'ceo.schedules@example.in';
const CFO = 'cfo.schedules@example.in';

/** Picks an option of a Mantine Select by the field's label. */
async function select(page: Page, label: string, option: string) {
  await page.getByRole('textbox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** An ISO date's weekday, 1 = Monday. */
const isoWeekday = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

test('a manager schedules the overview in Hindi, sends it now and the PDF arrives by mail', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, MANAGER);
  await page.goto('/analytics/reports');
  await page.getByRole('link', { name: 'Scheduled reports' }).click();
  await expect(page).toHaveURL(/\/analytics\/schedules$/);
  await expect(page.getByRole('heading', { name: 'Scheduled reports', level: 2 })).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Analytics pages' }).getByRole('link', { name: 'Scheduled' }),
  ).toHaveAttribute('aria-current', 'page');

  // None yet: the page says what a schedule is.
  await expect(page.getByRole('heading', { name: 'No scheduled reports yet' })).toBeVisible();
  await expect(page.getByText('the whole report as a PDF')).toBeVisible();
  await page.getByRole('link', { name: 'New schedule' }).click();
  await expect(page.getByRole('heading', { name: 'New schedule', level: 2 })).toBeVisible();

  // Every Monday at 08:00 in the manager's zone, covering the week before, unless told otherwise.
  await expect(page.getByRole('textbox', { name: 'Content', exact: true })).toHaveValue('Overview dashboard');
  await expect(page.getByRole('radio', { name: 'Weekly' })).toBeChecked();
  await expect(page.getByRole('textbox', { name: 'Day of the week' })).toHaveValue('Monday');
  await expect(page.getByRole('textbox', { name: 'Time', exact: true })).toHaveValue('08:00');
  await expect(page.getByRole('textbox', { name: 'Time zone' })).toHaveValue('Asia/Kolkata');
  await expect(page.getByText('Every Monday at 08:00 (Asia/Kolkata)')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Period covered' })).toHaveValue('The week before (Monday to Sunday)');
  // Monthly moves the day and the period with it.
  await page.getByRole('radio', { name: 'Monthly' }).check();
  await expect(page.getByRole('textbox', { name: 'Day of the month' })).toHaveValue('1');
  await expect(page.getByRole('textbox', { name: 'Period covered' })).toHaveValue('The month before');
  await expect(page.getByText('Monthly on day 1 at 08:00 (Asia/Kolkata)')).toBeVisible();
  await page.getByRole('radio', { name: 'Weekly' }).check();
  await expect(page.getByRole('textbox', { name: 'Period covered' })).toHaveValue('The week before (Monday to Sunday)');

  // Nothing is saved without a name and recipients, and an address must be one.
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Give the schedule a name.')).toBeVisible();
  await expect(page.getByText('Add at least one recipient.')).toBeVisible();
  await page.getByRole('textbox', { name: 'Name' }).fill(NAME);
  await select(page, 'Language of the mail', 'हिन्दी');
  const recipients = page.getByRole('textbox', { name: 'Recipients' });
  await recipients.fill('the board');
  await recipients.press('Enter');
  await expect(page.getByText('Not an email address: the board')).toBeVisible();
  await recipients.press('Backspace');
  await recipients.pressSequentially(`${CEO}, ${CFO}`);
  await recipients.press('Enter');
  await expect(page.getByText('Not an email address')).toHaveCount(0);
  await page.getByRole('button', { name: 'Save' }).click();

  await expect(page).toHaveURL(/\/analytics\/schedules$/);
  await expect(page.getByText('Schedule saved.')).toBeVisible();
  const table = page.getByRole('table', { name: 'Scheduled reports' });
  const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: NAME }) });
  await expect(row.getByRole('cell')).toHaveText([
    'Overview',
    'Every Monday at 08:00 (Asia/Kolkata)Covers: The week before (Monday to Sunday)',
    `${CEO}${CFO}`,
    'हिन्दी',
    /^\d{1,2} \w{3} \d{4}, \d{1,2}:\d{2}/,
    'Never',
    /Edit/,
  ]);

  // A preview goes to the manager only.
  await page.getByRole('button', { name: `Send me a preview of ${NAME}` }).click();
  await expect(page.getByText(`is on its way to ${MANAGER}`)).toBeVisible();
  const [preview] = await mailsTo([MANAGER], NAME);
  expect(preview?.attachments[0]?.contentType).toBe('application/pdf');

  // Sent now, to the recipients, after asking.
  await page.getByRole('button', { name: `Send ${NAME} now to its recipients` }).click();
  const dialog = page.getByRole('dialog', { name: 'Send this report now?' });
  await expect(dialog).toContainText(`${CEO}, ${CFO}`);
  await dialog.getByRole('button', { name: 'Send now' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`is on its way to ${CEO}, ${CFO}`)).toBeVisible();

  // One mail per recipient: the name and the week before in the subject, the headline numbers in Hindi
  // in the body, the overview as a PDF attached.
  const mails = await mailsTo([CEO, CFO], NAME);
  expect(mails).toHaveLength(2);
  for (const mail of mails) {
    const subject = mail.subject ?? '';
    const match = subject.match(/^(.+) · (\d{4}-\d{2}-\d{2}) – (\d{4}-\d{2}-\d{2})$/);
    expect(match, subject).not.toBeNull();
    const [, name, from = '', to = ''] = match ?? [];
    expect(name).toBe(NAME);
    expect(isoWeekday(from)).toBe(1);
    expect(isoWeekday(to)).toBe(7);
    const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
    expect(days).toBe(6);
    const ago = (Date.now() - Date.parse(to)) / 86_400_000;
    expect(ago).toBeGreaterThan(0);
    expect(ago).toBeLessThan(9);
    expect(mail.text).toContain('मुख्य आँकड़े');
    expect(mail.text).toContain('बने टिकट');
    expect(mail.text).toContain('हल हुए टिकट');
    expect(typeof mail.html === 'string' ? mail.html : '').toContain('बने टिकट');
    const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf');
    expect(pdf?.filename).toBe(`sahayak-${from}-${to}.pdf`);
    expect(pdf?.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }

  // The list shows when it was last sent.
  const lastSent = row.getByRole('cell').nth(5);
  await expect(lastSent).not.toHaveText('Never');
  await expect(lastSent).toHaveText(/\d{4}/);

  // Paused and on again.
  await row.getByRole('button', { name: `Pause ${NAME}` }).click();
  await expect(page.getByText(`“${NAME}” is paused.`)).toBeVisible();
  await expect(row.getByRole('cell').nth(4)).toHaveText('Paused');
  await row.getByRole('button', { name: `Resume ${NAME}` }).click();
  await expect(row.getByRole('cell').nth(4)).toHaveText(/\d{4}/);

  // The editor holds what was saved.
  await row.getByRole('link', { name: `Edit ${NAME}` }).click();
  await expect(page.getByRole('heading', { name: `Edit schedule: ${NAME}`, level: 2 })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Language of the mail' })).toHaveValue('हिन्दी');
  await expect(page.getByText(CEO, { exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'Cancel' }).click();

  // In Hindi, the list speaks Hindi.
  await page.getByRole('button', { name: 'User menu' }).click();
  const saved = savedPreferences(page);
  await page.getByRole('menuitem', { name: 'हिन्दी' }).click();
  await saved;
  await expect(page.getByRole('heading', { name: 'निर्धारित रिपोर्टें', level: 2 })).toBeVisible();
  const hiRow = page
    .getByRole('table', { name: 'निर्धारित रिपोर्टें' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: NAME }) });
  await expect(hiRow).toContainText('हर सोमवार 08:00 बजे (Asia/Kolkata)');
  await expect(hiRow).toContainText('सारांश');
  await expect(hiRow.getByRole('button', { name: `${NAME} अभी इसके प्राप्तकर्ताओं को भेजें` })).toBeVisible();
  await hiRow.getByRole('link', { name: `${NAME} बदलें` }).click();
  await expect(page.getByRole('heading', { name: `शेड्यूल बदलें: ${NAME}`, level: 2 })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'हफ़्ते का दिन' })).toHaveValue('सोमवार');
  await expect(page.getByRole('textbox', { name: 'किस अवधि के आँकड़े' })).toHaveValue('पिछला हफ़्ता (सोमवार से रविवार)');
  await expect(page.locator('body')).not.toContainText('analytics.');
  await page.getByRole('link', { name: 'रद्द करें' }).click();
  await page.getByRole('button', { name: 'उपयोगकर्ता मेनू' }).click();
  const back = savedPreferences(page);
  await page.getByRole('menuitem', { name: 'English' }).click();
  await back;

  // Deleted, after asking: the page is empty again.
  await row.getByRole('button', { name: `Delete ${NAME}` }).click();
  await page.getByRole('dialog', { name: 'Delete this schedule?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('Schedule deleted.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No scheduled reports yet' })).toBeVisible();
});

test('a saved report is scheduled from its own page', async ({ page }) => {
  await signIn(page, MANAGER);
  // A report of the manager's own, made through the API.
  const login = await page.request.post('/api/v1/auth/login', { data: { email: MANAGER, password: PASSWORD } });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const created = await page.request.post('/api/v1/analytics/reports', {
    headers: { 'X-CSRF-Token': csrfToken },
    data: {
      name: 'Solved by team',
      definition: {
        metrics: ['tickets_solved'],
        dimensions: ['team'],
        period: { preset: 'last_30_days' },
        filters: {},
        chart: 'table',
      },
      sharedRoles: [],
      pinned: false,
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { report } = (await created.json()) as { report: { id: number } };

  await page.goto(`/analytics/reports/${report.id}`);
  await expect(page.getByRole('heading', { name: 'Solved by team', level: 2 })).toBeVisible();
  await page.getByRole('link', { name: 'Schedule', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/analytics/schedules/new\\?report=${report.id}$`));
  await expect(page.getByRole('textbox', { name: 'Content', exact: true })).toHaveValue('Solved by team');
  await expect(page.getByRole('textbox', { name: 'Name' })).toHaveValue('Solved by team');
  await select(page, 'Day of the week', 'Friday');
  await select(page, 'Time', '17:00');
  const recipients = page.getByRole('textbox', { name: 'Recipients' });
  await recipients.fill('coo.schedules@example.in');
  await recipients.press('Enter');
  await page.getByRole('button', { name: 'Save' }).click();
  const row = page
    .getByRole('table', { name: 'Scheduled reports' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: 'Solved by team' }) });
  await expect(row.getByRole('cell').first()).toHaveText('Solved by team');
  await expect(row).toContainText('Every Friday at 17:00 (Asia/Kolkata)');
  await row.getByRole('button', { name: 'Delete Solved by team' }).click();
  await page.getByRole('dialog', { name: 'Delete this schedule?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(row).toHaveCount(0);
  const removed = await page.request.delete(`/api/v1/analytics/reports/${report.id}`, {
    headers: { 'X-CSRF-Token': csrfToken },
  });
  expect(removed.status()).toBe(204);
});

test('an agent sees no schedules', async ({ page }) => {
  await signIn(page, AGENT);
  await page.goto('/analytics/reports');
  await expect(page.getByRole('heading', { name: 'Saved reports', level: 2 })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Analytics pages' }).getByRole('link')).not.toHaveCount(0);
  await expect(
    page.getByRole('navigation', { name: 'Analytics pages' }).getByRole('link', { name: 'Scheduled' }),
  ).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Scheduled reports' })).toHaveCount(0);
  await page.goto('/analytics/schedules');
  await expect(page).toHaveURL(/\/tickets$/);
});
