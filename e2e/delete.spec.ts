// Deleting a source, a claim and a draft from their own views, on the demo archive: the app asks
// first in its own dialog and says what points at the record, Cancel leaves it be, yes takes it off
// the list, and Undo (the notice's button or Ctrl+Z) brings back the same record with what its
// delete took: a claim's evidence, a quote's speaker, a draft's claim block.
import { expect, test, type Locator, type Page } from '@playwright/test'
import { serve, tempArchive, type ServedHost } from './support/host'
import { watchErrors } from './support/page'
import { call } from './support/api'

interface Evidence {
  quoteId?: string
  sourceId?: string
}
interface Claim {
  id: string
  text: string
  evidence: Evidence[]
}
interface Draft {
  id: string
  title: string
  sections: { blocks: { type: string; claimId?: string }[] }[]
}

const REPORT = 'Water Authority gauge report, 14 May'
const WARNING = 'The Water Authority warned the town hall about three hours before the river passed flood stage.'
const DRAFT = 'The river rose at night. The warning sat in a fax tray.'

const show = (page: Page, label: string): Promise<void> => page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: new RegExp(`^${label}`) }).click()
const notice = (page: Page, text: string): Locator => page.locator('.notice').filter({ hasText: text })
const claimBlocks = (d: Draft | undefined, claimId: string): number => d?.sections.flatMap((s) => s.blocks).filter((b) => b.type === 'claim' && b.claimId === claimId).length ?? 0

let host: ServedHost
let problems: string[]

test.beforeEach(async ({ page }) => {
  host = await serve(tempArchive())
  problems = watchErrors(page)
  await page.goto(host.url)
})

test.afterEach(async () => {
  // Before the host stops: its going ends the page's event stream, which the page reports.
  try {
    expect(problems).toEqual([])
  } finally {
    await host.stop()
  }
})

test('a document: delete asks, naming the claim that cites it; Cancel keeps it; yes deletes it; Undo brings it and the claim’s evidence back', async ({ page }) => {
  await show(page, 'Sources')
  const list = page.getByRole('list', { name: 'Sources' })
  await list.getByRole('button', { name: new RegExp(`^${REPORT}`) }).click()
  const profile = page.getByRole('article', { name: REPORT })
  await expect(profile).toBeVisible()

  // Asked first, in the app's dialog, with the claim that would lose its evidence.
  await profile.getByRole('button', { name: 'Delete document…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Delete this document?' })
  await expect(dialog).toContainText(`“${REPORT}” will be deleted. 1 piece of evidence from 1 claim goes with it.`)
  await expect(dialog).toContainText(`Claim: ${WARNING}`)

  // Cancel: nothing changes.
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toHaveCount(0)
  await expect(profile).toBeVisible()
  await expect(list).toContainText(REPORT)
  expect((await call<{ name: string }[]>(page, 'sources.list', {})).map((s) => s.name)).toContain(REPORT)

  // Yes: off the list, the profile closes, and the claim no longer cites it.
  await profile.getByRole('button', { name: 'Delete document…' }).click()
  await dialog.getByRole('button', { name: 'Delete document' }).click()
  await expect(dialog).toHaveCount(0)
  await expect(list).not.toContainText(REPORT)
  await expect(profile).toHaveCount(0)
  await expect(page.locator('.detail-empty')).toBeVisible()
  expect((await call<{ name: string }[]>(page, 'sources.list', {})).map((s) => s.name)).not.toContain(REPORT)
  expect((await call<Claim>(page, 'claims.get', { id: 'claim-warning' })).evidence.map((e) => e.sourceId)).not.toContain('src-report')

  // The notice's Undo: the same document, and the claim's evidence with it.
  await notice(page, `Deleted document “${REPORT}”.`).getByRole('button', { name: 'Undo' }).click()
  await expect(list).toContainText(REPORT)
  await expect(list.locator('[data-source-id="src-report"]')).toHaveCount(1)
  expect((await call<Claim>(page, 'claims.get', { id: 'claim-warning' })).evidence.map((e) => e.sourceId)).toContain('src-report')
  await list.getByRole('button', { name: new RegExp(`^${REPORT}`) }).click()
  await expect(profile.getByRole('region', { name: /Claims citing it/ })).toContainText(WARNING)
})

