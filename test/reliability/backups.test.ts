// Snapshots: taken before a session's first save and at intervals while edits are made (never for
// an open that saves nothing), listed with their times and counts, pruned by age and number,
// restorable. A snapshot's transcripts are hard links, which is only safe because a transcript is
// never written in place: these tests prove a snapshot still holds the words of its time after
// the transcripts were corrected and re-tagged since.
import { readFile, readdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createBackup, listBackups, pruneBackups, snapshotsToPrune, timeOfId, type SnapshotSource } from '../../src/core/archive/backup'
import { realFs } from '../../src/core/archive/fs'
import { ArchiveStore } from '../../src/core/archive/store'
import { checkIndexText } from '../../src/core/archive/validate'
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
  it('are taken before the first save of a session, never for an open that saves nothing; listed newest first with their time and counts', async () => {
    const dir = await tempDir('verbatim-backup-')
    const s = await openSession(dir)
    expect(await s.store.backups()).toHaveLength(0)
    await s.close()
    await (await openSession(dir)).close()
    expect(await listBackups(realFs, dir)).toHaveLength(0)
    const t0 = Date.now()
    const again = await openSession(dir)
    await again.client.call('interviews.create', { title: 'A', segments: [seg('one')] })
    await again.client.call('claims.create', { text: 'A claim', status: 'unverified' })
    // The archive as the session found it (empty), taken before its first save.
    expect(await again.store.backups()).toHaveLength(1)
    await again.store.backupNow()
    const list = await again.store.backups()
    expect(list).toHaveLength(2)
    const [newest, oldest] = list
    expect(newest).toMatchObject({ interviews: 1, quotes: 0, claims: 1 })
    expect(oldest).toMatchObject({ interviews: 0, quotes: 0, claims: 0 })
    expect(Date.parse(newest?.createdAt ?? '')).toBeGreaterThanOrEqual(t0 - 1000)
    expect(Date.parse(newest?.createdAt ?? '')).toBeGreaterThanOrEqual(Date.parse(oldest?.createdAt ?? ''))
    await again.close()
  })

  it('a script that opens and saves many times makes one snapshot per interval, not one per run', async () => {
    const dir = await tempDir('verbatim-backup-')
    for (let run = 0; run < 12; run++) {
      const s = await openSession(dir)
      await s.client.call('tags.create', { name: `run ${run}`, color: '#123456' })
      await s.close()
    }
    const list = await listBackups(realFs, dir)
    expect(list).toHaveLength(1)
    expect(list[0]).toMatchObject({ interviews: 0 })
  })

  it('a refused write takes no snapshot and writes nothing at all', async () => {
    const dir = await tempDir('verbatim-backup-')
    await (await openSession(dir)).close()
    const before = await treeBytes(dir)
    const s = await openSession(dir)
    const refused = await s.client.call('tags.create', { name: 'x', color: 'red' }).catch((e: { code: string }) => e)
    expect(refused).toMatchObject({ code: 'invalid-input' })
    // Refused by the store itself (a record that fails its schema), after the change ran.
    const byStore = await s.store
      .commit((next) => {
        next.tags.push({ id: 'bad id!', name: 'x', color: '#000000', createdAt: 'now', updatedAt: 'now' })
      })
      .catch((e: { code: string }) => e)
    expect(byStore).toMatchObject({ code: 'invalid-input' })
    await s.close()
    const after = await treeBytes(dir)
    after.delete('.verbatim.lock')
    expect(after).toEqual(before)
  })

  it('are taken at intervals while edits are made', async () => {
    const dir = await tempDir('verbatim-backup-')
    // An interval of 0.05 s instead of 30 minutes: the mechanism is the same.
    const s = await openSession(dir, { backupEveryMinutes: 0.05 / 60 })
    // A save is acknowledged before the snapshot it makes due is taken; listing the snapshots waits
    // for it, so that each pause starts after the last snapshot (on a busy machine it can take a while).
    await s.client.call('tags.create', { name: 'one', color: '#111111' })
    await s.store.backups()
    await sleep(80)
    await s.client.call('tags.create', { name: 'two', color: '#222222' })
    await s.store.backups()
    await sleep(80)
    await s.client.call('tags.create', { name: 'three', color: '#333333' })
    const list = await s.store.backups()
    // The one before the first save, then one after each save that came more than the interval after the last.
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
    expect(new Map([...snap].filter(([p]) => p !== 'archive.json' && p !== 'snapshot.json'))).toEqual(new Map([...then].filter(([p]) => p !== 'archive.json')))
    // Its archive.json is the index as it was then, byte for byte.
    expect(snap.get('archive.json')).toEqual(then.get('archive.json'))

    // Restoring it gives that archive back; the state it replaced is snapshotted first.
    const before = (await s.store.backups()).length
    const revisionBefore = s.store.index.revision
    await s.store.restore(backup.id)
    const now = await archiveNow(dir)
    for (const [path, bytes] of then) if (path !== 'archive.json') expect(now.get(path), path).toEqual(bytes)
    // archive.json holds the snapshot's index again; only the revision moved on, never back
    // (a restore is one more save, so every cache and window sees a state it has not seen).
    const restored = checkIndexText(now.get('archive.json')?.toString() ?? '')
    const snapshot = checkIndexText(then.get('archive.json')?.toString() ?? '')
    if (!restored.ok || !snapshot.ok) throw new Error('archive.json does not read')
    expect({ ...restored.index, revision: 0 }).toEqual({ ...snapshot.index, revision: 0 })
    expect(restored.index.revision).toBe(revisionBefore + 1)
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
  const source = (indexText: string): SnapshotSource => ({
    indexText,
    interviewIds: [],
    facts: { archiveId: 'a', revision: 0, interviews: 0, quotes: 0, claims: 0 }
  })
  async function withSnapshots(times: Date[]): Promise<string> {
    const dir = await tempDir('verbatim-prune-')
    await (await ArchiveStore.open(dir, { create: true })).close()
    const indexText = await readFile(join(dir, 'archive.json'), 'utf8')
    for (const t of times) await createBackup(realFs, dir, source(indexText), t)
    return dir
  }
  const HOUR = 3600_000
  const DAY = 24 * HOUR
  const NOW = Date.UTC(2026, 5, 15, 12, 30)

  it('keeps the newest three, then one per hour for a day and one per day for 30 days', async () => {
    // Ten in the last ten minutes, one every half hour for three days, ten more 40 to 50 days old.
    const times = [
      ...Array.from({ length: 10 }, (_, i) => NOW - (i + 1) * 60_000),
      ...Array.from({ length: 144 }, (_, i) => NOW - 15 * 60_000 - i * 30 * 60_000),
      ...Array.from({ length: 10 }, (_, i) => NOW - (40 + i) * DAY)
    ]
    const dir = await withSnapshots(times.map((t) => new Date(t)))
    const all = await listBackups(realFs, dir)
    expect(all).toHaveLength(164)
    await pruneBackups(realFs, dir, NOW)
    const kept = (await listBackups(realFs, dir)).map((b) => Date.parse(b.createdAt))
    // The newest three, whatever their age.
    expect(kept.slice(0, 3)).toEqual(all.slice(0, 3).map((b) => Date.parse(b.createdAt)))
    const rest = kept.slice(3)
    const hours = rest.filter((t) => NOW - t <= DAY).map((t) => Math.floor(t / HOUR))
    const days = rest.filter((t) => NOW - t > DAY).map((t) => Math.floor(t / DAY))
    expect(new Set(hours).size).toBe(hours.length)
    expect(new Set(days).size).toBe(days.length)
    expect(hours.length).toBeGreaterThanOrEqual(23)
    expect(days.length).toBeGreaterThanOrEqual(2)
    expect(rest.every((t) => NOW - t <= 30 * DAY)).toBe(true)
    expect(kept.length).toBeLessThanOrEqual(3 + 25 + 30)
    // Nothing half-removed is left in the folder.
    expect((await readdir(join(dir, 'backups'))).filter((n) => n.includes('partial'))).toEqual([])
  })

  it('bounds the count for a script that snapshots every few minutes all month', () => {
    // The policy alone, on 10,000 snapshots a month apart by 4.3 minutes: pruned after each one.
    let ids: Array<{ id: string; time: number }> = []
    const start = NOW - 30 * DAY
    let most = 0
    for (let k = 0; k < 10_000; k++) {
      const time = start + k * 259_000
      ids = [{ id: String(k), time }, ...ids]
      const doomed = new Set(snapshotsToPrune(ids, time))
      ids = ids.filter((s) => !doomed.has(s.id))
      most = Math.max(most, ids.length)
    }
    expect(most).toBeLessThanOrEqual(3 + 25 + 31)
  })

  it('never reads a snapshot’s archive.json to list or prune it, nor to open and save', async () => {
    const dir = await withSnapshots(Array.from({ length: 5 }, (_, i) => new Date(Date.now() - i * DAY)))
    const faulty = new FaultyFs()
    const s = await openSession(dir, { fs: faulty.fs })
    await s.client.call('tags.create', { name: 'one', color: '#111111' })
    await s.store.backups()
    await s.close()
    expect(faulty.calls.filter((c) => c.step === 'read' && c.path.includes('/backups/') && c.path.endsWith('archive.json'))).toEqual([])
  })

  it('a snapshot made before snapshot.json existed is still listed, from its archive.json', async () => {
    const dir = await withSnapshots([new Date(NOW)])
    const [b] = await listBackups(realFs, dir)
    await rm(join(dir, 'backups', b?.id ?? '', 'snapshot.json'))
    const [again] = await listBackups(realFs, dir)
    expect(again).toMatchObject({ id: b?.id, interviews: 0, quotes: 0, claims: 0 })
  })

  it('a snapshot half made or half pruned by a crash is never offered, and is cleared on the next open', async () => {
    const dir = await withSnapshots([new Date(NOW), new Date(NOW + 1000)])
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
    await (await ArchiveStore.open(dir, { create: true })).close()
    const text = await readFile(join(dir, 'archive.json'), 'utf8')
    const at = new Date(Date.UTC(2026, 5, 1))
    const a = await createBackup(realFs, dir, source(text), at)
    const b = await createBackup(realFs, dir, source(text), at)
    expect(a.id).not.toBe(b.id)
    expect(timeOfId(b.id)).toBe(at.getTime())
    expect((await listBackups(realFs, dir)).map((x) => x.id)).toEqual(expect.arrayContaining([a.id, b.id]))
  })
})
