import { expect, test } from '@playwright/test'
import { serve, tempArchive } from './support/host'
import { watchErrors } from './support/page'

test('shows the demo archive, opens an interview and reads its transcript', async ({ page }) => {
  const host = await serve(tempArchive())
  const problems = watchErrors(page)
  try {
    await page.goto(host.url)
    const table = page.getByRole('table', { name: 'Interviews' })
    await expect(table.getByRole('row')).toHaveCount(4)
    await expect(table).toContainText('Nadia Petrenko, volunteer rescuer')
    await expect(table).toContainText('Ivo Marek, hydrologist')

    await table.getByText('Nadia Petrenko, volunteer rescuer').click()
    const transcript = page.getByRole('list', { name: 'Transcript' })
    await expect(transcript.locator('.segment')).toHaveCount(7)
    await expect(transcript.locator('.segment').nth(1)).toContainText('Nadia Petrenko')
    await expect(transcript.locator('.segment').nth(1)).toContainText('Nobody called us.')
    await expect(transcript.locator('.segment').nth(1).locator('.time')).toHaveText('0:05')
    await expect(transcript.locator('.segment.off-record')).toHaveCount(2)
    await expect(transcript.locator('.segment.off-record').first()).toContainText('Off the record')

    // The token left the address bar for a cookie.
    expect(page.url()).not.toContain('token=')
    expect(problems).toEqual([])
  } finally {
    await host.stop()
  }
})

test('markup in a transcript is shown as text, never run', async ({ page }) => {
  const host = await serve(tempArchive())
  try {
    await page.goto(host.url)
    await page.getByText('Town hall employee (anonymous)').click()
    const segment = page.locator('.segment').nth(1 + 1)
    await expect(segment).toContainText('<b>Nobody</b> was on duty')
    await expect(segment.locator('b')).toHaveCount(0)
  } finally {
    await host.stop()
  }
})

test('a record created in the app is still there after the host restarts', async ({ page }) => {
  const archive = tempArchive()
  let host = await serve(archive)
  try {
    await page.goto(host.url)
    await page.getByRole('button', { name: /Sources/ }).click()
    const form = page.getByRole('form', { name: 'New source' })
    await form.getByRole('textbox', { name: 'Name or title of the new source' }).fill('Dana Abilkassymova')
    await form.getByRole('button', { name: 'Add source' }).click()
    const details = page.getByRole('form', { name: 'Details of Dana Abilkassymova' })
    await details.getByLabel('Role').fill('student journalist')
    await details.getByRole('button', { name: 'Save details' }).click()
    const person = page.getByRole('list', { name: 'Sources' }).getByRole('button', { name: /^Dana Abilkassymova/ })
    await expect(person).toContainText('student journalist')

    await host.stop()
    host = await serve(archive)
    await page.goto(host.url)
    await page.getByRole('button', { name: /Sources/ }).click()
    await expect(person).toContainText('Dana Abilkassymova')
    await expect(person).toContainText('student journalist')
  } finally {
    await host.stop()
  }
})