test('a person: delete asks, naming their speaker links; yes takes them off their quote; Ctrl+Z brings them back as its speaker', async ({ page }) => {
  await show(page, 'Sources')
  const list = page.getByRole('list', { name: 'Sources' })
  await list.getByRole('button', { name: /^Ivo Marek/ }).click()
  const profile = page.getByRole('article', { name: 'Ivo Marek' })
  await expect(profile.getByRole('region', { name: /Saved quotes/ })).toContainText('We sent the warning to the town hall')
  const speakersOfQuote = async (): Promise<string[]> => (await call<{ sourceIds: string[] }>(page, 'quotes.get', { id: 'q-warning-sent' })).sourceIds
  expect(await speakersOfQuote()).toEqual(['src-ivo'])

  await profile.getByRole('button', { name: 'Delete person…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Delete this person?' })
  await expect(dialog).toContainText('“Ivo Marek” will be deleted. Its speaker links in 1 interview (the words stay), its name on 1 quote (the quotes stay) and its voice in 1 claim (the evidence stays) go with it.')
  await expect(dialog).toContainText('Claim: The Water Authority warned the town hall')
  // Escape is Cancel too.
  await page.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
  await expect(profile).toBeVisible()
  expect(await speakersOfQuote()).toEqual(['src-ivo'])

  await profile.getByRole('button', { name: 'Delete person…' }).click()
  await expect(dialog.getByRole('button', { name: 'Delete person' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(dialog).toHaveCount(0)
  await expect(list).not.toContainText('Ivo Marek')
  await expect(profile).toHaveCount(0)
  expect(await speakersOfQuote()).toEqual([])
  await expect(notice(page, 'Deleted person “Ivo Marek”.')).toContainText('Undo')

  // Ctrl+Z: the same person, speaking their quote again, so the claim resting on it has its voice back.
  await page.keyboard.press('Control+z')
  await expect(list.locator('[data-source-id="src-ivo"]')).toContainText('Ivo Marek')
  expect(await speakersOfQuote()).toEqual(['src-ivo'])
  await list.getByRole('button', { name: /^Ivo Marek/ }).click()
  await expect(profile.getByRole('region', { name: /Saved quotes/ })).toContainText('We sent the warning to the town hall')
  await expect(profile.getByRole('region', { name: /Claims resting on them/ })).toContainText(WARNING)
})

test('a claim: delete asks, naming the draft that states it; Cancel keeps it; yes deletes it and its block; Undo brings both back', async ({ page }) => {
  await show(page, 'Claims')
  const board = page.getByRole('list', { name: 'Claims' })
  await board.getByRole('button', { name: new RegExp(WARNING.slice(0, 40)) }).click()
  const detail = page.getByRole('article', { name: 'Claim' })
  await expect(detail.getByRole('textbox', { name: 'Statement' })).toHaveValue(WARNING)

  await detail.getByRole('button', { name: 'Delete claim…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Delete this claim?' })
  await expect(dialog).toContainText(`“${WARNING}” will be deleted. 1 block in 1 draft goes with it.`)
  await expect(dialog).toContainText(`Draft: ${DRAFT}`)
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toHaveCount(0)
  await expect(board).toContainText(WARNING)
  await expect(detail).toBeVisible()
  expect(claimBlocks(await call<Draft>(page, 'drafts.get', { id: 'draft-river' }), 'claim-warning')).toBe(1)

  await detail.getByRole('button', { name: 'Delete claim…' }).click()
  await dialog.getByRole('button', { name: 'Delete claim' }).click()
  await expect(dialog).toHaveCount(0)
  await expect(board).not.toContainText(WARNING)
  await expect(detail).toHaveCount(0)
  expect((await call<Claim[]>(page, 'claims.list', {})).map((c) => c.id)).not.toContain('claim-warning')
  expect(claimBlocks(await call<Draft>(page, 'drafts.get', { id: 'draft-river' }), 'claim-warning')).toBe(0)

  await notice(page, 'Deleted claim').getByRole('button', { name: 'Undo' }).click()
  await expect(board.locator('[data-claim-id="claim-warning"]')).toContainText(WARNING)
  const back = await call<Claim>(page, 'claims.get', { id: 'claim-warning' })
  expect(back.evidence.map((e) => e.quoteId ?? e.sourceId)).toEqual(['q-warning-sent', 'src-report'])
  expect(claimBlocks(await call<Draft>(page, 'drafts.get', { id: 'draft-river' }), 'claim-warning')).toBe(1)
})

test('a draft: delete from the editor asks; Cancel leaves it open; yes closes and deletes it; Ctrl+Z brings back the same draft', async ({ page }) => {
  await show(page, 'Drafts')
  const table = page.getByRole('table', { name: 'Drafts' })
  await table.getByRole('button', { name: DRAFT }).click()
  const editor = page.getByRole('region', { name: 'Draft editor' })
  await expect(editor).toBeVisible()

  await editor.getByRole('button', { name: 'Delete draft…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Delete this draft?' })
  await expect(dialog).toContainText(`“${DRAFT}” will be deleted. Nothing else points at it.`)
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toHaveCount(0)
  await expect(editor).toBeVisible()
  expect((await call<Draft[]>(page, 'drafts.list', {})).map((d) => d.id)).toEqual(['draft-river'])

  await editor.getByRole('button', { name: 'Delete draft…' }).click()
  await dialog.getByRole('button', { name: 'Delete draft' }).click()
  await expect(dialog).toHaveCount(0)
  await expect(editor).toHaveCount(0)
  await expect(page.getByText('No drafts yet.')).toBeVisible()
  expect(await call<Draft[]>(page, 'drafts.list', {})).toEqual([])
  await expect(notice(page, `Deleted draft “${DRAFT}”.`)).toContainText('Undo')

  // The same draft, same id and title, with its claim block still tied to its claim.
  await page.keyboard.press('Control+z')
  await expect(table.getByRole('button', { name: DRAFT })).toBeVisible()
  const [back] = await call<Draft[]>(page, 'drafts.list', {})
  expect(back).toMatchObject({ id: 'draft-river', title: DRAFT })
  expect(claimBlocks(back, 'claim-warning')).toBe(1)
  await table.getByRole('button', { name: DRAFT }).click()
  await expect(editor).toBeVisible()
})
