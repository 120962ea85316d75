import type { IncomingMessage } from 'node:http'
import { MAX_UPLOAD_BASE64 } from '../shared/api/contract'

/**
 * The largest body an API call may send: one upload of the largest file the importer takes (50 MB,
 * as base64), with room for its name and the JSON around it. The renderer sends one file per call.
 */
export const MAX_BODY_BYTES = MAX_UPLOAD_BASE64 + 256 * 1024
/** Bodies above this are read one at a time, so several tabs uploading never hold several at once. */
const LARGE_BODY_BYTES = 1024 * 1024

/** Past the bound, what a client is still sending is read and dropped up to this much, then cut off. */
const DISCARD_BYTES = 16 * 1024 * 1024

export type BodyResult = { ok: true; text: string } | { ok: false; status: 413; message: string; closeConnection: boolean }

const tooLarge = (closeConnection: boolean): BodyResult => ({
  ok: false,
  status: 413,
  closeConnection,
  message: `The request is larger than ${Math.round(MAX_BODY_BYTES / 1024 / 1024)} MB: send one file at a time (up to 50 MB each).`
})

/** Takes turns for large bodies: the next one is read only when the one before is done with. */
let largeQueue: Promise<void> = Promise.resolve()

/**
 * Reads one request body, bounded. A declared Content-Length over the bound is refused before a
 * byte is read; a body that turns out larger (chunked, or lying) is refused as soon as it passes
 * the bound, without keeping what came. Large bodies wait their turn.
 */
export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  const declared = Number(req.headers['content-length'] ?? Number.NaN)
  // Nothing read: the connection closes after the answer instead of taking in what was announced.
  if (Number.isFinite(declared) && declared > limit) return tooLarge(true)
  const large = !Number.isFinite(declared) || declared > LARGE_BODY_BYTES
  if (!large) return collect(req, limit)
  const turn = largeQueue
  let done!: () => void
  largeQueue = new Promise<void>((resolve) => (done = resolve))
  try {
    await turn
    return await collect(req, limit)
  } finally {
    done()
  }
}

function collect(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer): void => {
      size += chunk.length
      if (size <= limit) return void chunks.push(chunk)
      // Keep nothing; read on and drop what is still coming (closing a socket with unread data
      // resets it, and the client could lose the 413 it is being sent), up to a point.
      stop()
      chunks = []
      let discarded = 0
      const discard = (more: Buffer): void => {
        discarded += more.length
        if (discarded > DISCARD_BYTES) req.destroy()
      }
      req.on('data', discard)
      req.once('end', () => req.off('data', discard))
      resolve(tooLarge(false))
    }
    const onEnd = (): void => {
      stop()
      resolve({ ok: true, text: Buffer.concat(chunks, size).toString('utf8') })
    }
    const onGone = (e?: Error): void => {
      stop()
      reject(e ?? new Error('The client went away before sending the whole request.'))
    }
    const stop = (): void => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onGone)
      req.off('close', onGone)
    }
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onGone)
    req.on('close', onGone)
  })
}
