import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { serve, tempArchive } from './support/host'
import { importFolder, watchErrors } from './support/page'

// The Riverton story (invented, in the repo): runs on every clone.
const STORY = join(import.meta.dirname, '../test/fixtures/claims-story')
const STORY_FILES = ['anna-lindqvist.vtt', 'joe-baptiste-notes.md', 'pavel-orlov-ru.txt']
const CLAIM = 'About 40 workers were on the bridge when it collapsed on 12 March 2024'
const ANNA_WORDS = 'There were about forty workers on the deck when it fell, on the twelfth of March.'
const JOE_WORDS = 'On the east ramp. Nearly sixty people were on the bridge when it went, on the eleventh of March.'
const REASON = 'Council minutes of 14 March list 41 workers on the deck'

const importStory = (page: Page): Promise<void> => importFolder(page, STORY, 3, STORY_FILES)

const section = (page: Page, name: string): Locator => page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: new RegExp(`^${name}`) })

test('a claim gets its evidence from the keyboard, shows the conflict, takes an override with its reason, and goes into the fact-check sheet', async ({ page }) => {
  const host = await serve(tempArchive())
  const problems = watchErrors(page)
  try {
    await page.goto(host.url)
    await importStory(page)
    await section(page, 'Claims').click()

    // Enter writes the claim down and opens Find evidence on it.
    await page.getByRole('textbox', { name: 'New claim' }).fill(CLAIM)
    await page.keyboard.press('Enter')
    const finder = page.getByRole('dialog', { name: 'Find evidence' })
    await expect(finder).toContainText(CLAIM)
    const proposals = finder.getByRole('list', { name: 'Proposals, best first' }).getByRole('listitem')
    const anna = proposals.filter({ hasText: ANNA_WORDS })
    const joe = proposals.filter({ hasText: JOE_WORDS })
    await expect(anna).toHaveCount(1)
    await expect(joe).toHaveCount(1)
    // Why each matched, in words: the figure and the date, and where they differ from the claim.
    await expect(anna).toContainText('about forty (= 40)')
    await expect(anna).toContainText('twelfth of March')
    await expect(joe).toContainText('a different number: Nearly sixty')
    await expect(joe).toContainText('suggested: contradicts')
    // The interviewer's questions are never proposed.
    await expect(proposals.filter({ hasText: 'How many people were on the bridge' })).toHaveCount(0)

    // Keyboard only from here: the first proposal has the keyboard; S, C and X link the one it is on.
    await expect(proposals.first()).toBeFocused()
    const count = await proposals.count()
    for (let i = 0; i < count; i++) {
      const current = proposals.nth(i)
      await expect(current).toBeFocused()
      const words = (await current.textContent()) ?? ''
      if (words.includes(ANNA_WORDS)) await page.keyboard.press('s')
      else if (words.includes(JOE_WORDS)) await page.keyboard.press('c')
      else await page.keyboard.press('ArrowDown')
      if (i < count - 1) await expect(proposals.nth(i + 1)).toBeFocused()
    }
    await expect(anna).toContainText('Linked: supports')
    await expect(joe).toContainText('Linked: contradicts')
    // Up and down move through the list.
    await page.keyboard.press('ArrowUp')
    await expect(proposals.nth(Math.max(0, count - 2))).toBeFocused()
    await page.keyboard.press('Escape')
    await expect(finder).toHaveCount(0)
    await expect(page.getByRole('button', { name: 'Find evidence' })).toBeFocused()

    // The claim: disputed from the evidence, two pieces of evidence, the conflict side by side.
    const detail = page.getByRole('article', { name: 'Claim' })
    const status = detail.getByRole('region', { name: 'Status' })
    await expect(status.locator('.status-now')).toHaveText(/Disputed\s*— from the evidence/)
    const evidence = detail.getByRole('list', { name: 'Evidence' }).getByRole('listitem')
    await expect(evidence).toHaveCount(2)
    await expect(evidence.filter({ hasText: ANNA_WORDS })).toContainText('Anna Lindqvist')
    await expect(evidence.filter({ hasText: ANNA_WORDS })).toContainText('0:05')
    await expect(evidence.filter({ hasText: JOE_WORDS })).toContainText('Joe Baptiste')
    const figure = detail.getByRole('group', { name: 'Figure: About 40' })
    const sides = figure.locator('.conflict-side')
    await expect(sides).toHaveCount(2)
    await expect(figure.locator('.conflict-side', { hasText: 'Anna Lindqvist' }).locator('.conflict-said')).toHaveText('about forty')
    await expect(figure.locator('.conflict-side', { hasText: 'Joe Baptiste' }).locator('.conflict-said')).toHaveText('Nearly sixty')
    await expect(detail.getByRole('group', { name: 'Date: 12 March 2024' })).toContainText('eleventh of March')
    const card = page.getByRole('list', { name: 'Claims' }).getByRole('button', { name: new RegExp(CLAIM) })
    await expect(card).toContainText('2 pieces of evidence · 1 independent source · 2 conflicts')
    await expect(card).toContainText('Rests on one voice')

    // The editor overrides it, with a reason; who wins is said in words, on the card and in the panel.
    await status.getByRole('button', { name: 'Choose a status…' }).click()
    await status.getByLabel('Status', { exact: true }).selectOption('verified-by-document')
    await expect(status.getByRole('button', { name: 'Set status' })).toBeDisabled()
    await status.getByLabel(/^Reason/).fill(REASON)
    await status.getByRole('button', { name: 'Set status' }).click()
    await expect(status.locator('.status-now')).toContainText(/Verified by document\s*— your choice; the evidence suggests disputed/)
    await expect(status).toContainText(`Reason: ${REASON}`)
    await expect(card).toContainText('your choice; the evidence suggests disputed')

    // The fact-check sheet: a Markdown file with the claim, the chosen status and its reason, and the exact words.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Fact-check sheet: all claims' }).click()])
    expect(download.suggestedFilename()).toMatch(/^fact-check-all-claims-\d{4}-\d{2}-\d{2}\.md$/)
    const sheet = readFileSync(await download.path(), 'utf8')
    expect(sheet).toContain('# Fact-check sheet')
    expect(sheet).toContain(CLAIM)
    expect(sheet).toContain('**Verified by document**')
    expect(sheet).toContain('the evidence suggests disputed')
    expect(sheet).toContain(REASON)
    expect(sheet).toContain(ANNA_WORDS)
    expect(sheet).toContain(JOE_WORDS)
    // Nobody has confirmed how Anna may be named: the sheet describes her, never names her.
    expect(sheet).not.toContain('Anna Lindqvist')

    // Return to the suggestion: the evidence decides again.
    await status.getByRole('button', { name: /Return to the suggestion/ }).click()
    await expect(status.locator('.status-now')).toHaveText(/Disputed\s*— from the evidence/)
    expect(problems).toEqual([])
  } finally {
    await host.stop()
  }
})

