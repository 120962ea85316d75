import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, type Page } from '@playwright/test'

/** Collects script errors and console errors from now on: a screen that throws fails its test. */
export function watchErrors(page: Page): string[] {
  const problems: string[] = []
  page.on('pageerror', (e) => problems.push(e.message))
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()))
  return problems
}

/** Imports files of `dir` (`names`, or all but expected.json) through the window, and closes the summary. */
export async function importFolder(page: Page, dir: string, imported: number, names?: readonly string[]): Promise<void> {
  const files = (names ?? readdirSync(dir).filter((f) => f !== 'expected.json')).map((name) => ({
    name,
    mimeType: 'application/octet-stream',
    buffer: readFileSync(join(dir, name))
  }))
  await page.getByTestId('import-files').setInputFiles(files)
  const panel = page.getByRole('dialog', { name: 'Import' })
  await expect(panel).toContainText(`${imported} imported`)
  await panel.getByRole('button', { name: 'Close' }).click()
}
