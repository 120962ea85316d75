// The draft editor through the UI, on the suite's own Riverton story (test/fixtures/claims-story):
// a two-section draft from saved quotes, a trimmed quote checked as it is typed, an unsourced
// statement made into a claim with evidence, people named by their naming rule, and the exported
// Markdown read back from the downloaded file.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { serve, tempArchive } from './support/host'
import { watchErrors } from './support/page'
import { call } from './support/api'

const STORY = join(import.meta.dirname, '../test/fixtures/claims-story')

interface Segment {
  id: string
  text: string
}

/** Saves the words `words` (the start of one segment) as a quote, as selecting them in the transcript would. */
async function saveQuote(page: Page, interviewId: string, words: string): Promise<string> {
  const { segments } = await call<{ segments: Segment[] }>(page, 'transcript.get', { id: interviewId })
  const segment = segments.find((s) => s.text.startsWith(words))
  if (!segment) throw new Error(`No segment starts with “${words}”`)
  const quote = await call<{ id: string }>(page, 'quotes.create', { interviewId, start: { segmentId: segment.id, offset: 0 }, end: { segmentId: segment.id, offset: words.length }, text: words })
  return quote.id
}

const section = (page: Page, n: number): Locator => page.locator('.draft-section').nth(n)
const block = (scope: Locator, n: number): Locator => scope.locator(':scope > .draft-block').nth(n)

