// The import worker thread: reads one file at a time for isolate.ts. It holds no archive and
// touches no disk; bytes come in, a ParsedInterview (or a codebook's entries) goes out, and any
// failure goes out as an ImportError's words. Its heap and its time are limited by the parent, so
// a file that would exhaust memory or never finish takes down this thread only.
import { parentPort } from 'node:worker_threads'
import { parseCodebook } from './codebook'
import { toImportError } from './guard'
import { parseInterviewFile } from './index'
import { packInterview, type WorkerJob, type WorkerReply } from './isolate-protocol'

const port = parentPort
if (port === null) throw new Error('worker-main.ts runs as a worker thread only')

port.on('message', (job: WorkerJob) => {
  void (async (): Promise<void> => {
    let reply: WorkerReply
    let transfer: ArrayBuffer[] = []
    try {
      if (job.kind === 'codebook') reply = { id: job.id, ok: true, kind: 'codebook', entries: parseCodebook(job.bytes) }
      else {
        const { packed, transfer: buffers } = packInterview(await parseInterviewFile(job.name, job.bytes))
        reply = { id: job.id, ok: true, kind: 'interview', interview: packed }
        transfer = buffers
      }
    } catch (e) {
      const error = toImportError(e)
      reply = { id: job.id, ok: false, message: error.message, ...(error.line === undefined ? {} : { line: error.line }) }
    }
    port.postMessage(reply, transfer)
  })()
})
port.postMessage({ ready: true })
