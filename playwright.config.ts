import { existsSync } from 'node:fs'
import { defineConfig } from '@playwright/test'
import { electronBinary } from './scripts/electron-binary.mjs'

// Debian's Chromium, never a downloaded browser. The flags keep it quiet on a closed network and
// let it start as root.
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const electron = electronBinary()
if (!electron) {
  console.log('Electron e2e: not run — no Electron binary is installed here (ELECTRON_SKIP_BINARY_DOWNLOAD or no network). The browser-host suite runs the same renderer.')
}

export default defineConfig({
  testDir: './e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure'
  },
  projects: [
    {
      name: 'browser-host',
      testMatch: /.*\.spec\.ts/,
      testIgnore: /electron\/.*/,
      use: {
        browserName: 'chromium',
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          ...(existsSync(chromiumPath) ? { executablePath: chromiumPath } : {}),
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic'
          ]
        }
      }
    },
    ...(electron ? [{ name: 'electron', testMatch: /electron\/.*\.spec\.ts/ }] : [])
  ]
})