test('an editor builds a two-section draft from saved quotes, checks it, and exports Markdown with nothing held back leaking', async ({ page, context }) => {
  test.setTimeout(180_000)
  const host = await serve(tempArchive())
  const errors = watchErrors(page)
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  try {
    await page.goto(host.url)
    // The story's three interviews, imported as a reporter would (see e2e/import.spec.ts).
    await page.getByTestId('import-files').setInputFiles(readdirSync(STORY).map((name) => ({ name, mimeType: 'text/plain', buffer: readFileSync(join(STORY, name)) })))
    const importPanel = page.getByRole('dialog', { name: 'Import' })
    await expect(importPanel).toContainText('3 imported')
    await importPanel.getByRole('button', { name: 'Close' }).click()

    // Quotes saved from the transcripts, and Anna's role (the Quotes and Sources pages' work).
    const interviews = await call<{ id: string; title: string }[]>(page, 'interviews.list', {})
    const anna = interviews.find((i) => i.title === 'Anna Lindqvist')!.id
    const joe = interviews.find((i) => i.title.includes('Joe Baptiste'))!.id
    await saveQuote(page, anna, 'There were about forty workers on the deck when it fell, on the twelfth of March.')
    await saveQuote(page, anna, 'For 3.2 million you would expect new bearings.')
    await saveQuote(page, joe, 'The city paid 3.2 million. I saw the invoice myself.')
    const sources = await call<{ id: string; name: string }[]>(page, 'sources.list', {})
    await call(page, 'sources.update', { id: sources.find((s) => s.name === 'Anna Lindqvist')!.id, patch: { role: 'structural engineer' } })
    await page.reload()

    // A new draft opens in the editor with one section and an empty paragraph.
    await page.getByRole('button', { name: /^Drafts/ }).click()
    await page.getByRole('textbox', { name: 'Title of the new draft' }).fill('The Riverton bridge')
    await page.getByRole('button', { name: 'New draft' }).click()
    await expect(page.getByRole('region', { name: 'Draft editor' })).toBeVisible()
    await page.getByRole('textbox', { name: 'Byline' }).fill('Riverton desk')
    await page.getByRole('textbox', { name: /Heading of section 1/ }).fill('The collapse')
    const one = section(page, 0)
    await block(one, 0).getByRole('textbox', { name: 'Prose of block 1 of section 1 (Markdown)' }).fill('The bridge fell on 12 March 2024, with about 40 workers on it. Nobody *expected* it.')
    await expect(block(one, 0).locator('.prose-preview em')).toHaveText('expected')

    // The sentence with a date and a figure is flagged as unsourced, with its reasons.
    const unsourced = block(one, 0).getByRole('list', { name: 'Unsourced statements in block 1 of section 1' })
    await expect(unsourced).toContainText('The bridge fell on 12 March 2024')
    await expect(unsourced).toContainText('number about 40; date on 12 March 2024')
    await expect(page.locator('.statement-counts')).toContainText('1 unsourced')

    // A quote inserted with the keyboard picker: type, ↓/↑, Enter.
    await one.getByRole('group', { name: /Add a block at the end of section/ }).getByRole('button', { name: 'Quote…' }).click()
    const picker = page.getByRole('dialog', { name: 'Insert a quote' })
    await page.keyboard.type('3.2 million')
    await expect(picker.getByRole('option')).toHaveCount(2)
    await page.screenshot({ path: test.info().outputPath('quote-picker.png') })
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowUp')
    await picker.getByRole('combobox').fill('forty workers')
    await expect(picker.getByRole('option')).toHaveCount(1)
    await page.keyboard.press('Enter')
    await expect(picker).toBeHidden()
    const fortyQuote = block(one, 1)
    await expect(fortyQuote.locator('.quote-words')).toHaveText('There were about forty workers on the deck when it fell, on the twelfth of March.')

    // A trim without an ellipsis is an integrity error, shown as it is typed, and refuses export.
    const excerpt = fortyQuote.getByRole('textbox', { name: /Edit excerpt/ })
    await excerpt.fill('about forty workers when it fell')
    await expect(fortyQuote.locator('.verdict')).toContainText('Words are left out')
    await expect(fortyQuote.locator('.verdict')).toContainText('without an ellipsis')
    await expect(page.locator('.save-status')).toHaveText(/Saved/)
    await page.getByRole('button', { name: 'Export Markdown' }).click()
    const refused = page.getByRole('alert', { name: 'Export refused' })
    await expect(refused).toContainText('Markdown not exported')
    await expect(refused).toContainText('integrity')
    await page.screenshot({ path: test.info().outputPath('export-refused.png') })
    await refused.getByRole('button', { name: '“The collapse”, block 2' }).click()
    await expect(fortyQuote).toBeFocused()
    await refused.getByRole('button', { name: 'Dismiss' }).click()

    // Printing it anyway needs a reason, which goes into the fact-check sheet.
    await fortyQuote.getByRole('button', { name: 'Print anyway…' }).click()
    const confirm = fortyQuote.getByRole('button', { name: 'Print anyway', exact: true })
    await expect(confirm).toBeDisabled()
    await fortyQuote.getByRole('textbox', { name: /Why print it despite this/ }).fill('The reporter checked the cut against the recording.')
    await confirm.click()
    await expect(fortyQuote.getByRole('textbox', { name: /Printed anyway, because/ })).toHaveValue('The reporter checked the cut against the recording.')
    await expect(page.locator('.draft-status')).toContainText('Nothing stops an export.')
    const sheetDownload = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Fact-check sheet' }).click()
    const sheet = await sheetDownload
    expect(sheet.suggestedFilename()).toBe('the-riverton-bridge-fact-check.md')
    expect(readFileSync((await sheet.path())!, 'utf8')).toContain('The reporter checked the cut against the recording.')
    await fortyQuote.getByRole('button', { name: 'Do not print it anyway' }).click()
    await expect(page.getByRole('group', { name: 'Problems that stop an export' })).toContainText('without an ellipsis')

    await excerpt.fill('about forty workers … when it fell')
    await expect(fortyQuote.locator('.verdict')).toContainText('Faithful excerpt')
    await expect(fortyQuote.locator('.printed')).toContainText('“about forty workers … when it fell”')

    // Anna may be named: set from the block that quotes her.
    await expect(fortyQuote.locator('.held-back')).toContainText('Anna Lindqvist has not confirmed how they may be named')
    await fortyQuote.getByRole('combobox', { name: 'How Anna Lindqvist may be named' }).selectOption('on-record')
    await expect(fortyQuote.locator('.printed')).toContainText('— Anna Lindqvist, a structural engineer')
    await expect(fortyQuote.locator('.held-back')).toHaveCount(0)

    // A second section: a quote dragged from the quotes panel, another from the picker.
    await page.getByRole('button', { name: '+ Add section' }).click()
    await page.getByRole('textbox', { name: /Heading of section 2/ }).fill('The money')
    const two = section(page, 1)
    await block(two, 0).getByRole('textbox', { name: /Prose of block 1/ }).fill('The repairs did not hold.')
    // Dropped on the lower half of the paragraph: the quote goes after it.
    const below = (await block(two, 0).boundingBox())!.height - 12
    await page.locator('.panel-quote', { hasText: 'I saw the invoice myself' }).dragTo(block(two, 0), { targetPosition: { x: 40, y: below } })
    await expect(block(two, 1).locator('.quote-words')).toHaveText('The city paid 3.2 million. I saw the invoice myself.')
    await two.getByRole('group', { name: /Add a block at the end of section/ }).getByRole('button', { name: 'Quote…' }).click()
    await page.keyboard.type('bearings')
    await page.keyboard.press('Enter')
    await expect(block(two, 2).locator('.quote-words')).toHaveText('For 3.2 million you would expect new bearings.')
    await expect(block(two, 2).locator('.printed')).toContainText('— Lindqvist')

    // Joe asked not to be named: his description, never his name.
    await block(two, 1).getByRole('combobox', { name: 'How Joe Baptiste may be named' }).selectOption('anonymous')
    await block(two, 1).getByRole('textbox', { name: 'How to describe Joe Baptiste in print' }).fill('a site foreman')
    await block(two, 1).getByRole('button', { name: 'Keep anonymous' }).click()
    await expect(block(two, 1).locator('.printed')).toContainText('— a site foreman')
    await expect(block(two, 1).locator('.held-back')).toContainText('Joe Baptiste is anonymous')

    // Alt+↑ on a focused block moves it, and the focus stays in it.
    const bearingsExcerpt = block(two, 2).getByRole('textbox', { name: /Edit excerpt/ })
    await bearingsExcerpt.focus()
    await page.keyboard.press('Alt+ArrowUp')
    await expect(block(two, 1).locator('.quote-words')).toHaveText('For 3.2 million you would expect new bearings.')
    await expect(block(two, 2).locator('.quote-words')).toHaveText('The city paid 3.2 million. I saw the invoice myself.')
    await expect(block(two, 1).getByRole('textbox', { name: /Edit excerpt/ })).toBeFocused()

    // Delete a block, then undo brings it back.
    await block(two, 0).getByRole('button', { name: 'Delete block 1 of section 2 (prose)' }).click()
    await expect(block(two, 0).locator('.quote-words')).toHaveText('For 3.2 million you would expect new bearings.')
    await page.locator('.draft-head h1').click()
    await page.keyboard.press('Control+z')
    await expect(block(two, 0).getByRole('textbox', { name: /Prose of block 1/ })).toHaveValue('The repairs did not hold.')

    // The unsourced statement becomes a claim, tied to its sentence; evidence is proposed right there.
    await unsourced.getByRole('button', { name: 'Make it a claim' }).click()
    await expect(block(one, 0).locator('.prose-preview .claim-marker')).toHaveText('[1]')
    await expect(block(one, 0).getByRole('textbox', { name: /Prose of block 1/ })).toHaveValue(/on it\. \[\[claim:[\w-]+\]\] Nobody/)
    await expect(unsourced).toHaveCount(0)
    const evidence = page.getByRole('region', { name: 'Evidence for the claim' })
    await expect(evidence).toContainText('Evidence for “The bridge fell on 12 March 2024, with about 40 workers on it.”')
    const proposal = evidence.locator('.proposals > li', { hasText: 'about forty workers on the deck' })
    await proposal.getByRole('button', { name: /^Add as evidence/ }).click()
    await expect(proposal).toContainText('Added as evidence')
    await evidence.screenshot({ path: test.info().outputPath('evidence-panel.png') })
    await expect(page.locator('.statement-counts')).toContainText('0 unsourced')

    // House style from the drafts view: later mentions by first name.
    await page.locator('.house-style-menu summary').click()
    await page.locator('.house-style-menu').getByRole('combobox', { name: 'Later mentions' }).selectOption('first-name')
    await expect(block(two, 1).locator('.printed')).toContainText('— Anna')
    await page.locator('.house-style-menu summary').click()

    // Export: the file holds the exact words, the attribution in house style and the claim's footnote.
    await expect(page.locator('.save-status')).toHaveText(/Saved/)
    await expect(page.getByRole('group', { name: 'Problems that stop an export' })).toHaveCount(0)
    const downloading = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Export Markdown' }).click()
    const download = await downloading
    expect(download.suggestedFilename()).toBe('the-riverton-bridge.md')
    const markdown = readFileSync((await download.path())!, 'utf8')
    expect(markdown).toMatch(/^---\ntitle: The Riverton bridge\n/)
    expect(markdown).toContain('byline: Riverton desk')
    expect(markdown).toContain('## The collapse')
    expect(markdown).toContain('## The money')
    expect(markdown).toContain('> “about forty workers … when it fell”')
    expect(markdown).toContain('> — Anna Lindqvist, a structural engineer')
    expect(markdown).toContain('> “For 3.2 million you would expect new bearings.”')
    expect(markdown).toContain('> — Anna\n')
    expect(markdown).toContain('> “The city paid 3.2 million. I saw the invoice myself.”')
    expect(markdown).toContain('> — a site foreman')
    expect(markdown).toContain('The bridge fell on 12 March 2024, with about 40 workers on it.[^claim-1]')
    expect(markdown).toMatch(/\n\[\^claim-1\]: Unverified\. It rests on one voice: Anna Lindqvist\.\n\n {4}- supports: Anna Lindqvist \(Anna Lindqvist, 0:05\): “There were about forty workers on the deck when it fell, on the twelfth of March\.”/)
    // Neither the anonymous person's name nor the words said off the record.
    expect(markdown).not.toMatch(/Baptiste|Joe\b/)
    expect(markdown).not.toContain('Mark Feld')
    const done = page.getByRole('status', { name: 'Export finished' })
    await expect(done).toContainText('Markdown exported as the-riverton-bridge.md')
    await expect(done).toContainText('Joe Baptiste asked not to be named: printed as “a site foreman”')
    await page.screenshot({ path: test.info().outputPath('export-done.png') })

    // The same article as a standalone HTML page.
    const htmlDownload = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Export HTML' }).click()
    const htmlFile = await htmlDownload
    expect(htmlFile.suggestedFilename()).toBe('the-riverton-bridge.html')
    const html = readFileSync((await htmlFile.path())!, 'utf8')
    expect(html).toContain('<blockquote>')
    expect(html).toContain('“about forty workers … when it fell”')
    expect(html).not.toMatch(/<script|Baptiste/)

    // One section as Markdown, on the clipboard.
    await two.getByRole('button', { name: 'Copy section as Markdown' }).click()
    await expect(page.locator('.notice', { hasText: 'Copied section' })).toContainText('Copied section “The money” as Markdown.')
    const copied = await page.evaluate(() => navigator.clipboard.readText())
    expect(copied).toContain('## The money')
    expect(copied).not.toContain('The collapse')
    expect(copied).not.toContain('Baptiste')

    // The fact-check sheet now lists the claim and its evidence.
    const sheetAgain = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Fact-check sheet' }).click()
    const factcheck = readFileSync((await (await sheetAgain).path())!, 'utf8')
    expect(factcheck).toContain('The bridge fell on 12 March 2024, with about 40 workers on it.')
    expect(factcheck).not.toContain('Baptiste')

    // Every control in the editor has a name (axe-core), in light and in dark.
    const axe = await new AxeBuilder({ page }).include('.draft-pane').analyze()
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])

    // Everything typed was saved: the archive holds it after a reload.
    await page.reload()
    await page.getByRole('button', { name: /^Drafts/ }).click()
    const row = page.getByRole('table', { name: 'Drafts' }).getByRole('row', { name: /The Riverton bridge/ })
    await expect(row.getByRole('cell').nth(2)).toHaveText('0')
    await row.getByRole('button', { name: 'The Riverton bridge' }).click()
    await expect(page.getByRole('textbox', { name: /Heading of section 2/ })).toHaveValue('The money')
    await expect(block(section(page, 0), 1).getByRole('textbox', { name: /Edit excerpt/ })).toHaveValue('about forty workers … when it fell')
    expect(errors).toEqual([])
  } finally {
    await host.stop()
  }
})

