// Browser journeys against the real server (port 3199 unless E2E_PORT_BASE moves it, fresh data folder, demo company seeded).
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { INBOUND_SMTP_PORT, PORT_BASE, SMTP_PORT } from './e2e/global-setup';

const PORT = PORT_BASE + 2;
const BASE_URL = `http://127.0.0.1:${PORT}`;
const CHROMIUM = '/usr/bin/chromium';

// Workers load this file again; they inherit the variable, so all share the one folder the server uses.
process.env.SAHAYAK_E2E_DATA_DIR ??= mkdtempSync(path.join(os.tmpdir(), 'sahayak-e2e-'));
process.env.SAHAYAK_E2E_EMPTY_DIR ??= mkdtempSync(path.join(os.tmpdir(), 'sahayak-e2e-empty-'));
// Every mail the seeded server sends arrives at a real SMTP listener (e2e/global-setup.ts) and lands here.
process.env.SAHAYAK_E2E_MAIL_DIR ??= mkdtempSync(path.join(os.tmpdir(), 'sahayak-e2e-mail-'));
const dataDir = process.env.SAHAYAK_E2E_DATA_DIR;
// A second server on an empty database, for the first-run setup journey.
export const EMPTY_PORT = PORT_BASE + 1;

// scripts/test.mjs hands over fresh PostgreSQL databases (and Redis) when the suite runs in that mode.
// Each server gets its own Redis prefix: they share no database, so they must share no jobs or events.
const cluster = (databaseUrl: string | undefined, label: string): Record<string, string> => ({
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  ...(databaseUrl && process.env.E2E_REDIS_URL
    ? { REDIS_URL: process.env.E2E_REDIS_URL, REDIS_PREFIX: `sahayak_e2e_${label}_${process.pid}` }
    : {}),
});

// Without Debian's Chromium the config still loads; scripts/test.mjs then skips the e2e run and says so.
const hasChromium = existsSync(CHROMIUM);

export default defineConfig({
  testDir: './e2e',
  globalSetup: './e2e/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: BASE_URL,
    locale: 'en-IN',
    timezoneId: 'Asia/Kolkata',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          ...(hasChromium ? { executablePath: CHROMIUM } : {}),
          args: [
            '--no-sandbox',
            '--disable-background-networking',
            '--disable-gpu',
            '--disable-component-update',
            '--no-first-run',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: [
    {
      command: 'node ../../scripts/start.mjs',
      cwd: import.meta.dirname,
      url: `${BASE_URL}/readyz`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        PORT: String(PORT),
        DATA_DIR: dataDir,
        SEED_DEMO: 'true',
        LOG_LEVEL: 'warn',
        SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
        INBOUND_SMTP_PORT: String(INBOUND_SMTP_PORT),
        INBOUND_SMTP_HOST: '127.0.0.1',
        ...cluster(process.env.E2E_DATABASE_URL, 'seeded'),
      },
    },
    {
      command: 'node ../../scripts/start.mjs',
      cwd: import.meta.dirname,
      url: `http://127.0.0.1:${EMPTY_PORT}/readyz`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        PORT: String(EMPTY_PORT),
        DATA_DIR: process.env.SAHAYAK_E2E_EMPTY_DIR,
        SEED_DEMO: 'false',
        LOG_LEVEL: 'warn',
        INBOUND_SMTP_PORT: '0',
        ...cluster(process.env.E2E_EMPTY_DATABASE_URL, 'empty'),
      },
    },
  ],
});
