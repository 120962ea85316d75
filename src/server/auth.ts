import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export const TOKEN_COOKIE = 'verbatim_token'

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** The names this host answers to. Anything else in Host is a DNS-rebinding attempt. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`])
}

export function tokenFromRequest(req: IncomingMessage, url: URL): string | null {
  const query = url.searchParams.get('token')
  if (query) return query
  const auth = req.headers.authorization
  if (auth?.startsWith('Bearer ')) return auth.slice(7)
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=')
    if (name === TOKEN_COOKIE) return rest.join('=')
  }
  return null
}

/**
 * A browser sends Origin on every cross-site request and Sec-Fetch-Site where it knows it. A call
 * that says it comes from another site is refused even with a valid cookie.
 */
export function isCrossSite(req: IncomingMessage): boolean {
  const origin = req.headers.origin
  if (origin !== undefined && origin !== `http://${req.headers.host}`) return true
  const site = req.headers['sec-fetch-site']
  return site !== undefined && site !== 'same-origin' && site !== 'none'
}