test('blocks and sections move by drag, typing is saved while a save is under way, and undo puts moves back', async ({ page }) => {
  const host = await serve(tempArchive())
  try {
    // Tall enough that a drag's start and end are both in view: a drag that has to scroll the page never starts here.
    await page.setViewportSize({ width: 1280, height: 1800 })
    await page.goto(host.url)
    // The demo archive's own draft: a paragraph, a quote and a claim in one section.
    await page.getByRole('button', { name: /^Drafts/ }).click()
    await page.getByRole('table', { name: 'Drafts' }).getByRole('button').first().click()
    const one = section(page, 0)
    await expect(block(one, 2)).toHaveClass(/block-claim/)
    await page.getByRole('button', { name: '+ Add section' }).click()
    await page.getByRole('textbox', { name: /Heading of section 2/ }).fill('Afterwards')
    const two = section(page, 1)

    // The claim block, by its handle, onto the upper half of the new section's paragraph: before it.
    await block(one, 2).locator('.drag-handle').dragTo(block(two, 0), { targetPosition: { x: 40, y: 8 } })
    await expect(one.locator(':scope > .draft-block')).toHaveCount(2)
    await expect(block(two, 0)).toHaveClass(/block-claim/)
    await expect(block(two, 1)).toHaveClass(/block-prose/)

    // The new section, by its handle, above the first.
    await two.locator('.section-head .drag-handle').dragTo(one, { targetPosition: { x: 40, y: 4 } })
    await expect(page.getByRole('textbox', { name: /Heading of section 1/ })).toHaveValue('Afterwards')
    await expect(block(section(page, 0), 0)).toHaveClass(/block-claim/)
    await expect(page.locator('.save-status')).toHaveText(/Saved/)
    const saved = await call<{ sections: { heading: string; blocks: { type: string }[] }[] }>(page, 'drafts.get', { id: 'draft-river' })
    expect(saved.sections.map((s) => [s.heading, s.blocks.map((b) => b.type).join(',')])).toEqual([
      ['Afterwards', 'claim,prose'],
      ['', 'prose,quote']
    ])

    // Undo, twice: the section and then the block go back.
    await page.locator('.draft-head h1').click()
    await page.keyboard.press('Control+z')
    await expect(page.getByRole('textbox', { name: /Heading of section 2/ })).toHaveValue('Afterwards')
    await page.keyboard.press('Control+z')
    await expect(block(section(page, 0), 2)).toHaveClass(/block-claim/)
    await page.keyboard.press('Control+Shift+z')
    await expect(block(section(page, 1), 0)).toHaveClass(/block-claim/)

    // Keys typed slower than the save's pause: each lands while the save before it is under way.
    const prose = block(section(page, 0), 0).getByRole('textbox', { name: /Prose of block 1/ })
    await prose.press('End')
    await prose.pressSequentially(' Then.', { delay: 700 })
    await expect(page.locator('.save-status')).toHaveText(/Saved/)
    const typed = await call<{ sections: { blocks: { type: string; text?: string }[] }[] }>(page, 'drafts.get', { id: 'draft-river' })
    expect(typed.sections[0]!.blocks[0]!.text).toBe(`${await prose.inputValue()}`)
    expect(typed.sections[0]!.blocks[0]!.text).toMatch(/knock\. Then\.$/)

    // A draft without a title is not saved until it has one again, and says so.
    const title = page.getByRole('textbox', { name: 'Title', exact: true })
    await title.fill('')
    await expect(page.locator('.save-status')).toHaveText('Give it a title to save it')
    await title.fill('The river rose at night')
    await expect(page.locator('.save-status')).toHaveText(/Saved/)
    expect((await call<{ title: string }>(page, 'drafts.get', { id: 'draft-river' })).title).toBe('The river rose at night')
  } finally {
    await host.stop()
  }
})

test('the editor in light and dark at 1024 px', async ({ page }) => {
  const host = await serve(tempArchive())
  try {
    await page.setViewportSize({ width: 1024, height: 900 })
    await page.goto(host.url)
    // The demo archive's own draft.
    await page.getByRole('button', { name: /^Drafts/ }).click()
    await page.getByRole('table', { name: 'Drafts' }).getByRole('button').first().click()
    await expect(page.getByRole('region', { name: 'Draft editor' })).toBeVisible()
    await expect(page.locator('.statement-counts')).toBeVisible()
    for (const theme of ['light', 'dark']) {
      await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme)
      const axe = await new AxeBuilder({ page }).include('.draft-pane').analyze()
      expect(axe.violations.map((v) => `${theme} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
      // Nothing spills sideways at 1024 px.
      expect(await page.locator('.main').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true)
      // The whole editor (the page scrolls inside .main): a tall window for the picture.
      await page.setViewportSize({ width: 1024, height: 2000 })
      await page.screenshot({ path: test.info().outputPath(`draft-editor-${theme}.png`) })
      await page.setViewportSize({ width: 1024, height: 900 })
    }
  } finally {
    await host.stop()
  }
})
