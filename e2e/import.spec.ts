import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { serve, tempArchive } from './support/host'

const FIXTURES = join(import.meta.dirname, '../../shared/fixtures/interviews')

test('dropping the fixture folder imports seven interviews with their speakers and the off-record passage', async ({ page }) => {
  const host = await serve(tempArchive())
  try {
    await page.goto(host.url)
    await expect(page.getByRole('table', { name: 'Interviews' }).getByRole('row')).toHaveCount(4)

    const files = readdirSync(FIXTURES)
      .filter((f) => f !== 'expected.json')
      .map((name) => ({ name, data: readFileSync(join(FIXTURES, name)).toString('base64') }))
    expect(files).toHaveLength(7)
    // What a drop from the file manager hands the page: a DataTransfer holding the files.
    const drop = await page.evaluateHandle((list) => {
      const dt = new DataTransfer()
      for (const f of list) {
        const bytes = Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0))
        dt.items.add(new File([bytes], f.name))
      }
      return dt
    }, files)
    await page.dispatchEvent('.app', 'dragover', { dataTransfer: drop })
    await page.dispatchEvent('.app', 'drop', { dataTransfer: drop })

    const panel = page.getByRole('dialog', { name: 'Import' })
    await expect(panel).toContainText('Import finished')
    await expect(panel).toContainText('7 imported')
    await expect(panel).toContainText('0 failed')
    await panel.getByRole('button', { name: 'Close' }).click()

    const table = page.getByRole('table', { name: 'Interviews' })
    await expect(table.getByRole('row')).toHaveCount(1 + 3 + 7)
    const rowOf = (text: string) => table.getByRole('row').filter({ hasText: text })
    await expect(rowOf('Marat Seitkali')).toContainText('Lena Moretti')
    await expect(rowOf('Ольга Кравец')).toContainText('Лена Моретти')
    await expect(rowOf('Дана Әбілқасымова')).toContainText('Дана Әбілқасымова')

    await rowOf('Yerlan Dzhaksybekov').first().click()
    const offRecord = page.locator('.segment.off-record')
    await expect(offRecord).toHaveCount(1)
    await expect(offRecord).toContainText('Off the record')
    await expect(offRecord).toContainText('Do not print this.')
  } finally {
    await host.stop()
  }
})

test('a file that cannot be imported is named with its reason', async ({ page }) => {
  const host = await serve(tempArchive())
  try {
    await page.goto(host.url)
    await page.getByTestId('import-files').setInputFiles([
      { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) },
      { name: 'dana-kz.txt', mimeType: 'text/plain', buffer: readFileSync(join(FIXTURES, 'dana-kz.txt')) }
    ])
    const panel = page.getByRole('dialog', { name: 'Import' })
    await expect(panel).toContainText('1 imported')
    await expect(panel).toContainText('1 failed')
    await expect(panel.locator('li.failed')).toContainText('empty.txt')
    await expect(panel.locator('li.failed .error-text')).not.toBeEmpty()
  } finally {
    await host.stop()
  }
})
