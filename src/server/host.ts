import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { contract, isMethodName } from '../shared/api/contract'
import { HTTP_API_PREFIX, type Envelope } from '../shared/api/envelope'
import { CONTENT_SECURITY_POLICY } from '../shared/csp'
import { TOKEN_COOKIE, allowedHosts, isCrossSite, sameSecret, tokenFromRequest } from './auth'
import { readStatic } from './static'

export interface HostOptions {
  /** Carries one API call into the core: the same dispatch the other doors use. */
  call: (method: string, input: unknown) => Promise<Envelope>
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

/** Large enough for a batch of transcripts sent as base64, small enough to refuse a flood. */
const MAX_BODY_BYTES = 256 * 1024 * 1024

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

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) return null
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
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

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500, 'The request failed.')
      else res.end()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!req.headers.host || !hosts.has(req.headers.host)) return refuse(res, 403, 'This host name is not allowed.')
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`)
    const given = tokenFromRequest(req, url)
    if (!given || !sameSecret(given, token)) {
      return refuse(res, 401, 'Open the address printed by `verbatim serve`: it carries this session’s token.')
    }
    if (url.searchParams.has('token')) {
      // Trade the token in the address for a cookie, so it leaves the address bar and history.
      url.searchParams.delete('token')
      res.writeHead(303, {
        ...securityHeaders,
        'Set-Cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname + url.search
      })
      res.end()
      return
    }
    if (url.pathname.startsWith(HTTP_API_PREFIX)) {
      if (req.method !== 'POST') return refuse(res, 405, 'API calls are POST requests.')
      if (isCrossSite(req)) return refuse(res, 403, 'Cross-site requests are refused.')
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return refuse(res, 415, 'API calls send JSON.')
      }
      const body = await readBody(req)
      if (body === null) return refuse(res, 413, 'The request is too large.')
      let input: unknown
      try {
        input = body.trim() === '' ? {} : JSON.parse(body)
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
