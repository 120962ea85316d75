// Snapshots: taken on open and at intervals, listed with their times and counts, pruned by age,
// restorable. A snapshot's transcripts are hard links, which is only safe because a transcript is
// never written in place: these tests prove a snapshot still holds the words of its time after
// the transcripts were corrected and re-tagged since.
import { readFile, readdir, stat, utimes } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createBackup, listBackups, pruneBackups } from '../../src/core/archive/backup'
import { realFs } from '../../src/core/archive/fs'
import { ArchiveStore } from '../../src/core/archive/store'
import { openSession } from '../../src/core/session'
import { tempDir } from '../support/temp'
import { treeBytes } from './helpers/disk'
import { FaultyFs } from './helpers/faulty-fs'

const seg = (text: string, tagIds: string[] = []) => ({ speaker: 'Saule Bekova', text, startSeconds: null, endSeconds: null, offRecord: false, tagIds })
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** The archive's own files (archive.json and transcripts), byte for byte. */
async function archiveNow(dir: string): Promise<Map<string, Buffer>> {
  const all = await treeBytes(dir)
  return new Map([...all].filter(([path]) => path === 'archive.json' || /^interviews\/[^.][^/]*\.json$/.test(path)))
}

async function snapshotFiles(dir: string, id: string): Promise<Map<string, Buffer>> {
  return treeBytes(join(dir, 'backups', id))
}

describe('snapshots', () => {
  it('are taken on open, listed newest first with their time and counts', async () => {
    const dir = await tempDir('verbatim-backup-')
    const s = await openSession(dir)
    expect(await s.store.backups()).toHaveLength(1)
    await s.client.call('interviews.create', { title: 'A', segments: [seg('one')] })
    await s.client.call('claims.create', { text: 'A claim', status: 'unverified' })
    await s.close()
    const t0 = Date.now()
    const again = await ArchiveStore.open(dir)
    const list = await again.backups()
    expect(list).toHaveLength(2)
    const [newest, oldest] = list
    expect(newest).toMatchObject({ interviews: 1, quotes: 0, claims: 1 })
    expect(oldest).toMatchObject({ interviews: 0, quotes: 0, claims: 0 })
    expect(Date.parse(newest?.createdAt ?? '')).toBeGreaterThanOrEqual(t0 - 1000)
    expect(Date.parse(newest?.createdAt ?? '')).toBeGreaterThanOrEqual(Date.parse(oldest?.createdAt ?? ''))
    await again.close()
  })

  it('are taken at intervals while edits are made', async () => {
    const dir = await tempDir('verbatim-backup-')
    // An interval of 0.05 s instead of 30 minutes: the mechanism is the same.
    const s = await openSession(dir, { backupEveryMinutes: 0.05 / 60 })
    await s.client.call('tags.create', { name: 'one', color: '#111111' })
    await sleep(80)
    await s.client.call('tags.create', { name: 'two', color: '#222222' })
    await sleep(80)
    await s.client.call('tags.create', { name: 'three', color: '#333333' })
    const list = await s.store.backups()
    // The one on open, then one after each save that came more than the interval after the last.
    expect(list.length).toBeGreaterThanOrEqual(3)
    const newest = JSON.parse(await readFile(join(dir, 'backups', list[0]?.id ?? '', 'archive.json'), 'utf8')) as { tags: Array<{ name: string }> }
    expect(newest.tags.map((t) => t.name)).toEqual(['one', 'two', 'three'])
    await s.close()
  })

  it('hold the archive as it was when taken, even after its transcripts were corrected and re-tagged since', async () => {
    const dir = await tempDir('verbatim-backup-')
    const s = await openSession(dir)
    const tag = await s.client.call('tags.create', { name: 'CSTO', color: '#aa0000' })
    const interview = await s.client.call('interviews.create', {
      title: 'Saule Bekova',
      segments: [seg('Nearly three thousand troops.', [tag.id]), seg('Khabar was first.', [tag.id])]
    })
    const first = (await s.store.transcript(interview.id))[0]
    if (!first) throw new Error('no segment')
    const backup = await s.store.backupNow()
    const then = await archiveNow(dir)
    const transcriptFile = join(dir, 'interviews', `${interview.id}.json`)
    const linked = join(dir, 'backups', backup.id, 'interviews', `${interview.id}.json`)
    // At first the snapshot's transcript is the same file (a hard link), not a copy.
    expect((await stat(linked)).ino).toBe((await stat(transcriptFile)).ino)

    // Later edits: a correction, a tag deleted from the segments, a new interview, index edits.
    await s.client.call('segments.update', { interviewId: interview.id, segmentId: first.id, text: 'Nearly three thousand CSTO troops.' })
    await s.client.call('tags.delete', { id: tag.id })
    await s.client.call('interviews.create', { title: 'Marat Seitkali', segments: [seg('About 2,500.')] })
    await s.client.call('sources.create', { kind: 'person', name: 'Marat Seitkali', naming: 'on-record' })
    expect(await archiveNow(dir)).not.toEqual(then)
    expect((await stat(linked)).ino).not.toBe((await stat(transcriptFile)).ino)

    // The snapshot still holds exactly the files of its time.
    const snap = await snapshotFiles(dir, backup.id)
    expect(new Map([...snap].filter(([p]) => p !== 'archive.json'))).toEqual(new Map([...then].filter(([p]) => p !== 'archive.json')))
    // Its archive.json is the index as it was then, byte for byte.
    expect(snap.get('archive.json')).toEqual(then.get('archive.json'))

    // Restoring it gives that archive back; the state it replaced is snapshotted first.
    const before = (await s.store.backups()).length
    await s.store.restore(backup.id)
    const now = await archiveNow(dir)
    for (const [path, bytes] of then) expect(now.get(path), path).toEqual(bytes)
    const reopened = await openSession(dir)
    expect(reopened.store.index.tags.map((t) => t.name)).toEqual(['CSTO'])
    expect(reopened.store.index.interviews.map((i) => i.title)).toEqual(['Saule Bekova'])
    expect((await reopened.store.transcript(interview.id)).map((x) => [x.text, x.tagIds])).toEqual([
      ['Nearly three thousand troops.', [tag.id]],
      ['Khabar was first.', [tag.id]]
    ])
    // The snapshot taken just before the restore holds the corrected state.
    const list = await reopened.store.backups()
    expect(list.length).toBeGreaterThanOrEqual(before + 1)
    const preRestore = list.find((b) => b.interviews === 2)
    expect(preRestore).toBeDefined()
    await reopened.close()
  })

  it('a restore that fails half way is undone: the archive is left as it was', async () => {
    const dir = await tempDir('verbatim-backup-')
    const faulty = new FaultyFs()
    const s = await openSession(dir, { fs: faulty.fs })
    const interview = await s.client.call('interviews.create', { title: 'A', segments: [seg('old words')] })
    const backup = await s.store.backupNow()
    const first = (await s.store.transcript(interview.id))[0]
    await s.client.call('segments.update', { interviewId: interview.id, segmentId: first?.id ?? '', text: 'new words' })
    await s.client.call('tags.create', { name: 'new tag', color: '#123456' })
    const before = await archiveNow(dir)
    // The transcript is put back, then writing archive.json fails: the disk is full.
    const fault = faulty.arm({ step: 'write', code: 'ENOSPC', target: (f, path) => f === 'archive.json' && !path.includes('/backups/') })
    const e = await s.store.restore(backup.id).catch((err: unknown) => err as { code: string; message: string })
    expect(fault.hits).toBe(1)
    expect(e).toMatchObject({ code: 'not-saved' })
    expect(e?.message).toContain('the disk is full')
    expect(await archiveNow(dir)).toEqual(before)
    // The store is still open and usable.
    await s.client.call('tags.create', { name: 'still works', color: '#654321' })
    await s.close()
  })
})

