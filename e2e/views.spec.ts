// Every view and dialog, in the light and the dark theme, at a desktop and a narrow window: axe-core
// finds no serious or critical accessibility problem, and a screenshot of each is kept in
// test-results/screens/ for a person to look at.
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { serve, tempArchive, type ServedHost } from './support/host'
import { call } from './support/api'

const SCREENS = 'test-results/screens'

/** Serious and critical axe violations on the page as it is now, as readable lines. */
async function accessibilityProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} — ${n.target.join(' ')} ${n.failureSummary?.split('\n').slice(0, 2).join(' ') ?? ''}`))
}

interface View {
  name: string
  show: (page: Page) => Promise<void>
}

const section = (label: string, ready: (page: Page) => Promise<void>): View['show'] => async (page) => {
  await page.keyboard.press('Escape')
  const toggle = page.getByRole('button', { name: 'Sections' })
  if (await toggle.isVisible()) await toggle.click()
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: new RegExp(`^${label}`) }).click()
  // The interviews section shows the open transcript until its way back is taken.
  const back = page.getByRole('button', { name: '‹ Interviews' })
  if (label === 'Interviews' && (await back.isVisible())) await back.click()
  await ready(page)
}

const views: View[] = [
  { name: 'interviews', show: section('Interviews', (p) => expect(p.getByRole('table', { name: 'Interviews' })).toBeVisible()) },
  {
    name: 'transcript',
    show: async (page) => {
      await section('Interviews', (p) => expect(p.getByRole('table', { name: 'Interviews' })).toBeVisible())(page)
      await page.getByRole('table', { name: 'Interviews' }).getByRole('row').filter({ hasText: 'Nadia Petrenko' }).click()
      await expect(page.getByRole('list', { name: 'Transcript' }).locator('.segment').first()).toBeVisible()
    }
  },
  {
    name: 'quote-panel',
    show: async (page) => {
      await page.locator('.segment[data-segment-index="3"]').focus()
      await page.keyboard.press('q')
      await expect(page.getByRole('dialog', { name: 'New quote' })).toBeVisible()
      await page.keyboard.type('res')
    }
  },
  {
    name: 'quote-card',
    show: async (page) => {
      await page.keyboard.press('Escape')
      await page.keyboard.press('Escape')
      await page.locator('.segment[data-segment-index="1"]').focus()
      await page.keyboard.press('Enter')
      await expect(page.getByRole('dialog', { name: 'Quote' })).toBeVisible()
    }
  },
  { name: 'sources', show: section('Sources', (p) => expect(p.getByRole('heading', { level: 1, name: 'Sources' })).toBeVisible()) },
  { name: 'tags', show: section('Tags', (p) => expect(p.getByRole('list', { name: 'Tags' })).toBeVisible()) },
  { name: 'quotes', show: section('Quotes', (p) => expect(p.getByRole('list', { name: 'Quotes' })).toBeVisible()) },
  { name: 'claims', show: section('Claims', (p) => expect(p.getByRole('list', { name: 'Claims' }).getByRole('button').first()).toBeVisible()) },
  { name: 'drafts', show: section('Drafts', (p) => expect(p.getByRole('heading', { level: 1, name: 'Drafts' })).toBeVisible()) },
  {
    name: 'confirm-delete',
    show: async (page) => {
      await section('Interviews', (p) => expect(p.getByRole('table', { name: 'Interviews' })).toBeVisible())(page)
      await page.getByRole('table', { name: 'Interviews' }).getByRole('row').filter({ hasText: 'Ivo Marek' }).focus()
      await page.keyboard.press('Delete')
      await expect(page.getByRole('dialog', { name: 'Delete this interview?' })).toBeVisible()
    }
  },
  {
    name: 'shortcuts',
    show: async (page) => {
      await page.keyboard.press('Escape')
      await page.keyboard.press('Control+/')
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
    }
  },
  {
    name: 'search',
    show: async (page) => {
      await page.keyboard.press('Escape')
      await page.keyboard.press('Control+f')
      await page.keyboard.type('sirens')
      await expect(page.getByRole('listbox', { name: 'Search results' })).toBeVisible()
    }
  }
]

for (const theme of ['light', 'dark'] as const) {
  test(`every view passes axe in the ${theme} theme, at 1440 and 800 px`, async ({ page }) => {
    test.setTimeout(240_000)
    let host: ServedHost | undefined
    try {
      host = await serve(tempArchive())
      const problems: string[] = []
      for (const width of [1440, 800]) {
        await page.setViewportSize({ width, height: 900 })
        await page.goto(host.url)
        await call(page, 'settings.update', { theme })
        await page.reload()
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
        await expect(page.getByRole('region', { name: 'Welcome to Verbatim' })).toBeVisible()
        for (const view of views) {
          await view.show(page)
          await page.screenshot({ path: `${SCREENS}/${theme}-${width}-${view.name}.png` })
          problems.push(...(await accessibilityProblems(page)).map((p) => `${theme} ${width}px ${view.name}: ${p}`))
        }
      }
      expect(problems).toEqual([])
    } finally {
      await host?.stop()
    }
  })
}