test('off-the-record passages are proposed only when asked for, marked, and a sheet that would print them is refused with a reason', async ({ page }) => {
  const host = await serve(tempArchive())
  const problems = watchErrors(page)
  try {
    await page.goto(host.url)
    await importStory(page)
    await section(page, 'Claims').click()
    // The claim repeats what Joe said off the record.
    await page.getByRole('textbox', { name: 'New claim' }).fill('The inspector, Mark Feld, signed the report without ever climbing the bridge.')
    await page.keyboard.press('Enter')
    const finder = page.getByRole('dialog', { name: 'Find evidence' })
    const proposals = finder.getByRole('list', { name: 'Proposals, best first' }).getByRole('listitem')
    await expect(finder).toContainText(/Why:|No segment in the archive bears on this claim/)
    await expect(proposals.filter({ hasText: 'Mark Feld' })).toHaveCount(0)
    await finder.getByLabel('Include off-the-record passages').check()
    const secret = proposals.filter({ hasText: 'Mark Feld' })
    await expect(secret).toHaveCount(1)
    await expect(secret.locator('.off-record-badge')).toHaveText('Off the record')
    await expect(secret).toHaveClass(/off-record/)
    await finder.getByRole('button', { name: 'Close' }).click()
    await expect(finder).toHaveCount(0)

    await page.getByRole('button', { name: 'Fact-check sheet: all claims' }).click()
    const refusal = page.getByRole('alert').filter({ hasText: 'fact-check sheet was not made' })
    await expect(refusal).toContainText('off the record')
    expect(problems).toEqual([])
  } finally {
    await host.stop()
  }
})

