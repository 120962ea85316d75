import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { serve, tempArchive } from './support/host'
import { importFolder } from './support/page'

// The suite's own interviews (test/fixtures), so this runs on any clone.
const FIXTURES = join(import.meta.dirname, '../test/fixtures/interviews')

const importFixtures = (page: Page): Promise<void> => importFolder(page, FIXTURES, 7)

test('searching Хабар as you type lands on Olga Kravets’s segment', async ({ page }) => {
  const host = await serve(tempArchive())
  try {
    await page.goto(host.url)
    await importFixtures(page)
    await page.keyboard.press('Control+f')
    await expect(page.getByRole('searchbox', { name: 'Search the archive' })).toBeFocused()
    await page.keyboard.type('Хабар')
    const results = page.getByRole('listbox', { name: 'Search results' })
    const first = results.getByRole('option').first()
    await expect(first).toContainText('Ольга Кравец')
    await expect(first.locator('mark')).toHaveText('Хабар')
    await page.keyboard.press('Enter')

    await expect(page.getByRole('heading', { level: 1 })).toContainText('Ольга Кравец')
    const segment = page.locator('.segment[data-segment-index="2"]')
    await expect(segment).toBeInViewport()
    await expect(segment).toContainText('Хабар первым стал давать регулярные сюжеты')
  } finally {
    await host.stop()
  }
})

test('search folds case, takes phrases and filters, and says when nothing matches', async ({ page }) => {
  const host = await serve(tempArchive())
  try {
    await page.goto(host.url)
    await importFixtures(page)
    const box = page.getByRole('searchbox', { name: 'Search the archive' })
    const results = page.getByRole('listbox', { name: 'Search results' })

    await box.fill('KHABAR')
    await expect(results.getByRole('option').first()).toContainText('Saule Bekova')

    await box.fill('"nearly three thousand"')
    await expect(results.getByRole('option')).toHaveCount(1)
    await expect(results.getByRole('option')).toContainText('nearly three thousand')

    await box.fill('speaker:"Yerlan Dzhaksybekov" 238')
    await expect(results.getByRole('option').first()).toContainText('Yerlan Dzhaksybekov')
    await expect(results.getByRole('option')).toHaveCount(1)

    await box.fill('zzzqqq')
    await expect(page.locator('.search-results')).toContainText('No matches.')
    await expect(results).toHaveCount(0)
  } finally {
    await host.stop()
  }
})

test('the codebook merges a duplicate tag and counts what uses it', async ({ page }) => {
  const host = await serve(tempArchive())
  try {
    await page.goto(host.url)
    await page.getByRole('button', { name: /Tags/ }).click()
    const form = page.getByRole('form', { name: 'New tag' })
    await form.getByLabel('Tag name').fill('Warnings')
    await form.getByRole('button', { name: 'Add tag' }).click()
    await expect(page.getByRole('form', { name: 'New tag' })).toBeVisible()
    // "warnings" (demo) and "Warnings" differ only by case: two tags are refused…
    await expect(page.locator('.notice.error')).toContainText('already exists')

    await form.getByLabel('Tag name').fill('warning')
    await form.getByRole('button', { name: 'Add tag' }).click()
    const duplicates = page.getByRole('region', { name: 'Possible duplicates' })
    await expect(duplicates).toContainText('“warnings” and “warning”')

    await duplicates.getByRole('button', { name: 'Merge “warning” into “warnings”' }).click()
    // The app asks in its own dialog, never the browser's.
    await page.getByRole('dialog', { name: 'Merge “warning” into “warnings”?' }).getByRole('button', { name: 'Merge tags' }).click()
    await expect(page.locator('.notice').last()).toContainText('Merged “warning” into “warnings”')
    await expect(page.getByRole('list', { name: 'Tags' }).locator('[data-tag="warning"]')).toHaveCount(0)
    await expect(page.getByRole('list', { name: 'Tags' }).locator('[data-tag="warnings"] .tag-uses').first()).toContainText('2 ·')
  } finally {
    await host.stop()
  }
})