describe('pruning', () => {
  async function withSnapshots(count: number): Promise<string> {
    const dir = await tempDir('verbatim-prune-')
    await (await ArchiveStore.open(dir)).close()
    const indexText = await readFile(join(dir, 'archive.json'), 'utf8')
    for (let i = 0; i < count; i++) await createBackup(realFs, dir, indexText, new Date(Date.UTC(2026, 0, 1, 0, 0, i)))
    return dir
  }
  /** Ages a snapshot: its time is its archive.json's modification time. */
  async function age(dir: string, id: string, days: number): Promise<void> {
    const when = new Date(Date.now() - days * 24 * 3600_000)
    await utimes(join(dir, 'backups', id, 'archive.json'), when, when)
  }

  it('keeps every snapshot of the last day, however many', async () => {
    const dir = await withSnapshots(45)
    await pruneBackups(realFs, dir)
    expect(await listBackups(realFs, dir)).toHaveLength(46)
  })

  it('keeps at most 40 once older than a day, none older than 30 days, and always the newest three', async () => {
    const dir = await withSnapshots(50)
    const all = await listBackups(realFs, dir)
    // Newest first. Make every one two days old, and the ten oldest 31 days old.
    for (const b of all) await age(dir, b.id, 2)
    for (const b of all.slice(-10)) await age(dir, b.id, 31)
    await pruneBackups(realFs, dir)
    const kept = await listBackups(realFs, dir)
    expect(kept).toHaveLength(40)
    expect(kept.map((b) => b.id)).toEqual(all.slice(0, 40).map((b) => b.id))
    // All very old: the newest three stay all the same.
    for (const b of kept) await age(dir, b.id, 400)
    await pruneBackups(realFs, dir)
    expect((await listBackups(realFs, dir)).map((b) => b.id)).toEqual(all.slice(0, 3).map((b) => b.id))
    // Nothing half-removed is left in the folder.
    expect((await readdir(join(dir, 'backups'))).filter((n) => n.includes('partial'))).toEqual([])
  })

  it('a snapshot half made or half pruned by a crash is never offered, and is cleared on the next open', async () => {
    const dir = await withSnapshots(2)
    const good = await listBackups(realFs, dir)
    const [newest] = good
    // What a crash leaves: a staging folder, and a prune renamed aside but not yet removed.
    const { mkdir, cp } = await import('node:fs/promises')
    await mkdir(join(dir, 'backups', '2027-01-01T00-00-00-000Z.partial', 'interviews'), { recursive: true })
    await cp(join(dir, 'backups', newest?.id ?? ''), join(dir, 'backups', `${newest?.id}-9.pruned.partial`), { recursive: true })
    expect((await listBackups(realFs, dir)).map((b) => b.id)).not.toContain('2027-01-01T00-00-00-000Z')
    expect((await listBackups(realFs, dir)).map((b) => b.id)).toEqual(good.map((b) => b.id))
    await (await ArchiveStore.open(dir)).close()
    expect((await readdir(join(dir, 'backups'))).filter((n) => n.endsWith('.partial'))).toEqual([])
  })

  it('two snapshots in the same millisecond get distinct names', async () => {
    const dir = await tempDir('verbatim-prune-')
    await (await ArchiveStore.open(dir)).close()
    const text = await readFile(join(dir, 'archive.json'), 'utf8')
    const at = new Date(Date.UTC(2026, 5, 1))
    const a = await createBackup(realFs, dir, text, at)
    const b = await createBackup(realFs, dir, text, at)
    expect(a.id).not.toBe(b.id)
    expect((await listBackups(realFs, dir)).map((x) => x.id)).toEqual(expect.arrayContaining([a.id, b.id]))
  })
})
