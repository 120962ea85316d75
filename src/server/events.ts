import type { ServerResponse } from 'node:http'
import type { ArchiveChange } from '../shared/api/contract'

/** A comment line now and then keeps proxies and the browser from calling an idle stream dead. */
const HEARTBEAT_MS = 25_000

export type Subscribe = (listener: (change: ArchiveChange) => void) => () => void

/**
 * Serves the archive's changes to one window as server-sent events: `ready` once, then one
 * `change` event per save, carrying the small ArchiveChange (ids and stamps, never records).
 * The stream ends when the window goes; its listener goes with it.
 */
export function streamChanges(res: ServerResponse, subscribe: Subscribe, headers: Record<string, string>): void {
  res.writeHead(200, {
    ...headers,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no'
  })
  // A browser reconnects by itself after this long when the stream drops (a host restart).
  res.write('retry: 2000\n\nevent: ready\ndata: {}\n\n')
  const unsubscribe = subscribe((change) => {
    res.write(`event: change\ndata: ${JSON.stringify(change)}\n\n`)
  })
  const heartbeat = setInterval(() => res.write(': still here\n\n'), HEARTBEAT_MS)
  heartbeat.unref()
  const end = (): void => {
    clearInterval(heartbeat)
    unsubscribe()
  }
  res.once('close', end)
}
