import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { serve, tempArchive } from './support/host'
import { watchErrors } from './support/page'
import { call } from './support/api'

// The suite's own interviews (test/fixtures), so this runs on any clone.
const FIXTURES = join(import.meta.dirname, '../test/fixtures/interviews')
const WORDS = 'about 2,500 CSTO soldiers'

/** Selects exactly `words` inside an element's text, as a mouse drag over them would. */
async function selectWords(page: Page, selector: string, words: string): Promise<void> {
  await page.locator(selector).evaluate((el, words) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const at = node.data.indexOf(words)
      if (at < 0) continue
      const range = document.createRange()
      range.setStart(node, at)
      range.setEnd(node, at + words.length)
      const selection = document.getSelection()
      selection?.removeAllRanges()
      selection?.addRange(range)
      return
    }
    throw new Error(`“${words}” is not in one text node`)
  }, words)
}

test('a quote made from the keyboard is highlighted, flagged when a correction changes its words, and undo clears the flag', async ({ page }) => {
  const host = await serve(tempArchive())
  const problems = watchErrors(page)
  try {
    await page.goto(host.url)
    await page.getByTestId('import-files').setInputFiles([
      { name: 'marat-seitkali.vtt', mimeType: 'text/vtt', buffer: readFileSync(join(FIXTURES, 'marat-seitkali.vtt')) }
    ])
    const importPanel = page.getByRole('dialog', { name: 'Import' })
    await expect(importPanel).toContainText('1 imported')
    await importPanel.getByRole('button', { name: 'Close' }).click()
    await page.getByRole('table', { name: 'Interviews' }).getByRole('row').filter({ hasText: 'Marat Seitkali' }).click()

    const transcript = page.getByRole('list', { name: 'Transcript' })
    const found = transcript.locator('.segment').filter({ hasText: '2,500' })
    await expect(found).toHaveCount(1)
    const index = await found.getAttribute('data-segment-index')
    // By its place, not its words: the words are about to change.
    const segment = transcript.locator(`.segment[data-segment-index="${index}"]`)
    const text = `.segment[data-segment-index="${index}"] .segment-text`

    // The only pointer step: the words are selected. Everything after is the keyboard.
    await selectWords(page, text, WORDS)
    await expect(page.getByRole('toolbar', { name: 'Transcript tools' })).toContainText('4 words selected')
    await page.keyboard.press('q')
    const panel = page.getByRole('dialog', { name: 'New quote' })
    await expect(panel.locator('blockquote')).toHaveText(WORDS)
    await expect(panel.getByRole('alert')).toHaveCount(0)
    await expect(panel.getByRole('combobox', { name: 'Tags' })).toBeFocused()
    await page.keyboard.type('CSTO')
    await expect(panel.getByRole('option', { name: 'Create tag “CSTO”' })).toHaveAttribute('aria-selected', 'true')
    await page.keyboard.press('Enter')
    await expect(panel.locator('.tag-chip')).toContainText('CSTO')
    await page.keyboard.press('Tab')
    await page.keyboard.type('Disputed: Saule Bekova says nearly three thousand.')
    await page.keyboard.press('Control+Enter')
    await expect(panel).toHaveCount(0)

    const highlight = segment.locator('.hl')
    await expect(highlight).toHaveText(WORDS)
    const saved = await call<{ text: string; tagIds: string[]; note?: string; status: string }[]>(page, 'quotes.list', {})
    const tags = await call<{ id: string; name: string; color: string }[]>(page, 'tags.list', {})
    const csto = tags.find((t) => t.name === 'CSTO')
    expect(saved.filter((q) => q.text === WORDS)).toEqual([expect.objectContaining({ tagIds: [csto?.id], status: 'exact', note: 'Disputed: Saule Bekova says nearly three thousand.' })])
    // The highlight wears its tag's colour, and hovering it shows the tag and the note.
    expect(await highlight.evaluate((el) => el.style.getPropertyValue('--hl'))).toBe(csto?.color)
    await highlight.hover()
    const card = page.getByRole('dialog', { name: 'Quote' })
    await expect(card).toContainText('CSTO')
    await expect(card).toContainText('Saule Bekova says nearly three thousand')
    await page.mouse.move(5, 5)
    await expect(card).toHaveCount(0)

    // Correct a word inside the quote: saving put the keyboard back on the segment; E opens its
    // words, Enter saves.
    await expect(segment).toBeFocused()
    await page.keyboard.press('e')
    const editor = segment.getByRole('textbox')
    await expect(editor).toBeFocused()
    const before = await editor.inputValue()
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.type(before.replace('2,500', '2,300'))
    await page.keyboard.press('Enter')
    await expect(editor).toHaveCount(0)
    await expect(segment.locator('.segment-text')).toContainText('about 2,300 CSTO soldiers')

    const review = segment.getByRole('group', { name: 'Quote words changed' })
    await expect(review.locator('.saved blockquote')).toHaveText(WORDS)
    await expect(review.locator('.now blockquote')).toHaveText('about 2,300 CSTO soldiers')
    await expect(review.locator('del')).toHaveText('2,500')
    await expect(review.locator('ins')).toHaveText('2,300')
    await expect(review.getByRole('button', { name: 'Keep new words' })).toBeVisible()
    await expect(review.getByRole('button', { name: 'Delete quote' })).toBeVisible()
    await expect(page.getByRole('toolbar', { name: 'Transcript tools' })).toContainText('1 quote to review')

    // Undo takes the correction back, and the quote reads its words again.
    await expect(segment).toBeFocused()
    await page.keyboard.press('ControlOrMeta+z')
    await expect(review).toHaveCount(0)
    await expect(segment.locator('.segment-text')).toContainText(WORDS)
    await expect(segment.locator('.hl')).toHaveText(WORDS)
    const after = await call<{ text: string; status: string }[]>(page, 'quotes.list', {})
    expect(after.find((q) => q.text === WORDS)?.status).toBe('exact')

    // Redo brings the correction and the flag back; keeping the new words clears it for good.
    await page.keyboard.press('ControlOrMeta+Shift+z')
    await expect(review).toBeVisible()
    await review.getByRole('button', { name: 'Keep new words' }).click()
    await expect(review).toHaveCount(0)
    await expect(segment.locator('.hl')).toHaveText('about 2,300 CSTO soldiers')
    const kept = await call<{ text: string; status: string }[]>(page, 'quotes.list', {})
    expect(kept.filter((q) => q.text.includes('CSTO soldiers'))).toEqual([expect.objectContaining({ text: 'about 2,300 CSTO soldiers', status: 'exact' })])
    expect(problems).toEqual([])
  } finally {
    await host.stop()
  }
})

