import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { contract, isMethodName } from '../shared/api/contract'
import { HTTP_API_PREFIX, HTTP_EVENTS_PATH, type Envelope } from '../shared/api/envelope'
import { CONTENT_SECURITY_POLICY } from '../shared/csp'
import { allowedHosts, isCrossSite, isJsonContentType, sameSecret, tokenCookie, tokenFromRequest } from './auth'
import { readBody } from './body'
import { streamChanges, type Subscribe } from './events'
import { readStatic } from './static'

export interface HostOptions {
  /** Carries one API call into the core: the same dispatch the other doors use. */
  call: (method: string, input: unknown) => Promise<Envelope>
  /** The archive's changes, pushed to open tabs as server-sent events (session.subscribe). */
  subscribe?: Subscribe
  /** The built renderer (out/renderer). */
  rendererDir: string
  port?: number
  token?: string
}

export interface RunningHost {
  url: string
  port: number
  token: string
  server: Server
  close(): Promise<void>
}

const securityHeaders = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store'
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...securityHeaders, 'Content-Type': type, ...extra })
  res.end(body)
}

function refuse(res: ServerResponse, status: number, message: string): void {
  send(res, status, 'text/plain; charset=utf-8', `${message}\n`)
}

/**
 * The browser host: the renderer and the API on loopback only, for one user holding the token.
 * Every request must name this host (DNS rebinding), carry the token (URL once, then an
 * HttpOnly SameSite=Strict cookie) and, for API calls, come from this origin with JSON.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const root = resolve(options.rendererDir)
  let hosts = new Set<string>()
  let cookie = ''

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500, 'The request failed.')
      else res.end()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!req.headers.host || !hosts.has(req.headers.host)) return refuse(res, 403, 'This host name is not allowed.')
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`)
    const given = tokenFromRequest(req, url, cookie)
    if (!given || !sameSecret(given, token)) {
      return refuse(res, 401, 'Open the address printed by `verbatim serve`: it carries this session’s token.')
    }
    if (url.searchParams.has('token')) {
      // Trade the token in the address for a cookie, so it leaves the address bar and history.
      url.searchParams.delete('token')
      res.writeHead(303, {
        ...securityHeaders,
        'Set-Cookie': `${cookie}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname + url.search
      })
      res.end()
      return
    }
    if (url.pathname === HTTP_EVENTS_PATH) {
      if (req.method !== 'GET') return refuse(res, 405, 'The event stream is a GET.')
      if (isCrossSite(req)) return refuse(res, 403, 'Cross-site requests are refused.')
      if (!options.subscribe) return refuse(res, 404, 'This host sends no events.')
      return streamChanges(res, options.subscribe, securityHeaders)
    }
    if (url.pathname.startsWith(HTTP_API_PREFIX)) {
      if (req.method !== 'POST') return refuse(res, 405, 'API calls are POST requests.')
      if (isCrossSite(req)) return refuse(res, 403, 'Cross-site requests are refused.')
      if (!isJsonContentType(req.headers['content-type'])) return refuse(res, 415, 'API calls send JSON (Content-Type: application/json).')
      const body = await readBody(req)
      if (!body.ok) {
        if (body.closeConnection) res.setHeader('Connection', 'close')
        return refuse(res, body.status, body.message)
      }
      let input: unknown
      try {
        input = body.text.trim() === '' ? {} : JSON.parse(body.text)
      } catch {
        return send(res, 400, 'application/json; charset=utf-8', JSON.stringify({ ok: false, error: { code: 'invalid-input', message: 'The request body is not valid JSON.' } }))
      }
      const method = url.pathname.slice(HTTP_API_PREFIX.length)
      if (isMethodName(method) && contract[method].localFiles) {
        // A page has no business naming files on this machine; it sends their bytes instead.
        return send(res, 200, 'application/json; charset=utf-8', JSON.stringify({ ok: false, error: { code: 'unsupported', message: `${method} reads files by path and is not offered to the browser: drop the files on the window or use Import… instead.` } }))
      }
      const envelope = await options.call(method, input)
      return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(envelope))
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Only GET here.')
    const file = (await readStatic(root, url.pathname)) ?? (await readStatic(root, '/'))
    if (!file) return refuse(res, 404, 'The app is not built: run `npm run build` first.')
    return send(res, 200, file.type, file.body)
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail)
    server.listen(options.port ?? 0, '127.0.0.1', () => ok())
  })
  const port = (server.address() as AddressInfo).port
  hosts = allowedHosts(port)
  cookie = tokenCookie(port)
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    server,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections()
        server.close(() => ok())
      })
  }
}
