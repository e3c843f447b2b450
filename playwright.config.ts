// Playwright: the real UI in Debian Chromium against a fresh web-mode server per test, plus an Electron smoke test.
import { defineConfig } from '@playwright/test';

/** Flags that keep headless Chromium quiet and deterministic inside containers and CI. */
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: 'e2e',
  // Playwright empties its outputDir on start; keep it apart from test-results/*.json written by other steps.
  outputDir: 'test-results/e2e-artifacts',
  // Flaky tests get fixed, not retried.
  retries: 0,
  forbidOnly: true,
  workers: 2,
  fullyParallel: false,
  // Generous: a busy machine must make the suite slower, not red (every wait is for a state).
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-results.json' }]],
  use: {
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'web',
      testIgnore: 'electron/**',
      use: {
        browserName: 'chromium',
        viewport: { width: 1280, height: 800 },
        launchOptions: { executablePath: process.env.VIRTLAB_CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs },
      },
    },
    {
      name: 'electron',
      testMatch: 'electron/*.spec.ts',
    },
  ],
});
