// Every write through one queue (a save started during a restore is never acknowledged and then
// lost; a transcript repaired on reading waits for the save in progress), and the archive path
// checked before anything is written (nothing made by mistake, nothing hangs, the lock always let
// go on failure).
import { execFileSync } from 'node:child_process'
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LOCK_FILE } from '../../src/core/archive/lock'
import { ArchiveStore } from '../../src/core/archive/store'
import { openSession } from '../../src/core/session'
import { isVerbatimError, type VerbatimError } from '../../src/shared/errors'
import { tempDir } from '../support/temp'
import { FaultyFs } from './helpers/faulty-fs'

const seg = (text: string) => ({ speaker: 'Saule Bekova', text, startSeconds: null, endSeconds: null, offRecord: false, tagIds: [] })
const tag = (name: string) => ({ id: name.replace(/\W/g, ''), name, color: '#123456', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' })

async function failure(promise: Promise<unknown>): Promise<VerbatimError> {
  const e = await promise.then(
    () => {
      throw new Error('it succeeded')
    },
    (err: unknown) => err
  )
  expect(isVerbatimError(e), String(e)).toBe(true)
  return e as VerbatimError
}

const exists = (path: string): Promise<boolean> =>
  stat(path).then(
    () => true,
    () => false
  )

describe('one queue for every write', () => {
  it('a save started while a restore runs is refused, never acknowledged and then lost', async () => {
    const dir = await tempDir('verbatim-queue-')
    const store = await ArchiveStore.open(dir, { create: true })
    await store.commit((next) => void next.tags.push(tag('before')))
    const backup = await store.backupNow()
    await store.commit((next) => void next.tags.push(tag('after the backup')))
    const restoring = store.restore(backup.id)
    const late = store.commit((next) => void next.tags.push(tag('during the restore')))
    await restoring
    const e = await failure(late)
    expect(e.code).toBe('not-saved')
    expect(e.message).toContain('closed')
    const reopened = await ArchiveStore.open(dir)
    expect(reopened.index.tags.map((t) => t.name)).toEqual(['before'])
    await reopened.close()
  })

  it('through a session, a save started while a restore runs lands in the restored archive', async () => {
    const dir = await tempDir('verbatim-queue-')
    const s = await openSession(dir)
    await s.client.call('tags.create', { name: 'before', color: '#111111' })
    const backup = await s.client.call('backups.create', {})
    await s.client.call('tags.create', { name: 'after the backup', color: '#222222' })
    const restoring = s.client.call('backups.restore', { id: backup.id })
    const late = s.client.call('tags.create', { name: 'during the restore', color: '#333333' })
    await restoring
    const saved = await late
    expect(s.store.index.tags.map((t) => t.name)).toEqual(['before', 'during the restore'])
    await s.close()
    const reopened = await ArchiveStore.open(dir)
    expect(reopened.index.tags.map((t) => [t.id, t.name])).toEqual([
      [reopened.index.tags[0]?.id, 'before'],
      [saved.id, 'during the restore']
    ])
    await reopened.close()
  })

  it('a damaged transcript found on reading is repaired after the save in progress, not beside it', async () => {
    const dir = await tempDir('verbatim-queue-')
    const faulty = new FaultyFs()
    const s = await openSession(dir, { fs: faulty.fs })
    const interview = await s.client.call('interviews.create', { title: 'Saule Bekova', segments: [seg('Nearly three thousand troops.')] })
    await s.store.backupNow()
    await s.close()
    const store = await ArchiveStore.open(dir, { fs: faulty.fs })
    // A new file in its place (written in place, the snapshot's hard link would be damaged too).
    const { rm } = await import('node:fs/promises')
    await rm(join(dir, 'interviews', `${interview.id}.json`))
    await writeFile(join(dir, 'interviews', `${interview.id}.json`), '{"schemaVersion": 1, "interv')
    // A save is in progress (held just before its journal line is flushed)...
    const held = faulty.hold('append-sync', (f) => f.endsWith('.jsonl'))
    const saving = store.commit((next) => void next.tags.push(tag('CSTO')))
    await held.reached
    // ...when a reader finds the damage: the repair waits for its turn.
    const reading = store.transcript(interview.id).catch((e: unknown) => e as VerbatimError)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(await exists(join(dir, 'damaged'))).toBe(false)
    held.release()
    await saving
    const e = await reading
    expect((e as VerbatimError).code).toBe('corrupt')
    expect((e as VerbatimError).message).toContain('was restored')
    expect(await exists(join(dir, 'damaged'))).toBe(true)
    expect(await store.transcript(interview.id)).toHaveLength(1)
    await store.close()
  })
})

describe('the archive path, checked', () => {
  it('a missing archive is not-found unless creating is asked for, and nothing is made', async () => {
    const parent = await tempDir('verbatim-path-')
    const dir = join(parent, 'mistyped')
    for (const mode of ['read', 'write'] as const) {
      const e = await failure(ArchiveStore.open(dir, { mode }))
      expect(e.code).toBe('not-found')
      expect(e.message).toContain(dir)
    }
    expect(await readdir(parent)).toEqual([])
    // A session for the app creates, a session told not to does not.
    expect((await failure(openSession(dir, { create: false }))).code).toBe('not-found')
    expect(await readdir(parent)).toEqual([])
    const s = await openSession(dir)
    expect(s.store.openReport.created).toBe(true)
    await s.close()
  })

  it('an empty path is refused, and nothing is written in the current folder', async () => {
    const before = await readdir(process.cwd())
    for (const create of [false, true]) {
      const e = await failure(ArchiveStore.open('', { create }))
      expect(e.code).toBe('invalid-input')
      expect(e.message).toContain('empty')
    }
    expect(await readdir(process.cwd())).toEqual(before)
  })

  it('a file, a device, /proc/1 and a folder of other things are refused at once with what they are', async () => {
    const parent = await tempDir('verbatim-path-')
    const file = join(parent, 'notes.txt')
    await writeFile(file, 'not an archive')
    const documents = join(parent, 'Documents')
    await mkdir(documents)
    await writeFile(join(documents, 'story.docx'), 'words')
    const cases: Array<[string, boolean, string, RegExp]> = [
      [file, true, 'invalid-input', /notes\.txt is a file: a Verbatim archive is a folder/],
      [join(file, 'archive'), true, 'invalid-input', /part of that path is a file/],
      ['/dev/null', true, 'invalid-input', /a device/],
      [documents, true, 'invalid-input', /is not a Verbatim archive and is not empty \(it holds “story\.docx”\)/],
      [documents, false, 'not-found', /There is no Verbatim archive in .*Documents/]
    ]
    if (await exists('/proc/1')) cases.push(['/proc/1', true, 'invalid-input', /is not empty/], ['/proc/1', false, 'not-found', /no Verbatim archive/])
    for (const [path, create, code, message] of cases) {
      const t0 = Date.now()
      const e = await failure(ArchiveStore.open(path, { create }))
      expect([path, e.code]).toEqual([path, code])
      expect(e.message).toMatch(message)
      expect(Date.now() - t0).toBeLessThan(2000)
    }
    expect(await readdir(documents)).toEqual(['story.docx'])
  })

  it('a folder holding only a lock an older Verbatim left (its `--archive \'\'` bug) is not an archive: not-found, and nothing is added', async () => {
    const dir = await tempDir('verbatim-path-')
    await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: 999_999_999, hostname: 'elsewhere', app: 'verbatim', startedAt: '2020-01-01T00:00:00.000Z' }))
    const { utimes } = await import('node:fs/promises')
    await utimes(join(dir, LOCK_FILE), new Date(2020, 0, 1), new Date(2020, 0, 1))
    expect((await failure(ArchiveStore.open(dir))).code).toBe('not-found')
    expect(await readdir(dir)).toEqual([LOCK_FILE])
  })

  it('a folder holding only what a file manager leaves is empty: an archive may be made there', async () => {
    const dir = await tempDir('verbatim-path-')
    await writeFile(join(dir, '.DS_Store'), '')
    const store = await ArchiveStore.open(dir, { create: true })
    expect(store.openReport.created).toBe(true)
    await store.close()
  })

  it('a pipe where archive.json should be is refused, never read (which would wait forever)', async () => {
    const dir = await tempDir('verbatim-path-')
    await (await ArchiveStore.open(dir, { create: true })).close()
    const { rm } = await import('node:fs/promises')
    await rm(join(dir, 'archive.json'))
    execFileSync('mkfifo', [join(dir, 'archive.json')])
    for (const mode of ['read', 'write'] as const) {
      const e = await failure(ArchiveStore.open(dir, { mode }))
      expect(e.code).toBe('invalid-input')
      expect(e.message).toContain('is not a regular file')
    }
    expect(await exists(join(dir, LOCK_FILE))).toBe(false)
  })

  it('every failure to open lets the lock go', async () => {
    // Damaged with no backup to restore.
    const damaged = await tempDir('verbatim-path-')
    await (await ArchiveStore.open(damaged, { create: true })).close()
    await writeFile(join(damaged, 'archive.json'), '{"schemaVersion": 1, "interv')
    expect((await failure(ArchiveStore.open(damaged))).code).toBe('corrupt')
    expect(await exists(join(damaged, LOCK_FILE))).toBe(false)
    // From a newer Verbatim that this one cannot read.
    const newer = await tempDir('verbatim-path-')
    await (await ArchiveStore.open(newer, { create: true })).close()
    const raw = JSON.parse(await readFile(join(newer, 'archive.json'), 'utf8')) as Record<string, unknown>
    await writeFile(join(newer, 'archive.json'), JSON.stringify({ ...raw, schemaVersion: 9, tags: 'elsewhere' }))
    expect((await failure(ArchiveStore.open(newer))).code).toBe('unsupported')
    expect(await exists(join(newer, LOCK_FILE))).toBe(false)
    // A journal that cannot be opened for appending (a folder in its place).
    const blocked = await tempDir('verbatim-path-')
    await (await ArchiveStore.open(blocked, { create: true })).close()
    const { rm } = await import('node:fs/promises')
    await rm(join(blocked, 'archive.journal.jsonl'))
    await mkdir(join(blocked, 'archive.journal.jsonl'))
    await failure(ArchiveStore.open(blocked))
    expect(await exists(join(blocked, LOCK_FILE))).toBe(false)
    // A seed that fails while a new archive is made.
    const seeded = await tempDir('verbatim-path-')
    const seedFailure = await ArchiveStore.open(seeded, { create: true, seed: () => Promise.reject(new Error('the seed is unreadable')) }).catch((e: Error) => e)
    expect(String(seedFailure)).toContain('the seed is unreadable')
    expect(await exists(join(seeded, LOCK_FILE))).toBe(false)
  })
})
