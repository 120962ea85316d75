import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { verbatim } from '../support/cli'
import { tempDir } from '../support/temp'

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/)

describe('verbatim CLI', () => {
  it('creates a missing archive when asked (--create) and lists its interviews as JSON', async () => {
    const archive = join(await tempDir(), 'new-archive')
    const r = await verbatim(['interviews', '--archive', archive, '--json', '--create'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual([])
  })

  it('prints a transcript in the documented shape', async () => {
    const archive = await tempDir()
    const input = {
      title: 'Marat Seitkali',
      segments: [
        { speaker: 'Lena Moretti', text: 'Where were you?', startSeconds: 0, endSeconds: 5.5, offRecord: false },
        { speaker: 'Marat Seitkali', text: 'On the square.', startSeconds: 6.5, endSeconds: null, offRecord: true }
      ]
    }
    const created = await verbatim(['call', 'interviews.create', JSON.stringify(input), '--archive', archive])
    expect(created.code).toBe(0)
    const { id } = JSON.parse(created.stdout) as { id: string }

    const r = await verbatim(['transcript', id, '--archive', archive, '--json'])
    expect(r.code).toBe(0)
    const transcript = JSON.parse(r.stdout)
    expect(transcript).toMatchObject({ id, title: 'Marat Seitkali' })
    expect(transcript.segments).toHaveLength(2)
    for (const s of transcript.segments) {
      expect(Object.keys(s)).toEqual(expect.arrayContaining(['speaker', 'text', 'startSeconds', 'endSeconds', 'offRecord']))
    }
    expect(transcript.segments[1]).toMatchObject({ speaker: 'Marat Seitkali', text: 'On the square.', startSeconds: 6.5, endSeconds: null, offRecord: true })

    const list = JSON.parse((await verbatim(['interviews', '--archive', archive, '--json'])).stdout)
    expect(list).toMatchObject([{ id, title: 'Marat Seitkali', segmentCount: 2 }])
  })

  it('uses VERBATIM_ARCHIVE when no --archive is given', async () => {
    const archive = await tempDir()
    await verbatim(['call', 'tags.create', '{"name":"CSTO"}'], { VERBATIM_ARCHIVE: archive })
    const r = await verbatim(['call', 'tags.list', '{}', '--archive', archive])
    expect(JSON.parse(r.stdout)).toMatchObject([{ name: 'CSTO' }])
  })

  it('says what is wrong on stderr, with a non-zero exit and no stack trace', async () => {
    const archive = await tempDir()
    const badJson = await verbatim(['call', 'tags.create', '{oops', '--archive', archive])
    expect(badJson.code).not.toBe(0)
    expect(badJson.stderr).toMatch(/^verbatim: The input is not valid JSON/)
    noStack(badJson.stderr)

    const badInput = await verbatim(['call', 'tags.create', '{"colour":"red"}', '--archive', archive])
    expect(badInput.code).not.toBe(0)
    expect(badInput.stderr).toContain('name')
    noStack(badInput.stderr)

    const missing = await verbatim(['transcript', 'nope', '--archive', archive, '--json'])
    expect(missing.code).not.toBe(0)
    expect(missing.stdout).toBe('')
    expect(missing.stderr).toContain('No interview with id nope')

    const unknown = await verbatim(['frobnicate'])
    expect(unknown.code).not.toBe(0)
    expect(unknown.stderr).toContain('unknown command')

    const badFlag = await verbatim(['interviews', '--archiv', archive])
    expect(badFlag.code).not.toBe(0)
    noStack(badFlag.stderr)
  })

  it('refuses a second writer while another process holds the archive', async () => {
    const archive = await tempDir()
    const { spawn } = await import('node:child_process')
    // Another process that opened the archive for writing and keeps it.
    const holder = spawn(process.execPath, ['--import', 'tsx', '-e', `
      const { openSession } = await import(${JSON.stringify(new URL('../../src/core/session.ts', import.meta.url).pathname)});
      await openSession(${JSON.stringify(archive)}, { app: 'the test holder', create: true });
      console.log('held'); setInterval(() => {}, 1000);
    `], { stdio: ['ignore', 'pipe', 'inherit'] })
    try {
      await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()))
      const r = await verbatim(['call', 'tags.create', '{"name":"x"}', '--archive', archive])
      expect(r.code).toBe(1)
      expect(r.stderr).toContain('already open for writing in the test holder')
      expect(r.stderr).toContain(`process ${holder.pid}`)
      // Reading is still allowed.
      const read = await verbatim(['interviews', '--archive', archive, '--json'])
      expect(read.code).toBe(0)
    } finally {
      holder.kill('SIGKILL')
    }
    // The holder died without letting go: its lock is stale and is taken over.
    await new Promise((r) => setTimeout(r, 100))
    const after = await verbatim(['call', 'tags.create', '{"name":"x"}', '--archive', archive])
    expect(after.code).toBe(0)
  })
})
