// The journal: a save appends one line holding the records it changed, each with its own
// revision; archive.json is rewritten whole only by a checkpoint. What a crash can leave in it (a
// torn last line, a checkpoint half made), what damage can do to it (a bad line in the middle, a
// journal that belongs elsewhere, an archive.json replaced by an older copy), and what it holds.
import { appendFile, cp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { changesBetween, RecordMaps } from '../../src/core/archive/changes'
import { RecordRevisions } from '../../src/core/archive/checkpoint'
import { draftOf } from '../../src/core/archive/draft'
import type { ArchiveFs } from '../../src/core/archive/fs'
import { headerText, lineText, parseJournal, type JournalChange } from '../../src/core/archive/journal'
import { JOURNAL_FILE } from '../../src/core/archive/layout'
import { LOCK_FILE } from '../../src/core/archive/lock'
import { replayJournal } from '../../src/core/archive/replay'
import { shapeOf } from '../../src/core/archive/shape'
import { ArchiveStore, emptyIndex } from '../../src/core/archive/store'
import { openSession, type Session } from '../../src/core/session'
import { ArchiveIndexSchema, TagSchema, type ArchiveIndex } from '../../src/shared/model'
import { tempDir } from '../support/temp'
import { treeBytes } from './helpers/disk'
import { FaultyFs } from './helpers/faulty-fs'

const seg = (text: string, tagIds: string[] = []) => ({ speaker: 'Saule Bekova', text, startSeconds: null, endSeconds: null, offRecord: false, tagIds })
const journalOf = (dir: string): Promise<string> => readFile(join(dir, JOURNAL_FILE), 'utf8')
const linesOf = async (dir: string): Promise<Array<{ rev: number; changes: JournalChange[]; transcripts?: { written?: string[]; deleted?: string[] } }>> =>
  parseJournal(await journalOf(dir)).lines.map((l) => l.value as never)

/** An archive with a few saves in its journal (none folded into archive.json yet). */
async function withSaves(): Promise<{ dir: string; s: Session; tagId: string; interviewId: string }> {
  const dir = await tempDir('verbatim-journal-')
  const s = await openSession(dir)
  const tagId = (await s.client.call('tags.create', { name: 'CSTO', color: '#aa0000' })).id
  const interviewId = (await s.client.call('interviews.create', { title: 'Saule Bekova', segments: [seg('Nearly three thousand troops.', [tagId])] })).id
  await s.client.call('tags.update', { id: tagId, patch: { description: 'the alliance' } })
  return { dir, s, tagId, interviewId }
}

/** The folder as a process killed right now would leave it (its lock gone with it). */
async function copyAsIfKilled(dir: string): Promise<string> {
  const copy = await tempDir('verbatim-journal-copy-')
  await cp(dir, copy, { recursive: true })
  await rm(join(copy, LOCK_FILE), { force: true })
  return copy
}

describe('a save', () => {
  it('appends one line with only the records it changed, each with its id and revision, and leaves archive.json alone', async () => {
    const { dir, s, tagId } = await withSaves()
    const archiveBefore = await readFile(join(dir, 'archive.json'), 'utf8')
    const linesBefore = (await linesOf(dir)).length
    await s.client.call('tags.update', { id: tagId, patch: { name: 'CSTO troops' } })
    expect(await readFile(join(dir, 'archive.json'), 'utf8')).toBe(archiveBefore)
    const lines = await linesOf(dir)
    expect(lines).toHaveLength(linesBefore + 1)
    const last = lines.at(-1)
    expect(last?.rev).toBe(s.store.index.revision)
    expect(last?.changes).toEqual([{ kind: 'tags', id: tagId, rev: s.store.index.revision, record: s.store.index.tags[0] }])
    // The record's own revision is the save that last wrote it.
    expect(s.store.revisionOf('tags', tagId)).toBe(s.store.index.revision)
    await s.close()
  })

  it('that changes nothing writes nothing', async () => {
    const { dir, s, tagId } = await withSaves()
    const before = await treeBytes(dir)
    const revision = s.store.index.revision
    await s.store.commit((next) => {
      const tag = next.tags.find((t) => t.id === tagId)
      if (tag) tag.name = `${tag.name}`
    })
    expect(await treeBytes(dir)).toEqual(before)
    expect(s.store.index.revision).toBe(revision)
    await s.close()
  })

  it('keeps the records it did not touch as the very same objects', async () => {
    const { s, interviewId } = await withSaves()
    const interview = s.store.index.interviews[0]
    await s.client.call('tags.create', { name: 'state media', color: '#00aa00' })
    expect(s.store.index.interviews[0]).toBe(interview)
    expect(s.store.index.interviews[0]?.id).toBe(interviewId)
    await s.close()
  })

  it('records survive close and reopen with their revisions (archive.json keeps them as _rev)', async () => {
    const { dir, s, tagId, interviewId } = await withSaves()
    const tagRev = s.store.revisionOf('tags', tagId)
    const interviewRev = s.store.revisionOf('interviews', interviewId)
    expect(tagRev).toBeGreaterThan(interviewRev ?? Infinity)
    await s.close()
    const raw = JSON.parse(await readFile(join(dir, 'archive.json'), 'utf8')) as { tags: Array<{ _rev: number }> }
    expect(raw.tags[0]?._rev).toBe(tagRev)
    const again = await ArchiveStore.open(dir)
    expect(again.revisionOf('tags', tagId)).toBe(tagRev)
    expect(again.revisionOf('interviews', interviewId)).toBe(interviewRev)
    expect(again.revisionOf('tags', 'no-such-tag')).toBeUndefined()
    await again.close()
  })

  it('a collection put in a new order replays in that order', async () => {
    const { dir, s } = await withSaves()
    await s.client.call('tags.create', { name: 'a first', color: '#00aa00' })
    await s.store.commit((next) => {
      next.tags.sort((a, b) => a.name.localeCompare(b.name))
    })
    const names = s.store.index.tags.map((t) => t.name)
    expect(names).toEqual(['a first', 'CSTO'])
    const copy = await copyAsIfKilled(dir)
    const again = await ArchiveStore.open(copy)
    expect(again.index.tags.map((t) => t.name)).toEqual(names)
    await again.close()
    await s.close()
  })
})

describe('what a crash leaves in the journal', () => {
  it('a torn last line (killed while appending) is ignored, cut off by the next writer, and every save before it kept', async () => {
    const { dir, s, tagId } = await withSaves()
    const copy = await copyAsIfKilled(dir)
    await s.close()
    const whole = await journalOf(copy)
    await appendFile(join(copy, JOURNAL_FILE), '{"rev":99,"at":"2026-01-01T00:00:00.000Z","changes":[{"kind":"tags","id":"x","rev":99,"rec')
    // A reader sees the saves and leaves the file as it is.
    const reader = await ArchiveStore.open(copy, { mode: 'read' })
    expect(reader.index.tags.map((t) => [t.id, t.description])).toEqual([[tagId, 'the alliance']])
    expect(reader.openReport.journal).toBeUndefined()
    await reader.close()
    expect((await journalOf(copy)).length).toBeGreaterThan(whole.length)
    // A writer cuts the torn line off, says nothing (it was never acknowledged), and appends after it.
    const writer = await openSession(copy)
    expect(writer.store.openReport.message).toBeUndefined()
    expect(await journalOf(copy)).toBe(whole)
    await writer.client.call('tags.create', { name: 'after the crash', color: '#123456' })
    expect(parseJournal(await journalOf(copy)).tornBytes).toBe(0)
    await writer.close()
    const again = await ArchiveStore.open(copy)
    expect(again.index.tags.map((t) => t.name)).toEqual(['CSTO', 'after the crash'])
    await again.close()
  })

  it('a torn line of NUL bytes (the file grew but its data never reached the disk) is a torn line too', async () => {
    const { dir, s } = await withSaves()
    const copy = await copyAsIfKilled(dir)
    await s.close()
    await appendFile(join(copy, JOURNAL_FILE), Buffer.alloc(300))
    const store = await ArchiveStore.open(copy)
    expect(store.openReport.journal).toBeUndefined()
    expect(store.index.tags).toHaveLength(1)
    await store.close()
  })

  /** Runs a checkpoint (a backup asked for) and stops it dead at `stopAt`; returns the folder as it was then. */
  async function checkpointCutShort(stopAt: (to: string) => boolean): Promise<{ copy: string; index: ArchiveIndex }> {
    const dir = await tempDir('verbatim-journal-')
    const faulty = new FaultyFs()
    let armed = false
    let stopped: () => void = () => undefined
    const isStopped = new Promise<void>((resolve) => (stopped = resolve))
    const fs: ArchiveFs = {
      ...faulty.fs,
      rename: async (from, to) => {
        if (armed && stopAt(String(to))) {
          stopped()
          return new Promise<never>(() => undefined)
        }
        return faulty.fs.rename(from, to)
      }
    }
    const s = await openSession(dir, { fs })
    const tag = await s.client.call('tags.create', { name: 'CSTO', color: '#aa0000' })
    await s.client.call('interviews.create', { title: 'Saule Bekova', segments: [seg('Nearly three thousand troops.', [tag.id])] })
    await s.client.call('tags.update', { id: tag.id, patch: { description: 'the alliance' } })
    const index = structuredClone(s.store.index)
    armed = true
    void s.store.backupNow()
    await isStopped
    return { copy: await copyAsIfKilled(dir), index }
  }

  it('killed in a checkpoint after archive.json was replaced, before the journal was: the next open skips the saves archive.json holds', async () => {
    const { copy, index } = await checkpointCutShort((to) => to.endsWith(JOURNAL_FILE))
    const raw = JSON.parse(await readFile(join(copy, 'archive.json'), 'utf8')) as { revision: number }
    expect(raw.revision).toBe(index.revision)
    expect((await linesOf(copy)).length).toBeGreaterThan(0)
    const store = await ArchiveStore.open(copy)
    expect(store.openReport.message).toBeUndefined()
    expect(store.index).toEqual(index)
    await store.close()
    // The old journal was replaced by an empty one on that open.
    expect(await linesOf(copy)).toEqual([])
    const again = await ArchiveStore.open(copy)
    expect(again.index).toEqual(index)
    await again.close()
  })

  it('killed in a checkpoint before archive.json was replaced: the next open replays the journal over the old one', async () => {
    const { copy, index } = await checkpointCutShort((to) => to.endsWith('archive.json') && !to.includes('backups'))
    expect((await readdir(copy)).some((n) => n.startsWith('.archive.json.') && n.endsWith('.tmp'))).toBe(true)
    const store = await ArchiveStore.open(copy)
    expect(store.openReport.message).toBeUndefined()
    expect(store.index).toEqual(index)
    expect((await readdir(copy)).filter((n) => n.endsWith('.tmp'))).toEqual([])
    await store.close()
  })
})

describe('a damaged journal', () => {
  it('a bad line in the middle: the saves before it are kept, the journal is moved aside byte for byte, and the user told', async () => {
    const { dir, s } = await withSaves()
    await s.client.call('tags.create', { name: 'made later', color: '#00aa00' })
    const copy = await copyAsIfKilled(dir)
    await s.close()
    const text = await journalOf(copy)
    const lines = text.split('\n')
    // The third save (the tag's description) is damaged in place; the fourth comes after it.
    lines[3] = lines[3]?.replace('"rev"', '"rev":') ?? ''
    const damaged = lines.join('\n')
    await writeFile(join(copy, JOURNAL_FILE), damaged)
    const store = await ArchiveStore.open(copy)
    const r = store.openReport
    expect(r.journal?.problem).toContain('not valid JSON')
    expect(r.journal?.movedAside).toBeDefined()
    expect(await readFile(r.journal?.movedAside as string, 'utf8')).toBe(damaged)
    // The first two saves (the tag and the interview) are there; what came after the damage is not.
    expect(store.index.tags.map((t) => [t.name, t.description])).toEqual([['CSTO', undefined]])
    expect(store.index.interviews).toHaveLength(1)
    expect(r.message).toContain('could not be applied in full')
    expect(r.message).toContain(`as of revision ${store.index.revision}`)
    expect(r.message).toContain(r.journal?.movedAside)
    await store.close()
    // From now on it opens cleanly, and saves again.
    const again = await openSession(copy)
    expect(again.store.openReport.message).toBeUndefined()
    await again.client.call('tags.create', { name: 'after the repair', color: '#0000aa' })
    await again.close()
    const last = await ArchiveStore.open(copy)
    expect(last.index.tags.map((t) => t.name)).toEqual(['CSTO', 'after the repair'])
    await last.close()
  })

  it('a line whose record fails the schema stops the replay there, like a line that is not JSON', async () => {
    const { dir, s } = await withSaves()
    const copy = await copyAsIfKilled(dir)
    await s.close()
    const text = await journalOf(copy)
    await writeFile(join(copy, JOURNAL_FILE), text.replace(/"color":"#aa0000"/, '"color":"red"'))
    const store = await ArchiveStore.open(copy)
    expect(store.openReport.journal?.problem).toContain('does not match the format')
    expect(store.index.tags).toEqual([])
    await store.close()
  })

  it('a journal from another archive is never applied', async () => {
    const { dir, s } = await withSaves()
    const copy = await copyAsIfKilled(dir)
    await s.close()
    const other = await withSaves()
    const otherCopy = await copyAsIfKilled(other.dir)
    await other.s.close()
    await cp(join(otherCopy, JOURNAL_FILE), join(copy, JOURNAL_FILE))
    const store = await ArchiveStore.open(copy, { mode: 'read' })
    expect(store.openReport.journal?.problem).toContain('belongs to another archive')
    expect(store.index.tags).toEqual([])
    await store.close()
  })

  it('archive.json replaced by an older copy: the newer journal is not applied to it, and is kept', async () => {
    const { dir, s } = await withSaves()
    const old = await readFile(join(dir, 'archive.json'), 'utf8')
    await s.client.call('tags.create', { name: 'made later', color: '#00aa00' })
    await s.store.backupNow()
    await s.client.call('tags.create', { name: 'even later', color: '#0000aa' })
    const copy = await copyAsIfKilled(dir)
    await s.close()
    await writeFile(join(copy, 'archive.json'), old)
    const store = await ArchiveStore.open(copy)
    expect(store.openReport.journal?.problem).toContain('older than the journal')
    expect(store.openReport.journal?.unapplied).toBe(1)
    expect(store.index.tags).toEqual([])
    await store.close()
  })
})

describe('checkpoints', () => {
  it('fold the journal into archive.json once it has grown, and only then remove a deleted interview’s transcript', async () => {
    const dir = await tempDir('verbatim-journal-')
    const s = await openSession(dir, { checkpointAfterBytes: 4000 })
    const doomed = await s.client.call('interviews.create', { title: 'To delete', segments: [seg('words')] })
    // The store's own delete (the trash lets go of a transcript this way; interviews.delete keeps it for undo).
    await s.store.commit((next, tx) => {
      next.interviews = next.interviews.filter((i) => i.id !== doomed.id)
      tx.deleteTranscript(doomed.id)
    })
    // Deleted in the index, and still on disk: archive.json (the last checkpoint) may still name it.
    expect(await stat(join(dir, 'interviews', `${doomed.id}.json`)).then(() => true)).toBe(true)
    expect((await linesOf(dir)).at(-1)?.transcripts).toEqual({ deleted: [doomed.id] })
    for (let i = 0; i < 20; i++) await s.client.call('tags.create', { name: `tag ${i}`, color: '#123456' })
    await s.store.backups()
    // A checkpoint came: archive.json holds the tags, the journal starts again, the transcript is gone.
    const raw = JSON.parse(await readFile(join(dir, 'archive.json'), 'utf8')) as { tags: unknown[]; revision: number }
    expect(raw.tags.length).toBeGreaterThan(5)
    expect((await journalOf(dir)).length).toBeLessThan(4000)
    expect(await stat(join(dir, 'interviews', `${doomed.id}.json`)).then(() => true, () => false)).toBe(false)
    await s.close()
  })

  it('a transcript whose interview left the index without a delete (kept for undo) is never removed', async () => {
    const dir = await tempDir('verbatim-journal-')
    const s = await openSession(dir)
    const kept = await s.client.call('interviews.create', { title: 'In the trash', segments: [seg('words')] })
    await s.store.commit((next) => {
      next.interviews = next.interviews.filter((i) => i.id !== kept.id)
    })
    await s.close()
    expect(await stat(join(dir, 'interviews', `${kept.id}.json`)).then(() => true)).toBe(true)
  })

  it('a deleted interview’s transcript is removed by the checkpoint after a crash too (the journal remembers the delete)', async () => {
    const dir = await tempDir('verbatim-journal-')
    const s = await openSession(dir)
    const doomed = await s.client.call('interviews.create', { title: 'To delete', segments: [seg('words')] })
    // The store's own delete (the trash lets go of a transcript this way; interviews.delete keeps it for undo).
    await s.store.commit((next, tx) => {
      next.interviews = next.interviews.filter((i) => i.id !== doomed.id)
      tx.deleteTranscript(doomed.id)
    })
    const copy = await copyAsIfKilled(dir)
    await s.close()
    const again = await ArchiveStore.open(copy)
    expect(await stat(join(copy, 'interviews', `${doomed.id}.json`)).then(() => true)).toBe(true)
    await again.close()
    expect(await stat(join(copy, 'interviews', `${doomed.id}.json`)).then(() => true, () => false)).toBe(false)
  })
})

describe('the index’s shape comes from the schema', () => {
  // Another engineer adds a collection (`trash`) and a field: the store saves and replays them
  // with no change of its own.
  const TrashSchema = z.object({ id: z.string(), kind: z.string(), record: z.record(z.string(), z.unknown()), deletedAt: z.string() })
  const Extended = ArchiveIndexSchema.extend({
    tags: z.array(TagSchema.extend({ pinned: z.boolean().default(false) })),
    trash: z.array(TrashSchema).default([]),
    lastExport: z.string().optional()
  })
  const shape = shapeOf(Extended)

  it('finds every collection of records with an id, and the values', () => {
    expect([...shape.collections.keys()]).toEqual(expect.arrayContaining(['interviews', 'sources', 'tags', 'quotes', 'claims', 'drafts', 'trash']))
    expect([...shape.values.keys()]).toEqual(expect.arrayContaining(['schemaVersion', 'revision', 'archiveId', 'createdAt', 'settings', 'lastExport']))
    for (const key of shape.collections.keys()) expect(shape.values.has(key)).toBe(false)
    // Through .default(), .optional() and z.lazy(); a list of plain values is a value.
    const Record = z.object({ id: z.string() })
    const odd = shapeOf(z.object({ a: z.array(z.lazy(() => Record)).default([]), b: z.array(Record).optional(), c: z.array(z.string()) }))
    expect([...odd.collections.keys()]).toEqual(['a', 'b'])
    expect([...odd.values.keys()]).toEqual(['c'])
  })

  it('saves a new collection and field record by record, checks them by their schema, and replays them', () => {
    const base = { ...emptyIndex(), trash: [] } as unknown as ArchiveIndex
    const draft = draftOf(base)
    const next = draft.next as unknown as { trash: unknown[] } & ArchiveIndex
    next.trash.push({ id: 't1', kind: 'interviews', record: { title: 'gone' }, deletedAt: '2026-01-01' })
    next.tags.push({ id: 'g1', name: 'CSTO', color: '#aa0000', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' })
    ;(next as unknown as Record<string, unknown>).lastExport = 'today'
    const after = draft.finish()
    const changes = changesBetween(base, after, shape, new RecordMaps())
    expect(changes.records.map((c) => [c.kind, c.id])).toEqual([
      ['tags', 'g1'],
      ['trash', 't1']
    ])
    // The new field's default was filled in by its schema.
    expect(changes.records[0]?.record).toMatchObject({ pinned: false })
    expect(changes.values).toEqual([{ key: 'lastExport', value: 'today' }])
    const line = { rev: 1, at: 'now', changes: [...changes.values.map((v) => ({ key: v.key, rev: 1, value: v.value })), ...changes.records.map((c) => ({ kind: c.kind, id: c.id, rev: 1, record: c.record ?? {} }))] }
    const journal = headerText({ journal: 1, archiveId: base.archiveId, after: 0, createdAt: 'now' }) + lineText(line)
    const replayed = replayJournal(journal, base, new RecordRevisions(), shape)
    expect(replayed.problem).toBeUndefined()
    expect((replayed.index as unknown as Record<string, unknown>).trash).toEqual((after as unknown as Record<string, unknown>).trash)
    expect((replayed.index as unknown as Record<string, unknown>).lastExport).toBe('today')
    expect(replayed.index.tags).toEqual(after.tags)
  })

  it('refuses a record of the new collection that fails its schema, naming where', () => {
    const base = { ...emptyIndex(), trash: [] } as unknown as ArchiveIndex
    const draft = draftOf(base)
    ;(draft.next as unknown as Record<string, unknown[]>).trash?.push({ id: 't1', kind: 'interviews' })
    expect(() => changesBetween(base, draft.finish(), shape, new RecordMaps())).toThrow(/trash\.0\.record/)
  })

  it('refuses two records with one id', () => {
    const base = { ...emptyIndex(), trash: [] } as unknown as ArchiveIndex
    const draft = draftOf(base)
    const t = { id: 'same', name: 'a', color: '#000000', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' }
    draft.next.tags.push(t, { ...t, name: 'b' })
    expect(() => changesBetween(base, draft.finish(), shape, new RecordMaps())).toThrow(/two tags records have the id same/)
  })
})
