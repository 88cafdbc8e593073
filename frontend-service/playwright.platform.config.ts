import { defineConfig, devices } from '@playwright/test'

// The journeys J1–J9 and the screen guards against the whole platform (nginx → BFF → services) that the caller started
// (tests/browser/test_playwright.py). No webServer: BASE_URL is the platform's nginx.
const baseURL = process.env.BASE_URL
if (!baseURL) throw new Error('BASE_URL (the platform nginx URL) is required')

// Debian's Chromium; this project never downloads a browser (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1).
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

// PLATFORM_SUITE picks a part: `journeys` (they change the one seeded studio) or `guards` (the
// read-only guard checks), which the caller runs as two Playwright processes side by side; unset,
// everything runs one at a time.
const suite = process.env.PLATFORM_SUITE || undefined
if (suite !== undefined && suite !== 'journeys' && suite !== 'guards') {
  throw new Error(`PLATFORM_SUITE is journeys or guards, not ${suite}`)
}
const SCREEN_GUARDS = /[\\/]e2e-platform[\\/]screens\.spec\.ts$/

export default defineConfig({
  testDir: './e2e-platform',
  ...(suite === 'guards' ? { testMatch: SCREEN_GUARDS } : {}),
  ...(suite === 'journeys' ? { testIgnore: SCREEN_GUARDS } : {}),
  // Playwright empties its output folder when it starts: one per part.
  outputDir: suite ? `./test-results/platform-${suite}` : './test-results/platform',
  // One platform, one seeded studio: the journeys run one at a time in a stable order.
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: 'line',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL,
    locale: 'ru-RU',
    trace: 'off',
    screenshot: 'only-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    launchOptions: {
      executablePath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], channel: undefined, viewport: { width: 1366, height: 900 } } },
    // The narrowest phone the app supports (DESIGN: responsive down to 360 px), touch and all.
    { name: 'phone', use: { ...devices['Pixel 7'], viewport: { width: 360, height: 800 } } },
  ],
})
