// Satisfaction surveys end to end: an admin sets the survey to go out at once after a solve, solves a
// customer's ticket, and the survey mail reaches the customer (a real SMTP listener); the customer,
// signed out, rates it from the mail's link and adds a comment; the answer is on the ticket's history
// and in the feedback inbox, where the admin gives it a theme and filters by score. An altered link
// meets a friendly page, and the inbox reads in Hindi.
import { expect, type Page, test } from '@playwright/test';
import type { ParsedMail } from 'mailparser';
import { ADMIN, addressOf, receivedMails, savedPreferences, signIn } from './helpers';

/** The API as the signed-in user of `page` (its cookie, and the CSRF token of its session). */
async function apiOf(page: Page) {
  const me = await page.request.get('/api/v1/auth/me');
  expect(me.status(), await me.text()).toBe(200);
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  const headers = { 'X-CSRF-Token': csrfToken };
  return {
    async createTicket(subject: string, text: string, requester: { email: string; name: string }): Promise<number> {
      const res = await page.request.post('/api/v1/tickets', {
        headers,
        data: { subject, requester, message: { kind: 'customer', html: `<p>${text}</p>` } },
      });
      expect(res.status(), await res.text()).toBe(201);
      return ((await res.json()) as { ticket: { number: number } }).ticket.number;
    },
  };
}

/**
 * Waits for the survey mail to this address. The survey run is a timed job (every minute), so this
 * waits longer than `mailsTo` does.
 */
async function surveyMailTo(address: string, subject: string): Promise<ParsedMail> {
  let found: ParsedMail | undefined;
  await expect
    .poll(
      async () => {
        found = (await receivedMails()).find((m) => addressOf(m) === address && m.subject === subject);
        return found !== undefined;
      },
      { timeout: 100_000, intervals: [1000, 2000] },
    )
    .toBe(true);
  return found!;
}

