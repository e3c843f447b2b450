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
  // Specs wait for what the screen shows, never for a stretch of time; on a busy machine that takes longer, so these
  // limits only stop a spec that hangs (a person would have given up long before).
  timeout: 10 * 60_000,
  expect: { timeout: 2 * 60_000 },
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
