// One writer per archive: a second writer in another process is refused and told who holds it; a
// lock left by a process that was SIGKILLed is recognised and taken over; processes racing for
// such a lock end with exactly one winner.
import { readFile, readdir, utimes, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOCK_FILE, bootTime, currentBootId } from '../../src/core/archive/lock'
import { ArchiveStore } from '../../src/core/archive/store'
import type { ArchiveFs } from '../../src/core/archive/fs'
import { openSession } from '../../src/core/session'
import { isVerbatimError, type VerbatimError } from '../../src/shared/errors'
import { tempDir } from '../support/temp'
import { prepareChildren, type Children } from './helpers/children'
import { FaultyFs } from './helpers/faulty-fs'
import { runLockRaces } from './helpers/lock-race'

let children: Children
beforeAll(async () => {
  children = await prepareChildren()
})
afterAll(async () => {
  await children.dispose()
})

const lockOwner = async (dir: string): Promise<{ pid: number; app: string } | null> =>
  readFile(join(dir, LOCK_FILE), 'utf8').then(
    (t) => JSON.parse(t) as { pid: number; app: string },
    () => null
  )

async function refusal(promise: Promise<unknown>): Promise<VerbatimError> {
  const e = await promise.then(
    () => {
      throw new Error('the second writer was let in')
    },
    (err: unknown) => err
  )
  expect(isVerbatimError(e), String(e)).toBe(true)
  return e as VerbatimError
}

describe('a second writer', () => {
  it('in another process is refused, told which app and process holds the archive', async () => {
    const dir = await tempDir('verbatim-lock-')
    const holder = children.spawn('lock-child', [dir, 'the Verbatim app'])
    try {
      await holder.waitFor((l) => l.startsWith('OPEN '))
      // This process.
      const e = await refusal(ArchiveStore.open(dir, { app: 'the verbatim CLI' }))
      expect(e.code).toBe('locked')
      expect(e.message).toContain('the Verbatim app')
      expect(e.message).toContain(`process ${holder.pid}`)
      // Another process.
      const second = children.spawn('lock-child', [dir, 'the verbatim CLI'])
      const said = await second.waitFor((l) => l.startsWith('OPEN ') || l.startsWith('REFUSED '))
      expect(said).toMatch(/^REFUSED locked /)
      expect(said).toContain('the Verbatim app')
      expect(said).toContain(`process ${holder.pid}`)
      second.send('exit')
      await second.exited
      // Reading while it is held is fine.
      const reader = await ArchiveStore.open(dir, { mode: 'read' })
      expect(reader.readOnly).toBe(true)
      await reader.close()
      expect((await lockOwner(dir))?.pid).toBe(holder.pid)
    } finally {
      holder.send('exit')
      await holder.exited
    }
    // Closed: the lock is gone and the next writer gets in.
    expect(await lockOwner(dir)).toBeNull()
    await (await ArchiveStore.open(dir)).close()
  })

  it('is let in after the holder was SIGKILLed: the stale lock is recognised and taken over', async () => {
    const dir = await tempDir('verbatim-lock-')
    const holder = children.spawn('lock-child', [dir, 'the Verbatim app'])
    await holder.waitFor((l) => l.startsWith('OPEN '))
    await holder.kill()
    // The dead process's lock is still there...
    expect(await lockOwner(dir)).toMatchObject({ pid: holder.pid, app: 'the Verbatim app' })
    // ...and the next open takes it over.
    const session = await openSession(dir, { app: 'the verbatim CLI' })
    expect(await lockOwner(dir)).toMatchObject({ pid: process.pid, app: 'the verbatim CLI' })
    await session.client.call('tags.create', { name: 'after the crash', color: '#123456' })
    // A process started now is refused in favour of the new holder.
    const late = children.spawn('lock-child', [dir, 'late'])
    expect(await late.waitFor((l) => l.startsWith('OPEN ') || l.startsWith('REFUSED '))).toContain(`process ${process.pid}`)
    late.send('exit')
    await late.exited
    await session.close()
  })

  it('two processes racing for a stale lock: exactly one wins, every time', { timeout: 120_000 }, async () => {
    const stats = await runLockRaces(children, 12, 2)
    expect(stats.failures).toEqual([])
    expect(stats.singleWinner).toBe(12)
  })

  it('four processes racing for a stale lock: exactly one wins, every time', { timeout: 120_000 }, async () => {
    const stats = await runLockRaces(children, 8, 4)
    expect(stats.failures).toEqual([])
    expect(stats.singleWinner).toBe(8)
  })

  it('a process killed while taking a stale lock over does not block the next one', async () => {
    const dir = await tempDir('verbatim-lock-')
    const holder = children.spawn('lock-child', [dir, 'the Verbatim app'])
    await holder.waitFor((l) => l.startsWith('OPEN '))
    await holder.kill()
    // What a process killed inside the takeover leaves: the gate, naming it (it is dead).
    const dead = JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8')) as Record<string, unknown>
    await writeFile(join(dir, `${LOCK_FILE}.takeover`), JSON.stringify({ ...dead, startedAt: new Date().toISOString() }))
    const store = await ArchiveStore.open(dir, { app: 'next' })
    expect(await lockOwner(dir)).toMatchObject({ pid: process.pid, app: 'next' })
    expect(await readdir(dir)).not.toContain(`${LOCK_FILE}.takeover`)
    await store.close()
  })
})