/** Selects from the start of `from` in one element to the end of `to` in another. */
async function selectAcross(page: Page, from: [string, string], to: [string, string]): Promise<void> {
  await page.evaluate(
    ({ from, to }) => {
      const find = (selector: string, words: string): [Text, number] => {
        const el = document.querySelector(selector)
        if (!el) throw new Error(`no ${selector}`)
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
        for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
          const at = node.data.indexOf(words)
          if (at >= 0) return [node, at]
        }
        throw new Error(`“${words}” is not in one text node of ${selector}`)
      }
      const [startNode, startAt] = find(from[0], from[1])
      const [endNode, endAt] = find(to[0], to[1])
      const range = document.createRange()
      range.setStart(startNode, startAt)
      range.setEnd(endNode, endAt + to[1].length)
      document.getSelection()?.removeAllRanges()
      document.getSelection()?.addRange(range)
    },
    { from, to }
  )
}

test('a selection that starts inside a highlight and crosses segments quotes exactly its words', async ({ page }) => {
  const host = await serve(tempArchive())
  try {
    await page.goto(host.url)
    await page.getByText('Nadia Petrenko, volunteer rescuer').click()
    // Segment 1 holds the demo quote “Around two in the morning. Nobody called us.” as a highlight.
    await expect(page.locator('.segment[data-segment-index="1"] .hl')).toHaveText('Around two in the morning. Nobody called us.')
    await selectAcross(page, ['.segment[data-segment-index="1"] .hl', 'Nobody'], ['.segment[data-segment-index="2"] .segment-text', 'How many people'])
    await page.keyboard.press('q')
    const panel = page.getByRole('dialog', { name: 'New quote' })
    await expect(panel.locator('blockquote')).toHaveText('Nobody called us. A neighbour knocked on my door with water already at her ankles. How many people')
    await page.keyboard.press('ControlOrMeta+Enter')
    await expect(panel).toHaveCount(0)
    const quotes = await call<{ text: string; start: { offset: number }; end: { offset: number } }[]>(page, 'quotes.list', {})
    const made = quotes.find((q) => q.text.startsWith('Nobody called us.'))
    expect(made?.text).toBe('Nobody called us. A neighbour knocked on my door with water already at her ankles.\nHow many people')
    expect(made?.start.offset).toBe('Around two in the morning. '.length)
    expect(made?.end.offset).toBe('How many people'.length)
    // Both segments now carry its highlight; the overlap with the older quote shows as one.
    await expect(page.locator('.segment[data-segment-index="2"] .hl')).toHaveText('How many people')
    await expect(page.locator('.segment[data-segment-index="1"] .hl.overlap')).toHaveText('Nobody called us.')
    // Undo takes the new quote away; redo makes it again (a new id), and undo still finds it.
    await page.keyboard.press('ControlOrMeta+z')
    await expect(page.locator('.segment[data-segment-index="2"] .hl')).toHaveCount(0)
    await page.keyboard.press('ControlOrMeta+Shift+z')
    await expect(page.locator('.segment[data-segment-index="2"] .hl')).toHaveText('How many people')
    await page.keyboard.press('ControlOrMeta+z')
    await expect(page.locator('.segment[data-segment-index="2"] .hl')).toHaveCount(0)
    const left = await call<{ text: string }[]>(page, 'quotes.list', {})
    expect(left.filter((q) => q.text.startsWith('Nobody called us.'))).toEqual([])
  } finally {
    await host.stop()
  }
})