test('a duplicate person is merged with what moved said, and undone', async ({ page }) => {
  const host = await serve(tempArchive())
  const problems = watchErrors(page)
  try {
    await page.goto(host.url)
    await importStory(page)
    await section(page, 'Sources').click()
    const list = page.getByRole('list', { name: 'Sources' })
    const sam = list.getByRole('button', { name: /^Sam Okafor/ })
    // Import already knew the Cyrillic spelling for the same interviewer.
    await expect(sam).toContainText('also Сэм Окафор')
    await expect(sam).toContainText('Not confirmed')

    // A duplicate: a new person, and the transcript's first question said to be theirs.
    await page.getByRole('textbox', { name: 'Name or title of the new source' }).fill('S. Okafor')
    await page.keyboard.press('Enter')
    await expect(page.getByRole('heading', { name: 'S. Okafor', level: 2 })).toBeVisible()
    await section(page, 'Interviews').click()
    await page.getByRole('table', { name: 'Interviews' }).getByRole('row').filter({ hasText: 'Joe Baptiste' }).click()
    const first = page.locator('.segment[data-segment-index="0"]')
    await expect(first).toContainText('Sam Okafor')
    await first.getByRole('button', { name: 'Sam Okafor' }).click()
    const menu = page.getByRole('dialog', { name: 'Speaker Sam Okafor' })
    await menu.getByRole('button', { name: 'Assign to a person…' }).click()
    await menu.getByLabel('Only this segment').check()
    await menu.getByRole('searchbox', { name: 'Find the person' }).fill('s. ok')
    await menu.getByRole('list', { name: 'People' }).getByRole('button', { name: /^S\. Okafor/ }).click()
    await expect(menu).toHaveCount(0)

    // Merge the duplicate into Sam Okafor: see what will move, merge, read what moved.
    await section(page, 'Sources').click()
    await sam.click()
    const profile = page.getByRole('article', { name: 'Sam Okafor' })
    await profile.getByLabel('Duplicate person').selectOption({ label: 'S. Okafor' })
    await expect(profile.locator('.merge-preview')).toContainText('the speaker links in 1 interview: Interview notes: Joe Baptiste')
    await profile.getByRole('button', { name: 'Merge “S. Okafor” into Sam Okafor' }).click()
    const result = profile.getByRole('status').filter({ hasText: 'Merged' })
    await expect(result).toContainText('Moved 1 segment in 1 interview.')
    await expect(list.getByRole('button', { name: /^S\. Okafor/ })).toHaveCount(0)
    await expect(sam).toContainText('also Сэм Окафор, S. Okafor')
    await expect(profile.getByRole('region', { name: 'Merged into them' })).toContainText('S. Okafor')

    // Undo: S. Okafor is back, with the segment; Sam keeps only his own spellings.
    await result.getByRole('button', { name: 'Undo merge' }).click()
    await expect(list.getByRole('button', { name: /^S\. Okafor/ })).toHaveCount(1)
    await expect(sam).not.toContainText('S. Okafor')
    await expect(profile.getByRole('region', { name: 'Merged into them' })).toHaveCount(0)
    await list.getByRole('button', { name: /^S\. Okafor/ }).click()
    await expect(page.getByRole('article', { name: 'S. Okafor' }).getByRole('region', { name: /Interviews they speak in/ })).toContainText('Interview notes: Joe Baptiste')
    expect(problems).toEqual([])
  } finally {
    await host.stop()
  }
})

