import { defineConfig } from '@playwright/test';
// A plain ES module shared with `npm test`'s pretest step, which finds or installs the browser.
import { findChromium } from './scripts/test-tools.mjs';

// $PARLEY_CHROMIUM, else the system's Chromium (these machines cannot download Playwright's browsers), else Playwright's own.
const chromium: string | undefined = findChromium() ?? undefined;
export const E2E_PORT = Number(process.env.PARLEY_E2E_PORT ?? 5199);

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}/`,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      ...(chromium && { executablePath: chromium }),
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    trace: 'retain-on-failure',
  },
  webServer: {
    // A fresh library for every run, seeded with the shipped cases.
    command: `node tests/e2e/serve-fresh.mjs ${E2E_PORT}`,
    url: `http://127.0.0.1:${E2E_PORT}/`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
