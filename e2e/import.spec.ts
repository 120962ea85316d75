import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { serve, tempArchive } from './support/host'

// The suite's own interviews (test/fixtures), so this runs on any clone.
const STORY = join(import.meta.dirname, '../test/fixtures/interviews')
const FORMATS = join(import.meta.dirname, '../test/fixtures/formats')

const filesOf = (dir: string): { name: string; data: string }[] =>
  readdirSync(dir)
    .filter((f) => f !== 'expected.json')
    .map((name) => ({ name, data: readFileSync(join(dir, name)).toString('base64') }))

/** Drops files on the window as a file manager would: a DataTransfer holding them. */
async function drop(page: Page, files: { name: string; data: string }[]): Promise<void> {
  const transfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer()
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0))
      dt.items.add(new File([bytes], f.name))
    }
    return dt
  }, files)
  await page.dispatchEvent('.app', 'dragover', { dataTransfer: transfer })
  await page.dispatchEvent('.app', 'drop', { dataTransfer: transfer })
}

test('dropping the interviews imports seven, lists the hidden file it passed over, and keeps the off-record passage', async ({ page }) => {
  const host = await serve(tempArchive())
  const uploads: number[] = []
  page.on('request', (r) => {
    if (r.url().endsWith('/api/import.upload')) uploads.push((JSON.parse(r.postData() ?? '{}') as { files: unknown[] }).files.length)
  })
  try {
    await page.goto(host.url)
    await expect(page.getByRole('table', { name: 'Interviews' }).getByRole('row')).toHaveCount(4)

    const files = filesOf(STORY)
    expect(files).toHaveLength(7)
    await drop(page, [...files, { name: '.DS_Store', data: Buffer.from('Bud1').toString('base64') }])

    const panel = page.getByRole('dialog', { name: 'Import' })
    await expect(panel).toContainText('Import finished')
    await expect(panel).toContainText('7 imported')
    await expect(panel).toContainText('1 skipped')
    await expect(panel).toContainText('0 failed')
    await expect(panel.locator('li.skipped')).toContainText('.DS_Store')
    await expect(panel.locator('li.skipped')).toContainText('hidden file')
    // One file per request: the host never holds more than one file's bytes for this window.
    expect(uploads).toEqual([1, 1, 1, 1, 1, 1, 1])
    await panel.getByRole('button', { name: 'Close' }).click()

    const table = page.getByRole('table', { name: 'Interviews' })
    await expect(table.getByRole('row')).toHaveCount(1 + 3 + 7)
    const rowOf = (text: string) => table.getByRole('row').filter({ hasText: text })
    await expect(rowOf('Marat Seitkali')).toContainText('Lena Moretti')
    await expect(rowOf('Ольга Кравец')).toContainText('Лена Моретти')
    await expect(rowOf('Дана Әбілқасымова')).toContainText('Алматы')
    // Captions with no title of their own are named after the file, not after a speaker.
    await expect(rowOf('saule-bekova')).toContainText('Saule Bekova')

    await rowOf('Yerlan Dzhaksybekov').first().click()
    const offRecord = page.locator('.segment.off-record')
    await expect(offRecord).toHaveCount(1)
    await expect(offRecord).toContainText('Off the record')
    await expect(offRecord).toContainText('Do not print this.')
  } finally {
    await host.stop()
  }
})

test('the other formats come in through the window too: OHMS old and new, CSV with its codebook, KOI8-R, rolling captions', async ({ page }) => {
  const host = await serve(tempArchive())
  try {
    await page.goto(host.url)
    await page.getByTestId('import-files').setInputFiles(
      filesOf(FORMATS).map((f) => ({ name: f.name, mimeType: 'application/octet-stream', buffer: Buffer.from(f.data, 'base64') }))
    )
    const panel = page.getByRole('dialog', { name: 'Import' })
    await expect(panel).toContainText('Import finished')
    await expect(panel).toContainText('7 imported')
    await expect(panel).toContainText('0 failed')
    await expect(panel).toContainText('codebook: 9 tag descriptions')
    await panel.getByRole('button', { name: 'Close' }).click()

    const table = page.getByRole('table', { name: 'Interviews' })
    await expect(table.getByRole('row').filter({ hasText: 'Oral history of Serik Abenov' })).toContainText('Lena Moretti')
    await expect(table.getByRole('row').filter({ hasText: 'Беседа с Иваном Петровым' })).toContainText('Иван Петров')
    await table.getByRole('row').filter({ hasText: 'town-hall-autocaptions' }).click()
    const segments = page.getByRole('list', { name: 'Transcript' }).locator('.segment')
    await expect(segments).toHaveCount(4)
    await expect(segments.nth(1)).toContainText('to the town hall on the water supply')
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
      { name: 'broken.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('LENA: this is text, not a Word file\n') },
      { name: 'dana-kz.txt', mimeType: 'text/plain', buffer: readFileSync(join(STORY, 'dana-kz.txt')) }
    ])
    const panel = page.getByRole('dialog', { name: 'Import' })
    await expect(panel).toContainText('1 imported')
    await expect(panel).toContainText('2 failed')
    await expect(panel.locator('li.failed').first()).toContainText('empty.txt')
    await expect(panel.locator('li.failed .error-text').first()).not.toBeEmpty()
    await expect(panel.locator('li.failed').nth(1)).toContainText('damaged Word document')
  } finally {
    await host.stop()
  }
})
