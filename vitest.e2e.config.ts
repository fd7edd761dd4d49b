import { defineConfig } from 'vitest/config';

// Browser tests (tests/e2e): the real built server on a temp SQLite database, driven through Debian's Chromium.
// `npm test` runs them after the other suites; `npm run test:e2e` runs only them.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.spec.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Each file starts a server and a browser; one at a time keeps small machines responsive.
    fileParallelism: false,
  },
});
