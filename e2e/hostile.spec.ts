import { expect, test } from '@playwright/test'
import { HOSTILE_LINES, HOSTILE_NOTES } from '../test/support/hostile'
import { serve, tempArchive } from './support/host'

test('hostile transcript text is shown as text in the transcript, the list and search', async ({ page }) => {
  const host = await serve(tempArchive())
  const dialogs: string[] = []
  page.on('dialog', (d) => {
    dialogs.push(d.message())
    void d.dismiss()
  })
  try {
    await page.goto(host.url)
    await page.getByTestId('import-files').setInputFiles([{ name: 'mallory.md', mimeType: 'text/markdown', buffer: Buffer.from(HOSTILE_NOTES) }])
    await expect(page.getByRole('dialog', { name: 'Import' })).toContainText('1 imported')
    await page.getByRole('dialog', { name: 'Import' }).getByRole('button', { name: 'Close' }).click()

    const row = page.getByRole('table', { name: 'Interviews' }).getByRole('row').filter({ hasText: 'Mallory' })
    await expect(row).toContainText('Interview: Mallory <script>window.__pwned = true</script>')
    await row.click()
    const transcript = page.getByRole('list', { name: 'Transcript' })
    for (const line of HOSTILE_LINES) await expect(transcript).toContainText(line)
    await expect(transcript.locator('script, img, iframe, a[href], b')).toHaveCount(0)

    await page.getByRole('searchbox', { name: 'Search the archive' }).fill('pwned')
    const results = page.getByRole('listbox', { name: 'Search results' })
    await expect(results.getByRole('option').first()).toBeVisible()
    await expect(results.locator('script, img, iframe, a[href]')).toHaveCount(0)

    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined()
    expect(dialogs).toEqual([])
  } finally {
    await host.stop()
  }
})
