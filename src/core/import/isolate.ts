// Importers run on a worker thread with a memory limit and a time limit. A file built to exhaust
// memory (a decompression bomb that slipped past docx-package.ts, a pathological CSV) or to keep
// a parser busy forever stops that thread only: the caller gets an ImportError naming the limit,
// the batch goes on with a fresh worker, and the app's own thread never stalls while a file is
// parsed. One worker is kept for the process and reused; it is unref'd while idle so that it
// never keeps a CLI run alive.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { unpackInterview, type WorkerJob, type WorkerReply } from './isolate-protocol'
import { ImportError, type CodebookEntry, type ParsedInterview } from './types'

export interface IsolationLimits {
  /** The worker's heap (V8 old generation), in MB. */
  memoryMb: number
  /** The time one file of `bytes` bytes may take, in milliseconds. */
  timeMs: (bytes: number) => number
}

const MB = 1024 * 1024

/**
 * Files of 48–50 MB (WebVTT, SRT, notes, CSV, UTF-16 CSV) read within a 192 MB heap, and a Word
 * document at its 16 MB XML limit within 1 GB (measured), so 1 GB is the heap. Text parses at 50 to
 * 75 MB/s of CPU time here and Word at about 1 MB/s of XML: a minute plus a second per megabyte is
 * many times what a real file needs, on a busy machine too.
 */
export const DEFAULT_LIMITS: IsolationLimits = {
  memoryMb: 1024,
  timeMs: (bytes) => 60_000 + Math.ceil(bytes / MB) * 1_000
}

/** The worker must start within this time (it loads the parsers once). */
const STARTUP_MS = 60_000

function tsxApiUrl(): string {
  const require = createRequire(import.meta.url)
  const manifest = require.resolve('tsx/package.json')
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }
  const entry = pkg.exports['./esm/api']?.import.default ?? './dist/esm/api/index.mjs'
  return pathToFileURL(join(dirname(manifest), entry)).href
}

/** Where the worker's code is: the TypeScript source through tsx (CLI, tests), or the built file beside the app's bundle. */
function workerTarget(): { target: string | URL; evaluate: boolean } {
  const here = import.meta.url
  if (here.endsWith('.ts')) {
    const entry = new URL('./worker-main.ts', here).href
    const code = `import(${JSON.stringify(tsxApiUrl())}).then((m) => { m.register(); return import(${JSON.stringify(entry)}) })`
    return { target: code, evaluate: true }
  }
  // The builds write src/core/import/worker-main.ts beside their entry: import-worker.js beside
  // Electron's main bundle (electron-vite), import-worker.mjs in out/cli (scripts/build-cli.mjs).
  for (const candidate of ['./import-worker.js', '../import-worker.js', './import-worker.mjs']) {
    const url = new URL(candidate, here)
    if (existsSync(fileURLToPath(url))) return { target: url, evaluate: false }
  }
  throw new ImportError('Verbatim cannot import files: this build is missing its import worker (import-worker.js). Reinstall the app.')
}

function importErrorFrom(reply: { message: string; line?: number }): ImportError {
  const error = new ImportError(reply.message)
  if (reply.line !== undefined) Object.assign(error, { line: reply.line })
  return error
}

/** Bytes to hand to the worker without a copy when they own their buffer; a copy when they share one (Node's small-buffer pool). */
function transferable(bytes: Uint8Array): { bytes: Uint8Array; transfer: ArrayBuffer[] } {
  const owns = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer
  const own = owns ? bytes : bytes.slice()
  return { bytes: own, transfer: [own.buffer as ArrayBuffer] }
}

class ImportWorker {
  private worker: Worker | null = null
  private ready: Promise<void> | null = null
  private memoryMb = 0
  private nextId = 1
  private queue: Promise<unknown> = Promise.resolve()

  /** Runs jobs one at a time, in the order given. */
  run(job: Omit<WorkerJob, 'id'>, limits: IsolationLimits): Promise<WorkerReply & { ok: true }> {
    const result = this.queue.then(() => this.runNow(job, limits))
    this.queue = result.catch(() => undefined)
    return result
  }

  async stop(): Promise<void> {
    const worker = this.worker
    this.worker = null
    this.ready = null
    if (worker !== null) await worker.terminate()
  }

