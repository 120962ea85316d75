import { createClient, type Transport } from '../../shared/api/client'
import { HTTP_API_PREFIX, type Envelope } from '../../shared/api/envelope'

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
  return (await response.json()) as Envelope
}

const bridge = window.verbatim
export const api = createClient(bridge ? (method, input) => bridge.call(method, input) : httpTransport)
export const isDesktop = Boolean(bridge)
