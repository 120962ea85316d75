import { request } from 'node:http'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startHost, type RunningHost } from '../../src/server/host'
import { MAX_BODY_BYTES } from '../../src/server/body'
import { openSession, type Session } from '../../src/core/session'
import { DEMO_SEED, tempDir } from '../support/temp'
import { tokenCookie } from '../../src/server/auth'
import { HTTP_EVENTS_PATH } from '../../src/shared/api/envelope'
import { MAX_UPLOAD_BASE64, type ArchiveChange } from '../../src/shared/api/contract'

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
    session = await openSession(await tempDir(), { seedFile: DEMO_SEED, create: true })
    host = await startHost({ call: session.call, subscribe: session.subscribe, rendererDir: renderer })
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

  it('takes exactly application/json, any case, with or without parameters, and nothing that merely starts so', async () => {
    const status = async (type: string) => (await send(host.port, '/api/interviews.list', { method: 'POST', headers: api({ 'Content-Type': type }), body: '{}' })).status
    for (const ok of ['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset=UTF-8', ' application/json ; charset="utf-8"']) expect(await status(ok), ok).toBe(200)
    for (const bad of ['application/jsonp', 'application/json-seq', 'application/json5; charset=utf-8', 'application/jsonx', 'text/json', 'multipart/form-data; boundary=application/json', ''])
      expect(await status(bad), bad).toBe(415)
  })

  it('refuses a body over one upload’s size at once, from its Content-Length, without reading it', async () => {
    const started = Date.now()
    const r = await new Promise<Reply>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: host.port, path: '/api/import.upload', method: 'POST', headers: { ...api(), 'Content-Length': String(MAX_BODY_BYTES + 1) } },
        (res) => {
          let body = ''
          res.on('data', (c: Buffer) => (body += c.toString()))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
        }
      )
      req.on('error', reject)
      // Headers only: the 413 must come without the body ever being sent.
      req.flushHeaders()
    })
    expect(r.status).toBe(413)
    expect(r.body).toContain('one file at a time')
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it('stops reading a body that turns out larger than it said (chunked), and answers 413 before it ends', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 'a')
    const most = MAX_BODY_BYTES + 64 * chunk.length
    let sent = 0
    let answered = false
    const r = await new Promise<Reply>((resolve) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: '/api/import.upload', method: 'POST', headers: { ...api(), 'Transfer-Encoding': 'chunked' } }, (res) => {
        answered = true
        let body = ''
        res.on('data', (c: Buffer) => (body += c.toString()))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      })
      // A reset instead of an answer fails the test here rather than leaving it waiting.
      req.on('error', (e) => resolve({ status: -1, headers: {}, body: String(e) }))
      const pump = (): void => {
        while (!answered && sent < most) {
          sent += chunk.length
          if (!req.write(chunk)) return void req.once('drain', pump)
        }
        req.end()
      }
      pump()
    })
    expect(r.status).toBe(413)
    // The host answered once the bound was passed, not after taking all the client had to send.
    expect(sent).toBeLessThan(most)
  })

  it('reads a body the size of the largest upload (50 MB as base64) and hands it to the API', async () => {
    const body = JSON.stringify({ files: [{ name: 'x'.repeat(1000), data: 'A'.repeat(MAX_UPLOAD_BASE64 + 4) }] })
    expect(body.length).toBeLessThanOrEqual(MAX_BODY_BYTES)
    const r = await send(host.port, '/api/import.upload', { method: 'POST', headers: api(), body })
    expect(r.status).toBe(200)
    // The schema, not the host, refuses a file over 50 MB: the body came through whole.
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('files.0.data') } })
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

describe('two hosts on one machine', () => {
  it('each keeps its own login: the second does not log the first tab out', async () => {
    const renderer = join(await tempDir(), 'renderer')
    await mkdir(renderer)
    await writeFile(join(renderer, 'index.html'), '<!doctype html><title>Verbatim</title>')
    const first = await openSession(await tempDir(), { seedFile: DEMO_SEED, create: true })
    const second = await openSession(await tempDir(), { seedFile: DEMO_SEED, create: true })
    const a = await startHost({ call: first.call, rendererDir: renderer })
    const b = await startHost({ call: second.call, rendererDir: renderer })
    try {
      // A browser keeps one cookie jar for 127.0.0.1, whatever the port: set both, send both.
      const jar = new Map<string, string>()
      for (const h of [a, b]) {
        const r = await send(h.port, `/?token=${h.token}`, { headers: { Host: `127.0.0.1:${h.port}` } })
        const [pair] = String(r.headers['set-cookie']).split(';')
        const [name, value] = (pair ?? '').split('=')
        jar.set(name ?? '', value ?? '')
      }
      expect(jar.size).toBe(2)
      const cookie = [...jar].map(([n, v]) => `${n}=${v}`).join('; ')
      for (const h of [a, b]) {
        const r = await send(h.port, '/api/interviews.list', { method: 'POST', headers: { Host: `127.0.0.1:${h.port}`, Cookie: cookie, 'Content-Type': 'application/json' }, body: '{}' })
        expect(r.status, `host on ${h.port}`).toBe(200)
      }
      // One host's cookie opens only that host.
      const onlyB = [...jar].find(([n]) => n.endsWith(String(b.port)))
      const r = await send(a.port, '/api/interviews.list', { method: 'POST', headers: { Host: `127.0.0.1:${a.port}`, Cookie: `${onlyB?.[0]}=${onlyB?.[1]}`, 'Content-Type': 'application/json' }, body: '{}' })
      expect(r.status).toBe(401)
    } finally {
      await a.close()
      await b.close()
      await first.close()
      await second.close()
    }
  })
})