test('quoting words said off the record warns before saving; a time copies; a recording that cannot load says so', async ({ page, context }) => {
  const host = await serve(tempArchive())
  const requests: string[] = []
  page.on('request', (r) => requests.push(r.url()))
  try {
    await page.goto(host.url)
    await page.getByText('Nadia Petrenko, volunteer rescuer').click()
    const offRecord = page.locator('.segment.off-record').first()
    const index = await offRecord.getAttribute('data-segment-index')
    const words = (await offRecord.locator('.segment-text').innerText()).split(' ').slice(0, 3).join(' ')
    await selectWords(page, `.segment[data-segment-index="${index}"] .segment-text`, words)
    // The toolbar button does what Q does.
    await page.getByRole('button', { name: 'Quote selection' }).click()
    const panel = page.getByRole('dialog', { name: 'New quote' })
    await expect(panel.getByRole('alert')).toContainText('off-the-record')
    await expect(panel.locator('blockquote')).toHaveText(words)
    await page.keyboard.press('Escape')
    await expect(panel).toHaveCount(0)

    // A saved quote's card opens from the keyboard too: Enter on its segment.
    const quoted = page.locator('.segment').filter({ has: page.locator('.hl') }).first()
    await quoted.focus()
    await page.keyboard.press('Enter')
    await expect(page.getByRole('dialog', { name: 'Quote' })).toContainText('warnings')
    await page.keyboard.press('Escape')
    await expect(page.getByRole('dialog', { name: 'Quote' })).toHaveCount(0)

    await context.grantPermissions(['clipboard-read', 'clipboard-write'])
    await page.locator('.segment[data-segment-index="1"] .time').click()
    await expect(page.locator('.notice').last()).toContainText('Copied 0:05.')
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('0:05')

    // The window may not read files by path: playing a named recording fails with a notice.
    await page.locator('.details-card summary').click()
    await page.locator('.details-card input[name="recordingFile"]').fill('nadia-petrenko.m4a')
    await page.getByRole('button', { name: 'Save details' }).click()
    await page.getByRole('button', { name: 'Play the recording from 0:05' }).click()
    await expect(page.locator('.notice.error')).toContainText('Could not load the recording “nadia-petrenko.m4a”')
    await expect(page.getByRole('button', { name: 'Choose recording…' })).toBeVisible()
    const origin = new URL(host.url).origin
    expect(requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'))).toEqual([])
  } finally {
    await host.stop()
  }
})

/** A three-hour interview: 2,000 segments, about 30,000 words, lengths varying as speech does. */
function longInterview(): { title: string; segments: object[] } {
  const vocabulary = 'the square police morning January troops city people camera night journalists channel state news said went saw heard called again later before after because nobody everyone street building minister'.split(' ')
  let seed = 7
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
  const segments = Array.from({ length: 2000 }, (_, i) => {
    const count = 3 + Math.floor(next() * 25)
    const words = Array.from({ length: count }, () => vocabulary[Math.floor(next() * vocabulary.length)])
    return {
      speaker: i % 2 ? 'Guest Speaker' : 'Interviewer',
      text: `Segment ${i + 1}: ${words.join(' ')}.`,
      startSeconds: i * 5.4,
      endSeconds: (i + 1) * 5.4,
      offRecord: i === 1500,
      tagIds: []
    }
  })
  return { title: 'Three-hour interview', segments }
}

test('a three-hour transcript opens with a bounded DOM and scrolls to its last segment', async ({ page }) => {
  const host = await serve(tempArchive())
  try {
    await page.goto(host.url)
    const created = await call<{ id: string; segmentCount: number; wordCount: number }>(page, 'interviews.create', longInterview())
    expect(created.segmentCount).toBe(2000)
    expect(created.wordCount).toBeGreaterThan(29_000)
    await page.reload()

    const started = Date.now()
    await page.getByRole('table', { name: 'Interviews' }).getByRole('row').filter({ hasText: 'Three-hour interview' }).click()
    const transcript = page.getByRole('list', { name: 'Transcript' })
    await expect(transcript.locator('.segment').first()).toContainText('Segment 1:')
    const openMs = Date.now() - started

    const rendered = await transcript.locator('.segment').count()
    const nodes = await page.evaluate(() => document.querySelectorAll('*').length)
    test.info().annotations.push({ type: 'measured', description: `opened in ${openMs} ms; ${rendered} of 2000 segments in the DOM; ${nodes} elements on the page` })
    console.log(`three-hour transcript: opened in ${openMs} ms; ${rendered} of 2000 segments in the DOM; ${nodes} elements on the page`)
    expect(rendered).toBeGreaterThan(5)
    expect(rendered).toBeLessThan(150)

    const scroller = page.locator('.transcript-scroller')
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight))
    const lastSegment = page.locator('.segment[data-segment-index="1999"]')
    await expect(lastSegment).toBeInViewport()
    await expect(lastSegment).toContainText('Segment 2000:')
    expect(await transcript.locator('.segment').count()).toBeLessThan(150)

    // The keyboard goes there too: Home to the first segment, End back to the last.
    await lastSegment.focus()
    await page.keyboard.press('Home')
    const firstSegment = page.locator('.segment[data-segment-index="0"]')
    await expect(firstSegment).toBeFocused()
    await expect(firstSegment).toBeInViewport()
    await page.keyboard.press('ArrowDown')
    await expect(page.locator('.segment[data-segment-index="1"]')).toBeFocused()
    await page.keyboard.press('End')
    await expect(lastSegment).toBeFocused()
    await expect(lastSegment).toBeInViewport()

    // A search hit deep in the transcript lands on its segment.
    await page.getByRole('searchbox', { name: 'Search the archive' }).fill('"Segment 1234"')
    await page.getByRole('listbox', { name: 'Search results' }).getByRole('option').first().click()
    const hit = page.locator('.segment[data-segment-index="1233"]')
    await expect(hit).toBeInViewport()
    await expect(hit).toHaveClass(/flash/)
  } finally {
    await host.stop()
  }
})
