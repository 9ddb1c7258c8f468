import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // argon2 and the databases share two cores: a few files at a time keeps timings sane.
    maxWorkers: 2,
  },
});
