// Shared steps of the journeys: demo accounts and signing in through the API.
import { expect, type Page } from '@playwright/test';

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
