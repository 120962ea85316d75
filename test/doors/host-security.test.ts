import { request } from 'node:http'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startHost, type RunningHost } from '../../src/server/host'
import { openSession, type Session } from '../../src/core/session'
import { DEMO_SEED, tempDir } from '../support/temp'

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A raw request, so the test controls every header (fetch would not let it forge Host). */
function send(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = ''
      res.on('data', (c: Buffer) => (body += c.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end(options.body)
  })
}

describe('the browser host', () => {
  let session: Session
  let host: RunningHost
  let renderer: string

  beforeEach(async () => {
    renderer = join(await tempDir(), 'renderer')
    await mkdir(renderer)
    await writeFile(join(renderer, 'index.html'), '<!doctype html><title>Verbatim</title>')
    session = await openSession(await tempDir(), { seedFile: DEMO_SEED })
    host = await startHost({ call: session.call, rendererDir: renderer })
  })
  afterEach(async () => {
    await host.close()
    await session.close()
  })

  const own = () => ({ Host: `127.0.0.1:${host.port}` })
  const api = (extra: Record<string, string> = {}) => ({
    ...own(),
    Authorization: `Bearer ${host.token}`,
    'Content-Type': 'application/json',
    ...extra
  })

  it('listens on loopback only', () => {
    const address = host.server.address()
    expect(address).toMatchObject({ address: '127.0.0.1' })
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/)
  })

  it('gives a new token on every start', async () => {
    const other = await startHost({ call: session.call, rendererDir: renderer })
    expect(other.token).not.toBe(host.token)
    await other.close()
  })

  it('refuses a request without the token', async () => {
    expect((await send(host.port, '/', { headers: own() })).status).toBe(401)
    expect((await send(host.port, '/api/interviews.list', { method: 'POST', headers: { ...own(), 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(401)
    expect((await send(host.port, '/?token=wrong', { headers: own() })).status).toBe(401)
  })

  it('refuses a Host it is not (DNS rebinding)', async () => {
    const r = await send(host.port, '/api/interviews.list', { method: 'POST', headers: { ...api(), Host: `evil.example:${host.port}` }, body: '{}' })
    expect(r.status).toBe(403)
    expect(r.body).not.toContain('Nadia')
  })

  it('refuses cross-site API calls even with the token', async () => {
    const fromOrigin = await send(host.port, '/api/interviews.list', { method: 'POST', headers: api({ Origin: 'https://evil.example' }), body: '{}' })
    expect(fromOrigin.status).toBe(403)
    const fromSite = await send(host.port, '/api/interviews.list', { method: 'POST', headers: api({ 'Sec-Fetch-Site': 'cross-site' }), body: '{}' })
    expect(fromSite.status).toBe(403)
  })

  it('refuses API calls that are not JSON POSTs (no simple cross-site forms)', async () => {
    expect((await send(host.port, '/api/interviews.list', { method: 'POST', headers: api({ 'Content-Type': 'text/plain' }), body: '{}' })).status).toBe(415)
    expect((await send(host.port, '/api/interviews.list', { method: 'GET', headers: api() })).status).toBe(405)
  })

  it('answers its own origin, sends no CORS headers and a strict CSP', async () => {
    const r = await send(host.port, '/api/interviews.list', { method: 'POST', headers: api({ Origin: `http://127.0.0.1:${host.port}` }), body: '{}' })
    expect(r.status).toBe(200)
    expect(JSON.parse(r.body)).toMatchObject({ ok: true })
    expect(r.headers['access-control-allow-origin']).toBeUndefined()
    const page = await send(host.port, '/', { headers: { ...own(), Authorization: `Bearer ${host.token}` } })
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline')
    expect(page.headers['x-content-type-options']).toBe('nosniff')
  })

  it('trades the token in the address for an HttpOnly, SameSite=Strict cookie', async () => {
    const r = await send(host.port, `/?token=${host.token}`, { headers: own() })
    expect(r.status).toBe(303)
    expect(r.headers.location).toBe('/')
    const cookie = String(r.headers['set-cookie'])
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Strict')
    const withCookie = await send(host.port, '/', { headers: { ...own(), Cookie: cookie.split(';')[0] ?? '' } })
    expect(withCookie.status).toBe(200)
  })

  it('serves nothing outside the renderer folder', async () => {
    const r = await send(host.port, '/..%2f..%2f..%2fetc%2fpasswd', { headers: { ...own(), Authorization: `Bearer ${host.token}` } })
    expect(r.body).not.toContain('root:')
  })

  it('answers malformed JSON with an error envelope', async () => {
    const r = await send(host.port, '/api/interviews.list', { method: 'POST', headers: api(), body: '{nope' })
    expect(r.status).toBe(400)
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })
})