test('a solved ticket’s customer rates it from the survey mail; the answer reaches the ticket and the feedback inbox', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const stamp = Date.now();
  const customer = `anjali.${stamp}@customer.example.in`;
  const name = `Anjali Rao ${stamp}`;
  const subject = `Refund for order ${stamp} not received`;
  const comment = 'The refund took too long but the agent was kind';
  const finalComment = `${comment}, thank you`;

  // 1. The admin sends the satisfaction survey straight after a solve.
  await signIn(page, ADMIN);
  await page.goto('/tickets');
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Surveys' }).click();
  await expect(page).toHaveURL(/\/admin\/surveys$/);
  await expect(page.getByRole('heading', { name: 'Surveys', level: 2 })).toBeVisible();
  const csat = page.getByRole('region', { name: 'Satisfaction survey (CSAT)' });
  await expect(csat.getByRole('switch', { name: 'Send the satisfaction survey' })).toBeChecked();
  const delay = csat.getByRole('textbox', { name: 'Delay (minutes)' });
  await expect(delay).toHaveValue('60');
  await delay.fill('0');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Survey settings saved.')).toBeVisible();
  await page.reload();
  await expect(delay).toHaveValue('0', { timeout: 30_000 });

  // 2. A fresh customer's ticket, solved in the ticket page.
  const number = await apiOf(page).then((api) =>
    api.createTicket(subject, 'I returned the saree two weeks ago and the refund has not come.', {
      email: customer,
      name,
    }),
  );
  await page.goto(`/tickets/${number}`);
  await expect(page.getByRole('heading', { name: `#${number} ${subject}`, level: 2 })).toBeVisible();
  const properties = page.getByRole('complementary', { name: 'Properties' });
  await properties.getByRole('textbox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Solved' }).click();
  await expect(properties.getByRole('textbox', { name: 'Status' })).toHaveValue('Solved');

  // 3. The survey mail reaches the customer: five ratings and a way out.
  const mail = await surveyMailTo(customer, `How did we do? [#${number}]`);
  const text = mail.text ?? '';
  for (const score of [1, 2, 3, 4, 5]) expect(text).toMatch(new RegExp(`/survey/[^\\s?]+\\?score=${score}\\b`));
  expect(text).toMatch(/\/survey\/[^\s?]+\/opt-out/);
  const token = /\/survey\/([^\s?/]+)\?score=4\b/.exec(text)![1]!;

  // The customer, signed out, clicks "4" in the mail: recorded at once, and a comment is welcome.
  const customerContext = await browser.newContext();
  const survey = await customerContext.newPage();
  await survey.goto(`/survey/${token}?score=4`);
  await expect(survey.getByRole('heading', { name: 'How did we do?' })).toBeVisible();
  await expect(survey.getByText(`About your request #${number}: ${subject}`)).toBeVisible();
  const ratings = survey.getByRole('group', { name: 'How satisfied are you with the help you received?' });
  await expect(ratings.getByRole('button')).toHaveCount(5);
  await expect(ratings.getByRole('button', { name: 'Satisfied', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(ratings.getByRole('button', { name: 'Very satisfied' })).toHaveAttribute('aria-pressed', 'false');
  await expect(survey.getByText('Your rating is recorded')).toBeVisible();
  // The score leaves the address once recorded, so a reload changes nothing.
  await expect(survey).toHaveURL(new RegExp(`/survey/${token}$`));
  const commentBox = survey.getByRole('textbox', { name: 'Anything you would like to add? (optional)' });
  await commentBox.fill(comment);
  await survey.getByRole('button', { name: 'Send' }).click();
  await expect(survey.getByRole('button', { name: 'Send' })).toBeDisabled();
  await expect(survey.getByText('Thank you, your comment was sent.')).toBeVisible();
  await expect(survey.getByText('Thank you for your feedback. It helps us get better.')).toBeVisible();
  // Back later (no score in the address): the rating and comment are there, and the comment can grow.
  await survey.reload();
  await expect(commentBox).toHaveValue(comment);
  await expect(ratings.getByRole('button', { name: 'Satisfied', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await commentBox.fill(finalComment);
  await survey.getByRole('button', { name: 'Send' }).click();
  await expect(survey.getByText('Thank you, your comment was sent.')).toBeVisible();

  // 5. An altered link: a friendly page, and nothing recorded.
  const altered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
  await survey.goto(`/survey/${altered}`);
  await expect(survey.getByRole('heading', { name: 'This link does not work' })).toBeVisible();
  await expect(survey.getByText('The survey link is incomplete or no longer valid.', { exact: false })).toBeVisible();
  await survey.goto(`/survey/${altered}?score=1`);
  await expect(survey.getByRole('heading', { name: 'This link does not work' })).toBeVisible();
  await expect(survey.getByText('Your answer was not recorded.')).toBeVisible();
  await customerContext.close();

  // 4. Back as staff: the rating and comment are beside the conversation, and on the ticket's history.
  await page.goto(`/tickets/${number}`);
  const satisfaction = page.getByRole('region', { name: 'Requester' }).getByRole('region', { name: 'Satisfaction' });
  await expect(satisfaction).toContainText('Satisfied · 4/5');
  await expect(satisfaction).toContainText(`“${finalComment}”`);
  await page.getByRole('tab', { name: 'History' }).click();
  const history = page.getByRole('tabpanel', { name: 'History' });
  await expect(history).toContainText(`Satisfaction survey sent to ${customer}`);
  await expect(history).toContainText(`${name} rated: Satisfied (4/5)`);
  await expect(history).toContainText(finalComment);

  // The feedback inbox has it, newest first.
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Feedback' }).click();
  await expect(page).toHaveURL(/\/feedback$/);
  await expect(page.getByRole('heading', { name: 'Feedback', level: 2 })).toBeVisible();
  const answer = page.getByRole('article', { name: `Answer from ${name}` });
  await expect(answer).toContainText(`“${finalComment}”`);
  await expect(answer).toContainText(customer);
  await expect(answer.getByRole('link', { name: `#${number} ${subject}` })).toBeVisible();

  // A theme for it, kept after a reload.
  await answer.getByRole('button', { name: `Edit the themes of ${name}'s answer` }).click();
  const themes = answer.getByRole('textbox', { name: 'Themes' });
  await themes.fill('refund delay');
  await themes.press('Enter');
  await answer.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Themes saved.')).toBeVisible();
  await expect(answer.getByText('refund delay', { exact: true })).toBeVisible();
  await page.reload();
  // A reload starts the whole app again, which takes a while on a busy machine.
  await expect(answer).toBeVisible({ timeout: 30_000 });
  await expect(answer.getByText('refund delay', { exact: true })).toBeVisible();
  await expect(answer.getByRole('button', { name: `Edit the themes of ${name}'s answer` })).toHaveText('Edit themes');

  // Filtered by score: a 4 stays among the 4s, and is gone among the 1s.
  const scores = page.getByRole('group', { name: 'Scores' });
  await scores.getByText('4', { exact: true }).click();
  await expect(scores.getByRole('checkbox', { name: '4', exact: true })).toBeChecked();
  await expect(page).toHaveURL(/[?&]scores=4(&|$)/);
  await expect(answer).toBeVisible();
  await expect(page.getByRole('article').filter({ hasNotText: 'Satisfied · 4/5' })).toHaveCount(0);
  // One change at a time: the chips follow the address, which updates a moment after a click.
  await scores.getByText('4', { exact: true }).click();
  await expect(scores.getByRole('checkbox', { name: '4', exact: true })).not.toBeChecked();
  await expect(page).toHaveURL(/\/feedback$/);
  await scores.getByText('1', { exact: true }).click();
  await expect(scores.getByRole('checkbox', { name: '1', exact: true })).toBeChecked();
  await expect(page).toHaveURL(/[?&]scores=1(&|$)/);
  await expect(page.getByRole('article').first()).toContainText('Very dissatisfied · 1/5');
  await expect(answer).toHaveCount(0);
  // And by its theme.
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByRole('textbox', { name: 'Theme', exact: true }).fill('refund delay');
  await page.getByRole('textbox', { name: 'Theme', exact: true }).press('Enter');
  await expect(page).toHaveURL(/[?&]tag=refund(\+|%20)delay(&|$)/);
  await expect(answer).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();

  // 6. In Hindi, the feedback inbox speaks Hindi.
  await page.getByRole('button', { name: 'User menu' }).click();
  const saved = savedPreferences(page);
  await page.getByRole('menuitem', { name: 'हिन्दी' }).click();
  await saved;
  await expect(page.getByRole('heading', { name: 'फ़ीडबैक', level: 2 })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'जवाब' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'अंक' })).toBeVisible();
  await expect(page.getByRole('article', { name: `${name} का जवाब` })).toContainText(finalComment);
});
