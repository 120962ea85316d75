import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

/**
 * The token's cookie, named for the port. Browsers keep one cookie jar per host name whatever
 * the port, so a second `verbatim serve` (another archive, another port) setting a cookie of the
 * same name would replace the first one's and log its tab out.
 */
export const tokenCookie = (port: number): string => `verbatim_token_${port}`

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** The names this host answers to. Anything else in Host is a DNS-rebinding attempt. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`])
}

export function tokenFromRequest(req: IncomingMessage, url: URL, cookieName: string): string | null {
  const query = url.searchParams.get('token')
  if (query) return query
  const auth = req.headers.authorization
  if (auth?.startsWith('Bearer ')) return auth.slice(7)
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=')
    if (name === cookieName) return rest.join('=')
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

/**
 * API calls send JSON: the media type must be exactly application/json (any case, parameters
 * such as charset allowed). A prefix test would let `application/jsonp` or `application/json-x`
 * through, types a cross-site form or a lax proxy may treat differently.
 */
export function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false
  const [type] = header.split(';')
  return (type ?? '').trim().toLowerCase() === 'application/json'
}
