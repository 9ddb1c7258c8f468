// Shared steps of the journeys: demo accounts and signing in through the API.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { type ParsedMail, simpleParser } from 'mailparser';

export const PASSWORD = 'sahayak-demo';
export const ADMIN = 'admin@demo.sahayak.test';
export const AGENT = 'agent1@demo.sahayak.test';

/**
 * Signs in through the API (the cookie lands in the page's browser context) and resets the user's
 * language and theme, so each journey starts in English whatever an earlier one chose.
 */
export async function signIn(page: Page, email: string): Promise<void> {
  const login = await page.request.post('/api/v1/auth/login', { data: { email, password: PASSWORD } });
  expect(login.status(), await login.text()).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const reset = await page.request.patch('/api/v1/auth/me', {
    data: { locale: 'en', theme: 'light' },
    headers: { 'X-CSRF-Token': csrfToken },
  });
  expect(reset.status(), await reset.text()).toBe(200);
}

/** Waits for the PATCH that saves the user's own preferences. */
export function savedPreferences(page: Page) {
  return page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/me') && r.request().method() === 'PATCH' && r.ok());
}

// ---------- mail the seeded server sent (a real SMTP listener, e2e/global-setup.ts) ----------

/** Every mail the SMTP listener has received so far, parsed. */
export async function receivedMails(): Promise<ParsedMail[]> {
  const folder = process.env.SAHAYAK_E2E_MAIL_DIR;
  if (!folder) throw new Error('SAHAYAK_E2E_MAIL_DIR is not set');
  const files = readdirSync(folder).filter((f) => f.endsWith('.eml'));
  return Promise.all(files.map((f) => simpleParser(readFileSync(path.join(folder, f)))));
}

export const addressOf = (mail: ParsedMail) => (mail.to && !Array.isArray(mail.to) ? mail.to.text : '');

/** Waits (up to 20 s) until a mail for each address has arrived, and answers them. */
export async function mailsTo(addresses: string[], subjectStart: string): Promise<ParsedMail[]> {
  let found: ParsedMail[] = [];
  await expect
    .poll(
      async () => {
        const mails = (await receivedMails()).filter(
          (m) => addresses.includes(addressOf(m)) && (m.subject ?? '').startsWith(subjectStart),
        );
        found = mails;
        return mails.map(addressOf).sort();
      },
      { timeout: 20_000, intervals: [250, 500, 1000] },
    )
    .toEqual([...addresses].sort());
  return found;
}
