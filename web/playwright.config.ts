// Browser tests (`npx playwright test`): Debian's Chromium (no browser download; CHROMIUM_PATH points elsewhere),
// real servers started once (tests/e2e/global-setup.ts), every request that leaves the loopback interface blocked and
// failing its test. The whole suite runs on a desktop in Russian. The tests tagged @matrix (sign-in and dashboard,
// catalogue, applying, the board, the application page) run on a phone and in English too; @phone ones run on the
// phones only; @widths ones (axe, whose rules do not change with the language) on the phone in Russian too.
import { defineConfig } from '@playwright/test'
import type { Options } from './tests/e2e/fixtures'

const desktop = { viewport: { width: 1280, height: 860 }, isMobile: false, hasTouch: false }
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }

export default defineConfig<Options>({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './tests/e2e/global-setup.ts',
  outputDir: 'test-results/artifacts',
  // Two cores: one browser and one server per worker.
  workers: 2,
  fullyParallel: false,
  // One retry everywhere (`make test` included): a test that passes only on its retry is reported as flaky, with
  // the trace of the failed try kept.
  retries: 1,
  forbidOnly: Boolean(process.env.CI),
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [['list'], ['html', { outputFolder: 'test-results/report', open: 'never' }]],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    actionTimeout: 20_000,
    navigationTimeout: 20_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'desktop-ru', use: { ...desktop, lang: 'ru', locale: 'ru-RU' }, grepInvert: /@phone/ },
    { name: 'phone-ru', use: { ...phone, lang: 'ru', locale: 'ru-RU' }, grep: /@matrix|@phone|@widths/ },
    { name: 'desktop-en', use: { ...desktop, lang: 'en', locale: 'en-US' }, grep: /@matrix/ },
    { name: 'phone-en', use: { ...phone, lang: 'en', locale: 'en-US' }, grep: /@matrix|@phone/ },
  ],
})
