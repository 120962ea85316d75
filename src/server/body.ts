import type { IncomingMessage } from 'node:http'
import { MAX_UPLOAD_BASE64 } from '../shared/api/contract'

/**
 * The largest body an API call may send: one upload of the largest file the importer takes (50 MB,
 * as base64), with room for its name and the JSON around it. The renderer sends one file per call.
 */
export const MAX_BODY_BYTES = MAX_UPLOAD_BASE64 + 256 * 1024
/** Bodies above this are read one at a time, so several tabs uploading never hold several at once. */
const LARGE_BODY_BYTES = 1024 * 1024

export type BodyResult = { ok: true; text: string } | { ok: false; status: 413; message: string }

const tooLarge = (): BodyResult => ({
  ok: false,
  status: 413,
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
  if (Number.isFinite(declared) && declared > limit) return tooLarge()
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
      // Stop taking it in, drop what came, and leave the socket open for the 413 to go out on.
      stop()
      chunks = []
      req.pause()
      resolve(tooLarge())
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