  private spawn(memoryMb: number): Worker {
    const { target, evaluate } = workerTarget()
    const worker = new Worker(target, {
      eval: evaluate,
      // The app's own command-line flags (--input-type, loaders) are not the worker's: it loads what it needs itself.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: memoryMb, stackSizeMb: 8 }
    })
    this.worker = worker
    this.memoryMb = memoryMb
    this.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new ImportError('The import worker did not start in time; the machine may be very busy. Try the import again.')), STARTUP_MS)
      const onMessage = (m: unknown): void => {
        if (typeof m === 'object' && m !== null && 'ready' in m) {
          clearTimeout(timer)
          worker.off('message', onMessage)
          resolve()
        }
      }
      worker.on('message', onMessage)
      worker.once('error', (e) => {
        clearTimeout(timer)
        reject(new ImportError(`The import worker could not start (${e.message.split('\n')[0] ?? ''}).`))
      })
    })
    // Without a listener an error event would be thrown on the app's own thread.
    worker.on('error', () => undefined)
    worker.once('exit', () => {
      if (this.worker === worker) {
        this.worker = null
        this.ready = null
      }
    })
    return worker
  }

  private async runNow(job: Omit<WorkerJob, 'id'>, limits: IsolationLimits): Promise<WorkerReply & { ok: true }> {
    if (this.worker !== null && this.memoryMb !== limits.memoryMb) await this.stop()
    const worker = this.worker ?? this.spawn(limits.memoryMb)
    worker.ref()
    try {
      try {
        await this.ready
      } catch (e) {
        await this.stop()
        throw e
      }
      const { bytes, transfer } = transferable(job.bytes)
      const id = this.nextId++
      const allowed = limits.timeMs(bytes.length)
      return await new Promise<WorkerReply & { ok: true }>((resolve, reject) => {
        const done = (): void => {
          clearTimeout(timer)
          worker.off('message', onMessage)
          worker.off('error', onError)
          worker.off('exit', onExit)
        }
        const timer = setTimeout(() => {
          done()
          void this.stop()
          reject(
            new ImportError(
              `Reading this file took longer than ${allowed < 10_000 ? (allowed / 1000).toFixed(1) : Math.round(allowed / 1000)} s, so it was stopped. A transcript of this size reads in a few seconds: the file may be built to keep the importer busy (or the machine was very busy; try it again alone).`
            )
          )
        }, allowed)
        const onMessage = (reply: WorkerReply): void => {
          if (reply.id !== id) return
          done()
          if (reply.ok) resolve(reply)
          else reject(importErrorFrom(reply))
        }
        const onError = (e: Error & { code?: string }): void => {
          done()
          this.worker = null
          this.ready = null
          reject(
            e.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? new ImportError(
                  `Reading this file needed more than the ${limits.memoryMb} MB of memory an import may use, so it was stopped. A transcript needs far less: the file may be built to exhaust memory.`
                )
              : new ImportError(`The importer stopped unexpectedly while reading this file (${e.message.split('\n')[0] ?? ''}).`)
          )
        }
        const onExit = (): void => {
          done()
          reject(new ImportError('The importer stopped unexpectedly while reading this file.'))
        }
        worker.on('message', onMessage)
        worker.once('error', onError)
        worker.once('exit', onExit)
        worker.postMessage({ ...job, id, bytes } satisfies WorkerJob, transfer)
      })
    } finally {
      if (this.worker === worker) worker.unref()
    }
  }
}

const shared = new ImportWorker()

/** Reads one interview file on the import worker. Rejects only with ImportError. */
export async function parseIsolated(name: string, bytes: Uint8Array, limits: IsolationLimits = DEFAULT_LIMITS): Promise<ParsedInterview> {
  const reply = await shared.run({ kind: 'interview', name, bytes }, limits)
  if (reply.kind !== 'interview') throw new ImportError('The importer answered with something other than an interview.')
  return unpackInterview(reply.interview)
}

/** Reads one codebook file on the import worker. Rejects only with ImportError. */
export async function parseCodebookIsolated(name: string, bytes: Uint8Array, limits: IsolationLimits = DEFAULT_LIMITS): Promise<CodebookEntry[]> {
  const reply = await shared.run({ kind: 'codebook', name, bytes }, limits)
  if (reply.kind !== 'codebook') throw new ImportError('The importer answered with something other than a codebook.')
  return reply.entries
}

/** Ends the import worker (it would end with the process anyway). */
export function stopImportWorker(): Promise<void> {
  return shared.stop()
}
