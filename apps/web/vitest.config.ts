import { defineConfig } from 'vitest/config';

// Unit tests only; the browser journeys in e2e/ run under Playwright.
export default defineConfig({
  root: import.meta.dirname,
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
  },
});
