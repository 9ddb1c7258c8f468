// The customer portal end to end: a demo customer signs in by the link the server mailed (read from
// the real SMTP listener), writes a new request with a file; an agent, in another browser, finds it
// and replies; the customer sees the answer, and reads the portal in Hindi. A stranger writes through
// the public contact form and is acknowledged by mail. Neither ever meets the staff sign-in.
import { mkdirSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { AGENT, mailsTo, receivedMails, signIn } from './helpers';

const CUSTOMER = 'customer1@gangatextiles.example';
const SHOTS = process.env.PORTAL_SHOTS_DIR;

/** Screenshots to look at (PORTAL_SHOTS_DIR set): the portal as customers see it. */
async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

test('a customer writes through the portal, an agent answers, the customer sees the answer (and in Hindi)', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  const subject = `Blue kurta ${stamp} arrived torn`;
  const before = (await receivedMails()).length;

  // Not signed in: the portal asks for an email, not for a staff password.
  await page.goto('/portal');
  await expect(page).toHaveURL(/\/portal\/sign-in$/);
  await expect(page.getByRole('heading', { name: 'See your requests' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Your email address' }).fill(CUSTOMER);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page.getByText('Check your mail')).toBeVisible();

  // The link arrives by mail; it signs the customer in once.
  const [mail] = await mailsTo([CUSTOMER], 'Your sign-in link');
  expect((await receivedMails()).length).toBeGreaterThan(before);
  const link = /\/portal\/verify\?token=([A-Za-z0-9_-]+)/.exec(mail!.text ?? '');
  expect(link, mail!.text).not.toBeNull();
  await page.goto(`/portal/verify?token=${link![1]}`);
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByRole('heading', { name: 'My requests' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toHaveCount(0);

  // A new request with a photo of the damage.
  await page.getByRole('link', { name: 'New request' }).first().click();
  await expect(page.getByRole('heading', { name: 'New request' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await page.getByRole('textbox', { name: 'Message' }).fill('The kurta from order 5521 has a tear on the sleeve.');
  await page.locator('input[type="file"]').setInputFiles({
    name: 'sleeve.png',
    mimeType: 'image/png',
    buffer: Buffer.from('89504e470d0a1a0a', 'hex'),
  });
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page).toHaveURL(/\/portal\/requests\/\d+$/);
  const number = Number(/\/portal\/requests\/(\d+)$/.exec(page.url())![1]);
  await expect(page.getByRole('heading', { name: subject })).toBeVisible();
  await expect(page.getByText('Open', { exact: true })).toBeVisible();
  const conversation = page.getByRole('region', { name: 'Conversation' });
  await expect(conversation.getByRole('article')).toHaveCount(1);
  await expect(conversation).toContainText('has a tear on the sleeve');
  await expect(conversation.getByRole('link', { name: /sleeve\.png/ })).toBeVisible();

  // The agent, in a browser of their own, finds it in the inbox and replies.
  const staff = await browser.newContext();
  const agent = await staff.newPage();
  await signIn(agent, AGENT);
  await agent.goto('/tickets');
  await agent.getByRole('searchbox', { name: 'Search' }).fill(String(stamp));
  const row = agent.getByRole('table', { name: 'Tickets' }).getByRole('row').filter({ hasText: subject });
  await row.getByRole('link', { name: subject }).click();
  await expect(agent).toHaveURL(new RegExp(`/tickets/${number}$`));
  await expect(agent.getByRole('article').filter({ hasText: 'has a tear on the sleeve' })).toContainText('sleeve.png');
  const answer = `Sorry about that! A replacement kurta leaves today (${stamp}).`;
  await agent.getByRole('textbox', { name: 'Reply to the customer' }).fill(answer);
  await agent.getByRole('button', { name: 'Send reply' }).click();
  await expect(agent.getByRole('article', { name: 'Reply by Kavya Iyer' })).toContainText(answer);
  await staff.close();

  // The customer sees the answer under their message.
  await page.reload();
  await expect(conversation.getByRole('article')).toHaveCount(2);
  const reply = conversation.getByRole('article').nth(1);
  await expect(reply).toContainText(answer);
  await expect(reply).toContainText('Kavya Iyer');
  await expect(reply).toContainText('Support team');
  await shot(page, 'portal-request-en');
  await page.getByRole('link', { name: 'My requests' }).first().click();
  await expect(page.getByRole('link', { name: subject })).toBeVisible();
  await shot(page, 'portal-list-en');

  // In Hindi: the whole portal, and the choice is kept for the customer.
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/portal/me') && r.request().method() === 'PATCH');
  await page.getByText('हिन्दी', { exact: true }).click();
  expect((await saved).ok()).toBe(true);
  await expect(page.getByRole('heading', { name: 'मेरे अनुरोध' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'साइन आउट' })).toBeVisible();
  await shot(page, 'portal-list-hi');
  await page.getByRole('link', { name: subject }).click();
  await expect(page.getByRole('region', { name: 'बातचीत' }).getByRole('article').nth(1)).toContainText('सहायता टीम');
  await expect(page.getByRole('button', { name: 'उत्तर भेजें' })).toBeVisible();
  await shot(page, 'portal-request-hi');

  // Back to English, then sign out: the portal asks for an email again.
  await page.getByText('English', { exact: true }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/portal\/sign-in$/);
  await page.goto(`/portal/requests/${number}`);
  await expect(page).toHaveURL(/\/portal\/sign-in$/);
  await page.getByText('हिन्दी', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'अपने अनुरोध देखें' })).toBeVisible();
  await shot(page, 'portal-sign-in-hi');
  await page.getByText('English', { exact: true }).click();
});

test('a stranger writes through the contact form and is acknowledged by mail', async ({ page }) => {
  const stamp = Date.now();
  const email = `ritu.${stamp}@customer.example.in`;
  await page.goto('/contact');
  await expect(page.getByRole('heading', { name: 'Contact us' })).toBeVisible();
  // The honeypot is out of the way of people and their keyboards.
  await expect(page.locator('#contact-website')).toHaveAttribute('tabindex', '-1');
  await page.getByRole('textbox', { name: 'Your name' }).fill('Ritu Sharma');
  await page.getByRole('textbox', { name: 'Your email address' }).fill(email);
  await page.getByRole('textbox', { name: 'Subject' }).fill(`Bulk order ${stamp}`);
  await page.getByRole('textbox', { name: 'Message' }).fill('Do you ship 200 sarees to Pune?');
  await shot(page, 'contact-en');
  await page.getByRole('button', { name: 'Send message' }).click();
  await expect(page.getByText('We have received your message')).toBeVisible();
  const [ack] = await mailsTo([email], '');
  expect(ack!.subject).toMatch(/\[#\d+\]/);
});