test('a person import found is decided in one click, edited, and an anonymous one needs a description', async ({ page }) => {
  const host = await serve(tempArchive())
  const problems = watchErrors(page)
  try {
    await page.goto(host.url)
    await importStory(page)
    await section(page, 'Sources').click()
    await page.getByRole('combobox', { name: 'Naming' }).selectOption('unconfirmed')
    const list = page.getByRole('list', { name: 'Sources' })
    await expect(list.getByRole('listitem')).toHaveCount(4)
    await page.getByRole('searchbox', { name: 'Find a source by name or alias' }).fill('сэм')
    await expect(list.getByRole('listitem')).toHaveCount(1)
    await page.getByRole('searchbox', { name: 'Find a source by name or alias' }).fill('')
    await page.getByRole('combobox', { name: 'Naming' }).selectOption('')

    await list.getByRole('button', { name: /^Anna Lindqvist/ }).click()
    const profile = page.getByRole('article', { name: 'Anna Lindqvist' })
    const notice = profile.getByRole('region', { name: 'Not confirmed: printed as anonymous until you decide' })
    await expect(notice).toBeVisible()
    await expect(profile.getByRole('region', { name: /Interviews they speak in/ })).toContainText('Anna Lindqvist')
    await notice.getByRole('button', { name: 'On the record' }).click()
    await expect(notice).toHaveCount(0)
    await expect(profile).toContainText('Person · On the record')

    const form = profile.getByRole('form', { name: 'Details of Anna Lindqvist' })
    await form.getByLabel('Role').fill('structural engineer')
    await form.getByLabel('Other names').fill('A. Lindqvist')
    await page.keyboard.press('Enter')
    await expect(form.getByRole('list', { name: 'Other names' })).toContainText('A. Lindqvist')
    await form.getByLabel('Embargo until').fill('2024-06-01')
    await form.getByLabel('How they may be named').selectOption('anonymous')
    await form.getByRole('button', { name: 'Save details' }).click()
    await expect(form.getByRole('alert')).toContainText('Say how to describe them in print')
    await form.getByLabel(/Described in print as/).fill('an engineer who inspected the bridge')
    await form.getByRole('button', { name: 'Save details' }).click()
    await expect(page.locator('.notice').last()).toContainText('Anna Lindqvist: saved.')
    await expect(list.getByRole('button', { name: /^Anna Lindqvist/ })).toContainText('structural engineer')
    await expect(list.getByRole('button', { name: /^Anna Lindqvist/ })).toContainText('also A. Lindqvist')

    // Reading it back from the archive, the embargo lifted again.
    await form.getByRole('button', { name: 'Lift' }).click()
    await form.getByRole('button', { name: 'Save details' }).click()
    await expect(form.getByRole('button', { name: 'Save details' })).toBeDisabled()
    await page.reload()
    await section(page, 'Sources').click()
    await list.getByRole('button', { name: /^Anna Lindqvist/ }).click()
    await expect(form.getByLabel('Role')).toHaveValue('structural engineer')
    await expect(form.getByLabel('How they may be named')).toHaveValue('anonymous')
    await expect(form.getByLabel(/Described in print as/)).toHaveValue('an engineer who inspected the bridge')
    await expect(form.getByLabel('Embargo until')).toHaveValue('')
    expect(problems).toEqual([])
  } finally {
    await host.stop()
  }
})

test('a speaker is renamed across a transcript from the keyboard, and undo puts the name back', async ({ page }) => {
  const host = await serve(tempArchive())
  const problems = watchErrors(page)
  try {
    await page.goto(host.url)
    await importStory(page)
    await page.getByRole('table', { name: 'Interviews' }).getByRole('row').filter({ hasText: 'Anna Lindqvist' }).click()
    const row = page.locator('.segment[data-segment-index="1"]')
    await row.focus()
    await page.keyboard.press('s')
    const menu = page.getByRole('dialog', { name: 'Speaker Anna Lindqvist' })
    await expect(menu).toContainText('3 segments here')
    await expect(menu.getByRole('button', { name: 'Rename across this transcript…' })).toBeFocused()
    await page.keyboard.press('Enter')
    const name = menu.getByRole('textbox', { name: /New name/ })
    await expect(name).toBeFocused()
    await name.fill('Anna Lindqvist-Berg')
    await page.keyboard.press('Enter')
    await expect(menu).toHaveCount(0)
    await expect(row).toBeFocused()
    await expect(page.locator('.segment .speaker', { hasText: 'Anna Lindqvist-Berg' })).toHaveCount(3)
    await expect(page.locator('.notice')).toContainText('3 segments')

    // The quote-making keys still belong to the transcript; Ctrl+Z takes the rename back.
    await page.keyboard.press('Control+z')
    await expect(page.locator('.segment .speaker', { hasText: 'Anna Lindqvist-Berg' })).toHaveCount(0)
    await expect(page.locator('.segment .speaker', { hasText: /^Anna Lindqvist$/ })).toHaveCount(3)
    // Kept the person: the profile still lists the interview under Anna.
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: /^Sources/ }).click()
    await page.getByRole('list', { name: 'Sources' }).getByRole('button', { name: /^Anna Lindqvist/ }).click()
    await expect(page.getByRole('article', { name: 'Anna Lindqvist' }).getByRole('region', { name: /Interviews they speak in/ })).toContainText('6 segments')
    expect(problems).toEqual([])
  } finally {
    await host.stop()
  }
})