describe('taking the lock', () => {
  it('never shows a racer a half-made lock file (it would judge it stale and take it too)', async () => {
    const dir = await tempDir('verbatim-lock-')
    await (await ArchiveStore.open(dir, { create: true })).close()
    // The first opener is paused in the middle of writing its lock...
    let resume: () => void = () => undefined
    let paused: () => void = () => undefined
    const isPaused = new Promise<void>((resolve) => (paused = resolve))
    const gate = new Promise<void>((resolve) => (resume = resolve))
    const slow = new FaultyFs()
    const slowFs: ArchiveFs = {
      ...slow.fs,
      open: (async (path: string, flags?: string, mode?: number) => {
        const handle = await slow.fs.open(path, flags, mode)
        if (!String(path).includes(LOCK_FILE)) return handle
        return new Proxy(handle, {
          get(target, prop, receiver) {
            if (prop === 'writeFile') {
              return async (...args: Parameters<typeof target.writeFile>) => {
                paused()
                await gate
                return target.writeFile(...args)
              }
            }
            const v: unknown = Reflect.get(target, prop, receiver)
            return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v
          }
        })
      }) as ArchiveFs['open']
    }
    const first = ArchiveStore.open(dir, { fs: slowFs, app: 'first' }).then(
      (s) => s,
      (e: unknown) => e as VerbatimError
    )
    await isPaused
    // ...while a second one comes along.
    const second = await ArchiveStore.open(dir, { app: 'second' }).then(
      (s) => s,
      (e: unknown) => e as VerbatimError
    )
    resume()
    const firstResult = await first
    const winners = [firstResult, second].filter((r) => r instanceof ArchiveStore)
    expect(winners).toHaveLength(1)
    const loser = [firstResult, second].find((r) => !(r instanceof ArchiveStore)) as VerbatimError
    expect(loser.code).toBe('locked')
    for (const w of winners) await w.close()
  })
})

describe('a lock from before a reboot', () => {
  // After a reboot the pid a lock names may belong to an unrelated process that is alive (here:
  // pid 1, which always is). Such a lock must still be judged stale, by the boot it was taken in.
  async function lockedBy(owner: Record<string, unknown>, mtime?: Date): Promise<string> {
    const dir = await tempDir('verbatim-lock-')
    await (await ArchiveStore.open(dir, { create: true })).close()
    await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: 1, hostname: hostname(), app: 'the Verbatim app', startedAt: '2026-01-01T00:00:00.000Z', ...owner }))
    if (mtime) await utimes(join(dir, LOCK_FILE), mtime, mtime)
    return dir
  }

  it('records the machine’s boot in the lock it takes', async () => {
    const dir = await tempDir('verbatim-lock-')
    const store = await ArchiveStore.open(dir, { create: true })
    const owner = JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8')) as { bootId?: string; bootedAt?: string }
    const bootId = await currentBootId()
    if (process.platform === 'linux') expect(bootId).toMatch(/^[0-9a-f-]{36}$/)
    expect(owner.bootId).toBe(bootId)
    expect(Math.abs(Date.parse(owner.bootedAt ?? '') - bootTime())).toBeLessThan(5000)
    await store.close()
  })

  it('a lock taken in an earlier boot is stale although its pid is alive now', async () => {
    const dir = await lockedBy({ bootId: '00000000-0000-4000-8000-000000000000' })
    const store = await ArchiveStore.open(dir, { app: 'after the reboot' })
    expect(await lockOwner(dir)).toMatchObject({ pid: process.pid, app: 'after the reboot' })
    await store.close()
  })

  it('a lock an older Verbatim took (no boot id) is stale when its last heartbeat came before this boot', async () => {
    const dir = await lockedBy({}, new Date(bootTime() - 3600_000))
    const store = await ArchiveStore.open(dir, { app: 'after the reboot' })
    expect(await lockOwner(dir)).toMatchObject({ pid: process.pid })
    await store.close()
  })

  it('a lock taken in this boot by a live process is respected', async () => {
    const dir = await lockedBy({ bootId: await currentBootId() })
    const e = await refusal(ArchiveStore.open(dir, { app: 'second' }))
    expect(e.code).toBe('locked')
    expect(e.message).toContain('process 1')
    // And one without a boot id whose heartbeat is recent, likewise.
    const older = await lockedBy({})
    expect((await refusal(ArchiveStore.open(older, { app: 'second' }))).code).toBe('locked')
  })
})
