import { createClient, type Transport } from '../../shared/api/client'
import type { ArchiveChange } from '../../shared/api/contract'
import { HTTP_API_PREFIX, HTTP_EVENTS_PATH, type Envelope } from '../../shared/api/envelope'

/** The browser host's door: same-origin POST, the token travels in the host's HttpOnly cookie. */
const httpTransport: Transport = async (method, input) => {
  let response: Response
  try {
    response = await fetch(`${HTTP_API_PREFIX}${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(input)
    })
  } catch {
    return { ok: false, error: { code: 'internal', message: 'Verbatim’s host is not answering. Is `verbatim serve` still running?' } }
  }
  if (response.status === 401) {
    return { ok: false, error: { code: 'invalid-input', message: 'This page lost its access token: open the address `verbatim serve` printed.' } }
  }
  if (!(response.headers.get('content-type') ?? '').startsWith('application/json')) {
    // The host refused before the API saw the call (too large, wrong type): its reason is plain text.
    const reason = (await response.text().catch(() => '')).trim()
    return { ok: false, error: { code: 'invalid-input', message: reason || `The host refused the call (${response.status}).` } }
  }
  return (await response.json()) as Envelope
}

const bridge = window.verbatim
export const api = createClient(bridge ? (method, input) => bridge.call(method, input) : httpTransport)
export const isDesktop = Boolean(bridge)

type ChangeHandler = (change: ArchiveChange) => void
const changeHandlers = new Set<ChangeHandler>()
let listening = false

function deliver(change: ArchiveChange): void {
  for (const handler of changeHandlers) {
    try {
      handler(change)
    } catch (e) {
      console.error('verbatim: a view could not follow a change:', e)
    }
  }
}

/** A stream that was down may have missed changes: after a reconnect, everything is reloaded. */
const missedWhileAway = (): ArchiveChange => ({ revision: -1, changed: [], deleted: [], transcripts: [], reloadKinds: [], settings: true, reset: true })

function listen(): void {
  if (listening) return
  listening = true
  if (bridge) return bridge.onEvent((change) => deliver(change))
  const source = new EventSource(HTTP_EVENTS_PATH)
  let connectedBefore = false
  source.addEventListener('ready', () => {
    if (connectedBefore) deliver(missedWhileAway())
    connectedBefore = true
  })
  source.addEventListener('change', (e) => {
    try {
      deliver(JSON.parse((e as MessageEvent<string>).data) as ArchiveChange)
    } catch {
      // Not a change this version understands: reload rather than guess.
      deliver(missedWhileAway())
    }
  })
}

/**
 * Calls `handler` with every change saved to the archive, from this window or any other (another
 * tab, the desktop window, a script through the host): ids and stamps of what changed, for the
 * handler to fetch what it shows. The desktop app hears it over IPC, the browser over server-sent
 * events. Returns the unsubscribe.
 */
export function onArchiveChange(handler: ChangeHandler): () => void {
  changeHandlers.add(handler)
  listen()
  return () => void changeHandlers.delete(handler)
}
