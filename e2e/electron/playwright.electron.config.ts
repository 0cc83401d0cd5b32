import { defineConfig } from '@playwright/test';

// Electron smoke tests (`npm run test:electron`, via scripts/test-electron.mjs). Separate from the
// browser tests of `npm test`: they need an Electron runtime and better-sqlite3 built for it
// (native/electron/), which the offline development machines do not have.
export default defineConfig({
  testDir: '.',
  testMatch: /.*\.electron\.ts$/,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: '../../.tmp/playwright-electron-results',
});
