// Every acknowledged edit survives SIGKILL at any moment. Real child processes edit an archive
// through the real session and API client and are SIGKILLed at random moments, most of them in the
// middle of a save; after each kill the archive is checked as the crash left it (every file through
// the schemas), reopened here (taking the dead child's lock over) and compared with every edit the
// child had acknowledged. `npm run stress` runs the same loop thousands of times.
import { cp, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ArchiveFs } from '../../src/core/archive/fs'
import { LOCK_FILE } from '../../src/core/archive/lock'
import { ArchiveStore } from '../../src/core/archive/store'
import { openSession } from '../../src/core/session'
import { DEMO_SEED, tempDir } from '../support/temp'
import { prepareChildren, type Children } from './helpers/children'
import { runCreationKills, runKills } from './helpers/crash-run'
import { FaultyFs } from './helpers/faulty-fs'

const KILLS = Number(process.env.VERBATIM_CRASH_KILLS ?? 200)

let children: Children
beforeAll(async () => {
  children = await prepareChildren()
})
afterAll(async () => {
  await children.dispose()
})

describe('SIGKILL at random moments', () => {
  it(`keeps every acknowledged edit through ${KILLS} kills of a process that is saving`, { timeout: 300_000 }, async () => {
    const stats = await runKills({ children, kills: KILLS, lanes: 2, maxRunMs: 100, seed: 42 })
    console.log(
      `crash test: ${stats.kills} kills (${stats.inFlight} with an edit in flight, ${stats.duringOpen} while opening, ${stats.duringCheckpoint} or more inside a checkpoint), ` +
        `${stats.acknowledged} acknowledged edits (${stats.checks} checks), ${stats.staleLocksTakenOver} stale locks taken over, ` +
        `${stats.failures.length} failures, ${(stats.durationMs / 1000).toFixed(1)} s, children via ${children.how}`
    )
    expect(stats.failures).toEqual([])
    expect(stats.kills).toBe(KILLS)
    // The kills must really land mid-save and the children must really get edits done.
    expect(stats.inFlight).toBeGreaterThan(KILLS * 0.5)
    expect(stats.acknowledged).toBeGreaterThan(KILLS)
    // Every kill after the child had the archive open left its lock; the next open took it over.
    expect(stats.staleLocksTakenOver).toBeGreaterThanOrEqual(stats.kills - stats.duringOpen)
  })

  it('opens an archive whose first start (writing the demo seed) was killed', { timeout: 120_000 }, async () => {
    const stats = await runCreationKills(children, DEMO_SEED, 24)
    expect(stats.failures).toEqual([])
    // Some kills landed before archive.json existed, and the reopen made the archive from the seed.
    expect(stats.created).toBeGreaterThan(0)
    expect(stats.created).toBeLessThan(stats.kills)
  })
})

describe('the states a crash can leave in the middle of a save, made exactly', () => {
  /**
   * Runs a save that rewrites a transcript and the index (deleting a tag the segments use), stops
   * it dead at `stopAt` (the call never returns, as if the process had died there), and copies the
   * folder as it is at that moment: what the next start would find.
   */
  async function cutShort(stopAt: (call: 'rename' | 'rm' | 'append', path: string) => boolean): Promise<{ copy: string; tagId: string; interviewId: string }> {
    const dir = await tempDir('verbatim-cut-')
    const faulty = new FaultyFs()
    let stopped: () => void = () => undefined
    const isStopped = new Promise<void>((resolve) => (stopped = resolve))
    const never = new Promise<never>(() => undefined)
    let armed = false
    const fs: ArchiveFs = {
      ...faulty.fs,
      open: (async (path: string, flags?: string, mode?: number) => {
        const handle = await faulty.fs.open(path, flags, mode)
        if (flags !== 'a') return handle
        // The journal: a save's line is appended here.
        return new Proxy(handle, {
          get(target, prop, receiver) {
            if (prop === 'write') {
              return async (...args: Parameters<typeof target.write>) => {
                if (armed && stopAt('append', path)) {
                  stopped()
                  return never
                }
                return target.write(...args)
              }
            }
            const v: unknown = Reflect.get(target, prop, receiver)
            return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v
          }
        })
      }) as ArchiveFs['open'],
      rename: async (from, to) => {
        if (armed && stopAt('rename', String(to))) {
          stopped()
          return never
        }
        return faulty.fs.rename(from, to)
      },
      rm: async (path, options) => {
        if (armed && stopAt('rm', String(path))) {
          stopped()
          return never
        }
        return faulty.fs.rm(path, options)
      }
    }
    const s = await openSession(dir, { fs })
    const tag = await s.client.call('tags.create', { name: 'CSTO', color: '#aa0000' })
    const interview = await s.client.call('interviews.create', {
      title: 'Saule Bekova',
      segments: [{ speaker: 'Saule', text: 'Nearly three thousand troops.', startSeconds: null, endSeconds: null, offRecord: false, tagIds: [tag.id] }]
    })
    armed = true
    void s.client.call('tags.delete', { id: tag.id })
    await isStopped
    const copy = await tempDir('verbatim-cut-copy-')
    await cp(dir, copy, { recursive: true })
    // The dead process's lock (it names this process, which is alive): gone with it.
    await rm(join(copy, LOCK_FILE))
    return { copy, tagId: tag.id, interviewId: interview.id }
  }

  it('killed after the transcript was replaced, before the journal line: the next open undoes the save', async () => {
    const { copy, tagId, interviewId } = await cutShort((call, path) => call === 'append' && path.endsWith('archive.journal.jsonl'))
    // On disk: the new transcript (tag gone) under the old index (tag still there).
    expect(await readdir(copy)).toContain('.pending-save.json')
    const store = await ArchiveStore.open(copy)
    expect(store.index.tags.map((t) => t.id)).toEqual([tagId])
    expect((await store.transcript(interviewId))[0]?.tagIds).toEqual([tagId])
    expect(await readdir(copy)).not.toContain('.pending-save.json')
    expect((await readdir(join(copy, 'interviews'))).filter((n) => n.startsWith('.'))).toEqual([])
    await store.close()
  })

  it('killed after the journal line was written, before the note was removed: the next open keeps the save', async () => {
    const { copy, interviewId } = await cutShort((call, path) => call === 'rm' && path.endsWith('.pending-save.json'))
    const store = await ArchiveStore.open(copy)
    expect(store.index.tags).toEqual([])
    expect((await store.transcript(interviewId))[0]?.tagIds).toEqual([])
    expect(await readdir(copy)).not.toContain('.pending-save.json')
    expect((await readdir(join(copy, 'interviews'))).filter((n) => n.startsWith('.'))).toEqual([])
    await store.close()
  })

  it('a first start cut short after the demo seed’s transcripts, before archive.json: the next start makes the archive', async () => {
    const dir = await tempDir('verbatim-cut-')
    const faulty = new FaultyFs()
    // The disk fails archive.json's write: the seed's transcripts are on disk, the index is not.
    faulty.arm({ step: 'open-temp', code: 'EIO', target: (f) => f === 'archive.json' })
    await expect(openSession(dir, { fs: faulty.fs, seedFile: DEMO_SEED })).rejects.toThrow()
    expect((await readdir(join(dir, 'interviews'))).filter((n) => n.endsWith('.json')).length).toBeGreaterThan(0)
    const s = await openSession(dir, { seedFile: DEMO_SEED })
    expect(s.store.openReport.created).toBe(true)
    expect(s.store.index.interviews.length).toBe(3)
    for (const i of s.store.index.interviews) expect((await s.store.transcript(i.id)).length).toBe(i.segmentCount)
    await s.close()
  })
})
