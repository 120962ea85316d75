import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BIN } from '../support/cli'
import { BIG, ONE_MB, bigArchive } from './big-archive'

interface Piped {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * Runs the CLI with stdout on a real pipe whose reader is slow: nothing is read for the first
 * 800 ms, then the output is taken a chunk at a time with pauses, as `| jq` on a busy machine
 * would. A CLI that exits before its output drains loses everything past the pipe's buffer.
 */
function throughSlowPipe(args: string[]): Promise<Piped> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    const out: Buffer[] = []
    let err = ''
    child.stderr.on('data', (c: Buffer) => (err += c.toString()))
    child.on('error', reject)
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)))
    // A 'readable' listener from the start (Node drains an unread pipe when the child exits),
    // but nothing is read until the delay is over, and then only a few chunks at a time.
    const stream = child.stdout
    let reading = false
    const pull = (): void => {
      if (!reading) return
      for (let taken = 0; taken < 4; taken++) {
        const chunk = stream.read() as Buffer | null
        if (chunk === null) return
        out.push(chunk)
      }
      setTimeout(pull, 5)
    }
    stream.on('readable', pull)
    stream.once('end', () => void exited.then((code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: err })))
    setTimeout(() => {
      reading = true
      pull()
    }, 800)
  })
}

describe('JSON output through a slow pipe', () => {
  let root: string
  let archive: string
  // One archive for every case (support/temp's folders go after each test).
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'verbatim-pipe-'))
    archive = await bigArchive(root)
  })
  afterAll(() => rm(root, { recursive: true, force: true }))

  const big = async (args: string[]) => {
    const r = await throughSlowPipe([...args, '--archive', archive])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(Buffer.byteLength(r.stdout)).toBeGreaterThan(ONE_MB)
    return JSON.parse(r.stdout) as unknown
  }

  it('transcript ID --json arrives whole', async () => {
    const t = (await big(['transcript', BIG.interviewId, '--json'])) as { segments: unknown[] }
    expect(t.segments).toHaveLength(BIG.segments)
  })

  it('interviews --json arrives whole', async () => {
    const list = (await big(['interviews', '--json'])) as { id: string }[]
    expect(list).toHaveLength(13)
  })

  it('quotes --json arrives whole', async () => {
    const { quotes } = (await big(['quotes', '--json'])) as { quotes: unknown[] }
    expect(quotes).toHaveLength(12)
  })

  it('search QUERY --json arrives whole', async () => {
    const { hits } = (await big(['search', BIG.word, '--json', '--limit', '1000'])) as { hits: unknown[] }
    expect(hits).toHaveLength(BIG.segments)
  })

  it('call METHOD JSON arrives whole', async () => {
    const t = (await big(['call', 'transcript.get', JSON.stringify({ id: BIG.interviewId })])) as { segments: unknown[] }
    expect(t.segments).toHaveLength(BIG.segments)
  })

  it('backup --json and restore --json arrive whole', async () => {
    const backup = await throughSlowPipe(['backup', '--json', '--archive', archive])
    expect(backup.code).toBe(0)
    const { id } = JSON.parse(backup.stdout) as { id: string }
    const list = await throughSlowPipe(['restore', '--json', '--archive', archive])
    expect(list.code).toBe(0)
    expect((JSON.parse(list.stdout) as { id: string }[]).map((b) => b.id)).toContain(id)
  })

  it('import --json arrives whole (a report of 3,000 files)', async () => {
    const folder = join(root, 'batch')
    await mkdir(folder)
    // The same notes under 3,000 long names: one imports, the rest are reported as duplicates.
    const notes = 'Date: 2022-01-06\n\nQ: Where were you?\nA: On the square.\n'
    const names = Array.from({ length: 3000 }, (_, i) => `${String(i).padStart(4, '0')}-${'interview-notes-from-the-square-'.repeat(7)}.txt`)
    for (const name of names) await writeFile(join(folder, name), notes)
    const r = await throughSlowPipe(['import', folder, '--json', '--archive', archive])
    expect(Buffer.byteLength(r.stdout)).toBeGreaterThan(ONE_MB)
    const report = JSON.parse(r.stdout) as Record<'imported' | 'skipped' | 'failed', unknown[]>
    expect(report.imported.length + report.skipped.length + report.failed.length).toBe(names.length)
    expect(report.imported).toHaveLength(1)
  })

  it('a reader that stops early (| head) ends the CLI quietly', async () => {
    const r = await new Promise<Piped>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'transcript', BIG.interviewId, '--json', '--archive', archive], { stdio: ['ignore', 'pipe', 'pipe'] })
      let err = ''
      child.stderr.on('data', (c: Buffer) => (err += c.toString()))
      child.stdout.once('data', () => child.stdout.destroy())
      child.once('exit', (code) => resolve({ code, stdout: '', stderr: err }))
    })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
  })
})