describe('the event stream', () => {
  let session: Session
  let host: RunningHost
  beforeEach(async () => {
    session = await openSession(await tempDir(), { seedFile: DEMO_SEED, create: true })
    host = await startHost({ call: session.call, subscribe: session.subscribe, rendererDir: '/nonexistent' })
  })
  afterEach(async () => {
    await host.close()
    await session.close()
  })

  /** Opens the stream and collects its events until `until` holds (or the stream is refused). */
  function listen(headers: Record<string, string>, until: (events: { event: string; data: unknown }[]) => boolean): Promise<{ status: number; type?: string; events: { event: string; data: unknown }[] }> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: HTTP_EVENTS_PATH, headers }, (res) => {
        const events: { event: string; data: unknown }[] = []
        let buffer = ''
        if (res.statusCode !== 200) {
          res.resume()
          return resolve({ status: res.statusCode ?? 0, events })
        }
        res.on('data', (c: Buffer) => {
          buffer += c.toString()
          let end: number
          while ((end = buffer.indexOf('\n\n')) !== -1) {
            const block = buffer.slice(0, end)
            buffer = buffer.slice(end + 2)
            const event = /^event: (.+)$/m.exec(block)?.[1]
            const data = /^data: (.+)$/m.exec(block)?.[1]
            if (event && data) events.push({ event, data: JSON.parse(data) })
          }
          if (until(events)) {
            req.destroy()
            resolve({ status: 200, type: String(res.headers['content-type']), events })
          }
        })
      })
      req.on('error', reject)
      req.end()
    })
  }

  it('is refused without the token, from another site, or under another host name', async () => {
    const own = { Host: `127.0.0.1:${host.port}` }
    expect((await listen(own, () => true)).status).toBe(401)
    expect((await listen({ ...own, Cookie: `${tokenCookie(host.port)}=wrong` }, () => true)).status).toBe(401)
    expect((await listen({ ...own, Cookie: `${tokenCookie(host.port)}=${host.token}`, Origin: 'https://evil.example' }, () => true)).status).toBe(403)
    expect((await listen({ ...own, Cookie: `${tokenCookie(host.port)}=${host.token}`, 'Sec-Fetch-Site': 'cross-site' }, () => true)).status).toBe(403)
    expect((await listen({ Host: `evil.example:${host.port}`, Cookie: `${tokenCookie(host.port)}=${host.token}` }, () => true)).status).toBe(403)
  })

  it('tells a tab holding the cookie about every save, as ids and stamps', async () => {
    const headers = { Host: `127.0.0.1:${host.port}`, Cookie: `${tokenCookie(host.port)}=${host.token}`, 'Sec-Fetch-Site': 'same-origin' }
    let renamed: { updatedAt: string } | undefined
    const heard = listen(headers, (events) => {
      if (events.length === 1 && !renamed) {
        // Ready: now another tab saves.
        void session.client.call('interviews.update', { id: 'int-ivo', patch: { title: 'Renamed in the other tab' } }).then((r) => (renamed = r))
      }
      return events.some((e) => e.event === 'change')
    })
    const { status, type, events } = await heard
    expect(status).toBe(200)
    expect(type).toContain('text/event-stream')
    expect(events[0]).toEqual({ event: 'ready', data: {} })
    const change = events.find((e) => e.event === 'change')?.data as ArchiveChange
    expect(change.changed).toEqual([{ kind: 'interviews', id: 'int-ivo', updatedAt: (await session.client.call('interviews.get', { id: 'int-ivo' })).updatedAt }])
    expect(JSON.stringify(change)).not.toContain('Renamed in the other tab')
  })

  it('lets go of a tab that closed its stream', async () => {
    const headers = { Host: `127.0.0.1:${host.port}`, Authorization: `Bearer ${host.token}` }
    let subscribed = 0
    const counting = await startHost({
      call: session.call,
      subscribe: (listener) => {
        subscribed++
        const stop = session.subscribe(listener)
        return () => {
          subscribed--
          stop()
        }
      },
      rendererDir: '/nonexistent'
    })
    try {
      const req = request({ host: '127.0.0.1', port: counting.port, path: HTTP_EVENTS_PATH, headers: { ...headers, Host: `127.0.0.1:${counting.port}`, Authorization: `Bearer ${counting.token}` } })
      await new Promise<void>((resolve) => {
        req.on('response', (res) => res.once('data', () => resolve()))
        req.end()
      })
      expect(subscribed).toBe(1)
      req.destroy()
      await new Promise((r) => setTimeout(r, 200))
      expect(subscribed).toBe(0)
    } finally {
      await counting.close()
    }
  })
})
