import { expect, test, type Page } from '@playwright/test'
import { serve, tempArchive, type ServedHost } from './support/host'

const IVO = 'Ivo Marek, hydrologist'

/** Opens the app and waits until its event stream is connected (the host's `ready`). */
async function openApp(page: Page, host: ServedHost): Promise<void> {
  const stream = page.waitForResponse((r) => new URL(r.url()).pathname === '/events' && r.status() === 200)
  await page.goto(host.url)
  await expect(page.getByRole('table', { name: 'Interviews' })).toContainText('Nadia Petrenko, volunteer rescuer')
  await stream
}

async function openInterview(page: Page, title: string): Promise<void> {
  await page.getByRole('table', { name: 'Interviews' }).getByText(title).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title)
  await page.locator('.details-card summary').click()
}

async function saveDetails(page: Page, fields: Record<string, string>): Promise<void> {
  const form = page.locator('.details-card form')
  for (const [name, value] of Object.entries(fields)) await form.locator(`input[name="${name}"]`).fill(value)
  await form.getByRole('button', { name: 'Save details' }).click()
}

test('two tabs on one archive: an edit in one shows in the other, and a stale save is refused', async ({ browser }) => {
  const host = await serve(tempArchive())
  const context = await browser.newContext()
  try {
    const a = await context.newPage()
    const b = await context.newPage()
    await openApp(a, host)
    await openApp(b, host)

    // A renames the interview; B's list shows the new name without a reload.
    await openInterview(a, IVO)
    await saveDetails(a, { title: 'Ivo Marek, renamed in tab A' })
    await expect(a.getByRole('status')).toContainText('Interview details saved.')
    await expect(b.getByRole('table', { name: 'Interviews' })).toContainText('Ivo Marek, renamed in tab A')
    await expect(b.getByRole('table', { name: 'Interviews' })).not.toContainText(IVO)

    // A third tab whose event stream never arrives (a dropped connection) keeps the old version…
    const stale = await context.newPage()
    await stale.route('**/events', (route) => route.abort())
    await stale.goto(host.url)
    await openInterview(stale, 'Ivo Marek, renamed in tab A')
    // …while A saves again.
    await saveDetails(a, { title: 'Ivo Marek, final title', place: 'Phone' })
    await expect(b.getByRole('table', { name: 'Interviews' })).toContainText('Ivo Marek, final title')
    await expect(stale.getByRole('heading', { level: 1 })).toHaveText('Ivo Marek, renamed in tab A')

    // Its save, based on the version it loaded, is refused with a message, and it now shows the newer one.
    await saveDetails(stale, { place: 'Written over A’s change' })
    await expect(stale.getByRole('status')).toContainText('changed elsewhere')
    await expect(stale.getByRole('status')).toContainText('not saved')
    await expect(stale.getByRole('heading', { level: 1 })).toHaveText('Ivo Marek, final title')
    await expect(stale.locator('.details-card input[name="place"]')).toHaveValue('Phone')

    // And the archive kept A's version: a fresh tab sees it.
    const fresh = await context.newPage()
    await openApp(fresh, host)
    await openInterview(fresh, 'Ivo Marek, final title')
    await expect(fresh.locator('.details-card input[name="place"]')).toHaveValue('Phone')
  } finally {
    await context.close()
    await host.stop()
  }
})
