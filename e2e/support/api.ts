import type { Page } from '@playwright/test'
import { HTTP_API_PREFIX } from '../../src/shared/api/envelope'

/** Calls the browser host's API from the page, with the page's cookie, as the app does; throws on a refusal. */
export async function call<T>(page: Page, method: string, input: unknown): Promise<T> {
  const envelope = await page.evaluate(
    async ({ url, input }) => {
      const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, credentials: 'same-origin', body: JSON.stringify(input) })
      return (await response.json()) as { ok: boolean; result?: unknown; error?: { message: string } }
    },
    { url: `${HTTP_API_PREFIX}${method}`, input }
  )
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error?.message}`)
  return envelope.result as T
}
