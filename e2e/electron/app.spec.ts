// Runs only where an Electron binary is installed (see playwright.config.ts); the browser-host
// specs cover the same renderer everywhere else.
import { _electron as electron, expect, test } from '@playwright/test'
import { electronBinary } from '../../scripts/electron-binary.mjs'
import { tempArchive } from '../support/host'

test('the desktop window opens the demo archive with a locked-down renderer', async () => {
  const archive = tempArchive()
  const app = await electron.launch({
    executablePath: electronBinary() ?? undefined,
    args: ['.', '--archive', archive, '--no-sandbox'],
    env: { ...process.env, VERBATIM_ARCHIVE: archive }
  })
  try {
    const window = await app.firstWindow()
    await expect(window.getByRole('table', { name: 'Interviews' })).toContainText('Nadia Petrenko, volunteer rescuer')
    // The renderer reaches the core only through the bridge: no Node, no require.
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined')
    expect(await window.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined')
    expect(await window.evaluate(() => typeof (globalThis as { verbatim?: { call?: unknown } }).verbatim?.call)).toBe('function')
    // Navigation away from the app is refused.
    await window.evaluate(() => {
      ;(globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/'
    })
    await expect(window.getByRole('table', { name: 'Interviews' })).toBeVisible()
  } finally {
    await app.close()
  }
})
