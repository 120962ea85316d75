import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { serve, tempArchive } from './support/host'
import { importFolder, watchErrors } from './support/page'

// The issue's own story, in ../shared: present in the project's workspace, absent from a fresh clone.
const FIXTURES = join(import.meta.dirname, '../../shared/fixtures/interviews')
const present = existsSync(FIXTURES)
if (!present) console.log(`claims-story e2e: skipped — ${FIXTURES} does not exist here (a fresh clone has no ../shared).`)

const CLAIM = 'About 2,500 CSTO troops had arrived by 6 January 2022'

test('claim 1 of the story: Marat Seitkali against Saule Bekova, disputed, from proposals accepted with the keyboard', async ({ page }) => {
  test.skip(!present, `${FIXTURES} does not exist here (a fresh clone has no ../shared)`)
  const host = await serve(tempArchive())
  const problems = watchErrors(page)
  try {
    await page.goto(host.url)
    await importFolder(page, FIXTURES, 7)

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: /^Claims/ }).click()
    await page.getByRole('textbox', { name: 'New claim' }).fill(CLAIM)
    await page.keyboard.press('Enter')
    const finder = page.getByRole('dialog', { name: 'Find evidence' })
    const proposals = finder.getByRole('list', { name: 'Proposals, best first' }).getByRole('listitem')
    const marat = proposals.filter({ hasText: 'Marat Seitkali' }).filter({ hasText: '2,500' })
    const saule = proposals.filter({ hasText: 'Saule Bekova' }).filter({ hasText: 'nearly three thousand' })
    await expect(marat).toHaveCount(1)
    await expect(saule).toHaveCount(1)
    await expect(marat).toContainText('suggested: supports')
    await expect(saule).toContainText('suggested: contradicts')

    // The keyboard walks the list and links Marat's and Saule's words with the stance the archive suggests.
    await expect(proposals.first()).toBeFocused()
    const count = await proposals.count()
    for (let i = 0; i < count; i++) {
      await expect(proposals.nth(i)).toBeFocused()
      const text = (await proposals.nth(i).textContent()) ?? ''
      if (text.includes('Marat Seitkali') && text.includes('2,500')) await page.keyboard.press('s')
      else if (text.includes('Saule Bekova') && text.includes('nearly three thousand')) await page.keyboard.press('c')
      else await page.keyboard.press('ArrowDown')
    }
    await expect(marat).toContainText('Linked: supports')
    await expect(saule).toContainText('Linked: contradicts')
    await page.keyboard.press('Escape')

    const detail = page.getByRole('article', { name: 'Claim' })
    await expect(detail.getByRole('region', { name: 'Status' }).locator('.status-now')).toHaveText(/Disputed\s*— from the evidence/)
    const conflict = detail.getByRole('group', { name: /^Figure:/ })
    await expect(conflict.locator('.conflict-side', { hasText: 'Marat Seitkali' }).locator('.conflict-said')).toContainText('2,500')
    await expect(conflict.locator('.conflict-side', { hasText: 'Saule Bekova' }).locator('.conflict-said')).toHaveText(/nearly three thousand/i)
    const card = page.getByRole('list', { name: 'Claims' }).getByRole('button', { name: /About 2,500 CSTO troops/ })
    await expect(card).toContainText('Disputed — from the evidence')
    await expect(card).toContainText('Sources disagree')
    expect(problems).toEqual([])
  } finally {
    await host.stop()
  }
})
