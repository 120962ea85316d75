// An editor's everyday work with the keyboard alone: open an interview, quote a whole segment with
// Q, tag it by typing part of an existing tag's name, edit the quote's note, delete an interview
// and undo the delete. No mouse from the first key to the last.
import { expect, test, type Page } from '@playwright/test'
import { serve, tempArchive } from './support/host'
import { watchErrors } from './support/page'
import { call } from './support/api'

/** Presses Tab (or Shift+Tab) until the focused element matches, as a person would; fails after `max` presses. */
async function tabTo(page: Page, matches: (el: { tag: string; text: string; label: string }) => boolean, back = false, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab')
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null
      return { tag: a?.tagName ?? '', text: (a?.innerText ?? '').trim(), label: a?.getAttribute('aria-label') ?? '' }
    })
    if (matches(el)) return
  }
  throw new Error('Tab never reached the element')
}

interface Quote {
  id: string
  text: string
  note?: string
  tagIds: string[]
  interviewId: string
}

test('keyboard only: open, quote a whole segment with Q, tag by part of a name, edit the note, delete an interview and undo', async ({ page }) => {
  const host = await serve(tempArchive())
  const problems = watchErrors(page)
  try {
    await page.goto(host.url)
    const table = page.getByRole('table', { name: 'Interviews' })
    await expect(table.getByRole('row')).toHaveCount(4)

    // Open an interview: Tab to its row, Enter. The keyboard lands on its first segment.
    await tabTo(page, (el) => el.tag === 'TR' && el.text.startsWith('Nadia Petrenko'))
    await page.keyboard.press('Enter')
    const transcript = page.getByRole('list', { name: 'Transcript' })
    const segment = (i: number) => transcript.locator(`.segment[data-segment-index="${i}"]`)
    await expect(segment(0)).toBeFocused()

    // Shift+→ selects word by word inside the focused segment; Shift+← takes one back.
    await page.keyboard.press('End')
    await expect(segment(6)).toBeFocused()
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight')
    await page.keyboard.press('Shift+ArrowLeft')
    const toolbar = page.getByRole('toolbar', { name: 'Transcript tools' })
    await expect(toolbar).toContainText('2 words selected')
    await page.keyboard.press('q')
    const panel = page.getByRole('dialog', { name: 'New quote' })
    await expect(panel.locator('blockquote')).toHaveText('What I')
    await page.keyboard.press('Escape')
    await expect(panel).toHaveCount(0)
    await expect(segment(6)).toBeFocused()

    // Q with nothing selected quotes the whole focused segment.
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp')
    await expect(segment(3)).toBeFocused()
    await page.keyboard.press('q')
    await expect(panel.locator('blockquote')).toHaveText('We took out forty-one people by boat before sunrise, most of them elderly.')
    await expect(panel.getByRole('combobox', { name: 'Tags' })).toBeFocused()

    // Part of an existing tag's name offers that tag first; Enter picks it; creating is second.
    await page.keyboard.type('resc')
    await expect(panel.getByRole('option').nth(0)).toHaveText('rescue')
    await expect(panel.getByRole('option').nth(0)).toHaveAttribute('aria-selected', 'true')
    await expect(panel.getByRole('option').nth(1)).toHaveText('Create tag “resc”')
    await page.keyboard.press('Enter')
    await expect(panel.locator('.tag-chip')).toHaveText(/rescue/)
    await page.keyboard.press('Control+Enter')
    await expect(panel).toHaveCount(0)
    await expect(segment(3)).toBeFocused()
    await expect(segment(3).locator('.hl')).toHaveText('We took out forty-one people by boat before sunrise, most of them elderly.')
    const tags = await call<{ id: string; name: string }[]>(page, 'tags.list', {})
    const rescue = tags.find((t) => t.name === 'rescue')?.id
    let made = (await call<Quote[]>(page, 'quotes.list', {})).find((q) => q.text.startsWith('We took out'))
    expect(made).toMatchObject({ tagIds: [rescue] })
    expect(tags).toHaveLength(4)

    // Edit the quote's note: Enter on the segment opens its card with the keyboard in it.
    await page.keyboard.press('Enter')
    const card = page.getByRole('dialog', { name: 'Quote' })
    await expect(card.getByRole('button', { name: 'Edit tags and note' })).toBeFocused()
    await page.keyboard.press('Enter')
    const note = card.getByRole('textbox', { name: 'Note' })
    await expect(note).toBeFocused()
    await page.keyboard.type('Forty-one by boat: check against the brigade’s log.')
    await page.keyboard.press('Control+Enter')
    await expect(card).toContainText('Forty-one by boat: check against the brigade’s log.')
    made = (await call<Quote[]>(page, 'quotes.list', {})).find((q) => q.id === made?.id)
    expect(made?.note).toBe('Forty-one by boat: check against the brigade’s log.')
    await page.keyboard.press('Escape')
    await expect(card).toHaveCount(0)
    await expect(segment(3)).toBeFocused()

    // Delete the interview: the app asks in its own dialog, saying what goes with it.
    await tabTo(page, (el) => el.text === 'Delete interview…', true)
    await page.keyboard.press('Enter')
    const confirm = page.getByRole('dialog', { name: 'Delete this interview?' })
    await expect(confirm).toContainText('3 quotes, 1 piece of evidence from 1 claim and 1 block in 1 draft go with it.')
    await expect(confirm.getByRole('button', { name: 'Delete interview' })).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(confirm).toHaveCount(0)
    await expect(table.getByRole('row')).toHaveCount(3)
    await expect(page.locator('.notice').filter({ hasText: 'Deleted interview' })).toContainText('Undo')
    expect((await call<Quote[]>(page, 'quotes.list', {})).filter((q) => q.interviewId === made?.interviewId)).toEqual([])

    // Undo brings it back with its quotes, their tags and notes.
    await page.keyboard.press('Control+z')
    await expect(table.getByRole('row')).toHaveCount(4)
    await expect(table).toContainText('Nadia Petrenko, volunteer rescuer')
    const back = (await call<Quote[]>(page, 'quotes.list', {})).find((q) => q.id === made?.id)
    expect(back).toMatchObject({ note: 'Forty-one by boat: check against the brigade’s log.', tagIds: [rescue] })

    // Delete on a focused row asks too; Esc keeps it and gives the keyboard back to the row.
    await tabTo(page, (el) => el.tag === 'TR' && el.text.startsWith('Ivo Marek'))
    await page.keyboard.press('Delete')
    await expect(page.getByRole('dialog', { name: 'Delete this interview?' })).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(page.getByRole('dialog', { name: 'Delete this interview?' })).toHaveCount(0)
    await expect(table.getByRole('row').filter({ hasText: 'Ivo Marek' })).toBeFocused()
    await expect(table.getByRole('row')).toHaveCount(4)
    expect(problems).toEqual([])
  } finally {
    await host.stop()
  }
})

