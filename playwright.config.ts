import { defineConfig, devices } from '@playwright/test'

// Browser tests run the production build against a fresh SQLite file, in
// Debian's Chromium at a phone's size. No browser is downloaded.
const PORT = Number(process.env.E2E_PORT ?? 3100)
const DB_FILE = 'tests/.tmp/e2e.db'

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'tests/.tmp/test-results',
  fullyParallel: false,
  // One test at a time: several specs write straight into the test server's SQLite
  // file (made users, printed forms), and a write from another process while the
  // server is inside a transaction can end that transaction with SQLITE_BUSY.
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list'], ['json', { outputFile: 'tests/.tmp/playwright-results.json' }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    ...devices['Pixel 5'],
    viewport: { width: 360, height: 740 },
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--headless', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: {
    command: `rm -f ${DB_FILE} ${DB_FILE}-wal ${DB_FILE}-shm && npx tsx db/seed-cli.ts && node server.mjs`,
    url: `http://localhost:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      NODE_ENV: 'production',
      PORT: String(PORT),
      DATABASE_URL: DB_FILE,
      SESSION_SECRET: 'e2e-only-secret-that-is-at-least-32-characters-long',
      COOKIE_SECURE: 'false',
      RATE_LIMIT_DISABLED: 'true',
    },
  },
})