test('search says how many it found, and the words it found stay marked in the transcript it jumps to', async ({ page }) => {
  const host = await serve(tempArchive())
  try {
    await page.goto(host.url)
    await page.keyboard.press('Control+f')
    await page.keyboard.type('sirens')
    await expect(page.locator('.hit-count')).toHaveText('6 results')
    await page.keyboard.press('Enter')
    const found = page.locator('.segment mark.found, .segment .hl.found')
    await expect(found).toHaveText(['sirens'])
    await expect(found.locator('xpath=ancestor::li[contains(@class, "segment")]')).toBeFocused()
  } finally {
    await host.stop()
  }
})

test('a quote card copies its words with attribution by the source’s naming rule', async ({ page, context }) => {
  const host = await serve(tempArchive())
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'])
    await page.goto(host.url)
    await page.keyboard.press('Alt+4')
    const card = page.getByRole('list', { name: 'Quotes' }).locator('li').filter({ hasText: 'Nobody called us.' })
    await expect(card).toContainText('Nadia Petrenko')
    await expect(card).toContainText('at 0:05')
    await card.getByRole('button', { name: 'Copy with attribution' }).click()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('“Around two in the morning. Nobody called us,” says Nadia Petrenko, a volunteer rescuer.')

    // A quote across two segments keeps its break in the list, and the anonymous clerk is never named in print.
    const across = await call<{ id: string }>(page, 'quotes.create', {
      interviewId: 'int-nadia',
      start: { segmentId: 'n3', offset: 0 },
      end: { segmentId: 'n4', offset: 6 },
      text: 'How many people did the brigade move that night?\nWe too'
    })
    await page.reload()
    await page.keyboard.press('Alt+4')
    const twoLines = page.locator(`[data-quote-id="${across.id}"] blockquote`).first()
    await expect(twoLines).toHaveText('How many people did the brigade move that night?\nWe too', { useInnerText: true })
    const schedule = page.getByRole('list', { name: 'Quotes' }).locator('li').filter({ hasText: 'The mayor' })
    await expect(schedule).toContainText('in print: an employee of the town hall')
    await schedule.getByRole('button', { name: 'Copy with attribution' }).click()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      '“The mayor\'s office signs the schedule. In April it was changed so that the sirens stay off on public holidays,” says an employee of the town hall.'
    )
  } finally {
    await host.stop()
  }
})
