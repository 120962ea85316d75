// Delete and undo for every record kind: each delete keeps what it removed in the archive's trash,
// and trash.restore puts exactly that back, re-adding only what is missing.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { transcriptPath } from '../../src/core/archive/layout'
import { TRASH_KEEP } from '../../src/core/service/trash'
import { openSession, type Session } from '../../src/core/session'
import type { ArchiveIndex, RecordKind } from '../../src/shared/model'
import { DEMO_SEED, tempDir } from '../support/temp'

let session: Session | undefined
afterEach(async () => {
  await session?.close()
  session = undefined
  vi.useRealTimers()
})

async function open(): Promise<Session> {
  session = await openSession(join(await tempDir(), 'archive'), { seedFile: DEMO_SEED, eagerSearch: true })
  // Every claim's status as its evidence suggests, so a restore's refresh changes nothing it should not.
  for (const c of session.store.index.claims) await session.client.call('claims.update', { id: c.id, patch: { statusSetBy: 'suggestion' } })
  return session
}

/** The archive's records as a comparable value: times of change, the revision and the trash left out. */
function records(index: Readonly<ArchiveIndex>): unknown {
  const { revision: _r, trash: _t, ...rest } = structuredClone(index) as ArchiveIndex
  return JSON.parse(JSON.stringify(rest, (key, value) => (key === 'updatedAt' ? undefined : value)))
}

async function transcripts(s: Session): Promise<unknown> {
  const out: Record<string, unknown> = {}
  for (const i of s.store.index.interviews) out[i.id] = await s.store.transcript(i.id)
  return out
}

/** Deletes one record, checks it went with what `gone` says, restores it and checks the archive is as it was. */
async function roundTrip(s: Session, kind: RecordKind, id: string, gone: (index: Readonly<ArchiveIndex>) => void): Promise<void> {
  const before = records(s.store.index)
  const wordsBefore = await transcripts(s)
  const deleted = await s.client.call(`${kind}.delete`, { id })
  expect(deleted).toEqual({ id, deleted: true, trashId: expect.any(String) })
  expect(s.store.index[kind].some((r) => r.id === id)).toBe(false)
  gone(s.store.index)
  expect((await s.client.call('trash.list', {}))[0]).toMatchObject({ id: deleted.trashId, kind, recordId: id })
  const restored = await s.client.call('trash.restore', { id: deleted.trashId })
  expect(restored).toMatchObject({ kind, id, restored: { record: true } })
  expect(records(s.store.index)).toEqual(before)
  expect(await transcripts(s)).toEqual(wordsBefore)
  expect(s.store.index.trash).toEqual([])
}

describe('delete and restore, per kind', () => {
  it('an interview comes back with its quotes, their evidence and draft blocks, and its transcript', async () => {
    const s = await open()
    await roundTrip(s, 'interviews', 'int-ivo', (index) => {
      expect(index.quotes.some((q) => q.interviewId === 'int-ivo')).toBe(false)
      expect(index.claims[0]?.evidence.map((e) => e.id)).toEqual(['ev-2'])
      // The words stay on disk while the delete can be undone.
      expect(existsSync(transcriptPath(s.store.dir, 'int-ivo'))).toBe(true)
    })
    await roundTrip(s, 'interviews', 'int-nadia', (index) => {
      expect(index.drafts[0]?.sections[0]?.blocks.map((b) => b.type)).toEqual(['prose', 'claim'])
      expect(index.claims.find((c) => c.id === 'claim-sirens')?.evidence.map((e) => e.id)).toEqual(['ev-4'])
    })
    // Search finds the restored words again, though the restore wrote no transcript.
    const hits = (await s.client.call('search.query', { query: '"the line was silent"' })).hits
    expect(hits.filter((h) => h.kind === 'segment').map((h) => [h.interviewId, h.segmentId])).toEqual([['int-ivo', 'i7']])
    expect((await s.client.call('transcript.get', { id: 'int-ivo' })).segments).toHaveLength(7)
  })

  it('a quote comes back with its evidence in its place, and the claim’s status follows', async () => {
    const s = await open()
    await roundTrip(s, 'quotes', 'q-warning-sent', (index) => {
      expect(index.claims[0]?.evidence.map((e) => e.id)).toEqual(['ev-2'])
    })
    await roundTrip(s, 'quotes', 'q-no-call', (index) => {
      expect(index.drafts[0]?.sections[0]?.blocks).toHaveLength(2)
    })
  })

  it('a tag comes back on every quote and segment it was taken off', async () => {
    const s = await open()
    await s.client.call('interviews.create', {
      title: 'Coded',
      segments: [
        { speaker: 'A', text: 'one', startSeconds: null, endSeconds: null, offRecord: false, tagIds: ['tag-rescue', 'tag-warning'] },
        { speaker: 'B', text: 'two', startSeconds: null, endSeconds: null, offRecord: false, tagIds: ['tag-warning'] }
      ]
    })
    await roundTrip(s, 'tags', 'tag-warning', (index) => {
      expect(index.quotes.every((q) => !q.tagIds.includes('tag-warning'))).toBe(true)
    })
  })

  it('a person comes back linked to the segments, and a document to the evidence and image credits, they were taken off', async () => {
    const s = await open()
    const draft = s.store.index.drafts[0]
    const section = draft?.sections[0]
    if (!draft || !section) throw new Error('demo draft missing')
    await s.client.call('drafts.update', {
      id: draft.id,
      patch: { sections: [{ ...section, blocks: [...section.blocks, { type: 'image', path: 'quay.jpg', sourceId: 'src-report' }, { type: 'image', path: 'dawn.jpg', sourceId: 'src-photo' }] }] }
    })
    await roundTrip(s, 'sources', 'src-nadia', (index) => {
      expect(index.interviews.find((i) => i.id === 'int-nadia')?.sourceIds).toEqual([])
      expect(index.quotes.find((q) => q.id === 'q-no-call')?.sourceIds).toEqual([])
    })
    await roundTrip(s, 'sources', 'src-report', (index) => {
      expect(index.claims[0]?.evidence.map((e) => e.id)).toEqual(['ev-1'])
      expect(index.drafts[0]?.sections[0]?.blocks.at(-2)).toEqual({ type: 'image', path: 'quay.jpg' })
      expect(index.drafts[0]?.sections[0]?.blocks.at(-1)).toMatchObject({ type: 'image', sourceId: 'src-photo' })
    })
  })

  it('a claim comes back into the draft that cited it; a draft comes back whole', async () => {
    const s = await open()
    await roundTrip(s, 'claims', 'claim-warning', (index) => {
      expect(index.drafts[0]?.sections[0]?.blocks.some((b) => b.type === 'claim')).toBe(false)
    })
    await roundTrip(s, 'drafts', 'draft-river', (index) => expect(index.drafts).toEqual([]))
  })
})

describe('what a restore leaves alone', () => {
  it('keeps edits made since the delete, and re-adds only what is missing', async () => {
    const s = await open()
    const { trashId } = await s.client.call('tags.delete', { id: 'tag-warning' })
    await s.client.call('quotes.update', { id: 'q-no-call', patch: { note: 'Edited since', tagIds: ['tag-rescue'] } })
    await s.client.call('quotes.delete', { id: 'q-warning-sent' })
    await s.client.call('trash.restore', { id: trashId })
    const quote = s.store.index.quotes.find((q) => q.id === 'q-no-call')
    expect(quote).toMatchObject({ note: 'Edited since', tagIds: ['tag-warning', 'tag-rescue'] })
    // The other quote is still deleted: restoring the tag does not bring it back.
    expect(s.store.index.quotes.some((q) => q.id === 'q-warning-sent')).toBe(false)
  })

  it('a claim that gained evidence since keeps it, and the restored link goes back in its place', async () => {
    const s = await open()
    const { trashId } = await s.client.call('quotes.delete', { id: 'q-warning-sent' })
    const added = await s.client.call('claims.addEvidence', { claimId: 'claim-warning', interviewId: 'int-nadia', segmentId: 'n7', stance: 'context' })
    const newId = added.claim.evidence.at(-1)?.id
    await s.client.call('trash.restore', { id: trashId })
    expect(s.store.index.claims[0]?.evidence.map((e) => e.id)).toEqual(['ev-1', 'ev-2', newId])
  })

  it('refuses a second restore and a quote whose interview is gone, and says why', async () => {
    const s = await open()
    const quote = await s.client.call('quotes.delete', { id: 'q-no-call' })
    const interview = await s.client.call('interviews.delete', { id: 'int-nadia' })
    await expect(s.client.call('trash.restore', { id: quote.trashId })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('restore the interview first') })
    await s.client.call('trash.restore', { id: interview.trashId })
    await s.client.call('trash.restore', { id: quote.trashId })
    expect(s.store.index.quotes.map((q) => q.id).sort()).toEqual(['q-no-call', 'q-schedule', 'q-sirens', 'q-warning-sent'])
    await expect(s.client.call('trash.restore', { id: quote.trashId })).rejects.toMatchObject({ code: 'not-found' })
  })

  it('a restored quote whose words were corrected meanwhile says so instead of claiming to be exact', async () => {
    const s = await open()
    const { trashId } = await s.client.call('quotes.delete', { id: 'q-warning-sent' })
    await s.client.call('segments.update', { interviewId: 'int-ivo', segmentId: 'i3', text: 'We sent the alert to the town hall at 11 p.m. the evening before. It is in our log.' })
    await s.client.call('trash.restore', { id: trashId })
    expect(s.store.index.quotes.find((q) => q.id === 'q-warning-sent')?.status).toBe('changed')
  })
})

describe('how long the trash keeps things', () => {
  it(`keeps the newest ${TRASH_KEEP} deletes; letting an interview go deletes its kept transcript`, async () => {
    const s = await open()
    const { trashId } = await s.client.call('interviews.delete', { id: 'int-clerk' })
    const file = transcriptPath(s.store.dir, 'int-clerk')
    expect(existsSync(file)).toBe(true)
    for (let i = 0; i < TRASH_KEEP; i++) {
      const tag = await s.client.call('tags.create', { name: `t${i}` })
      await s.client.call('tags.delete', { id: tag.id })
    }
    expect(s.store.index.trash).toHaveLength(TRASH_KEEP)
    expect(s.store.index.trash.some((e) => e.id === trashId)).toBe(false)
    // The file goes at the next checkpoint (archive.json may name it until then); closing makes one.
    await s.close()
    expect(existsSync(file)).toBe(false)
  })

  it('lets go of deletes older than 30 days at the next delete', async () => {
    const s = await open()
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'))
    const old = await s.client.call('drafts.delete', { id: 'draft-river' })
    vi.setSystemTime(new Date('2026-02-15T00:00:00Z'))
    const recent = await s.client.call('claims.delete', { id: 'claim-warning' })
    expect(s.store.index.trash.map((e) => e.id)).toEqual([recent.trashId])
    expect(old.trashId).not.toBe(recent.trashId)
  })

  it('a backup holds the kept transcript of a deleted interview, so a restore from it can still bring it back', async () => {
    const s = await open()
    const { trashId } = await s.client.call('interviews.delete', { id: 'int-ivo' })
    const backup = await s.client.call('backups.create', {})
    expect(existsSync(join(s.store.dir, 'backups', backup.id, 'interviews', 'int-ivo.json'))).toBe(true)
    await s.client.call('backups.restore', { id: backup.id })
    await s.client.call('trash.restore', { id: trashId })
    expect((await s.client.call('transcript.get', { id: 'int-ivo' })).segments).toHaveLength(7)
  })
})

it('new tags get distinct colours when none is given', async () => {
  const s = await open()
  const colours = new Set(s.store.index.tags.map((t) => t.color))
  for (const name of ['a', 'b', 'c', 'd']) {
    const tag = await s.client.call('tags.create', { name })
    expect(colours.has(tag.color)).toBe(false)
    colours.add(tag.color)
  }
  // A colour given is kept.
  expect((await s.client.call('tags.create', { name: 'e', color: '#123456' })).color).toBe('#123456')
})

it('starting empty keeps the demo beside the new, empty archive', async () => {
  const s = await open()
  expect((await s.client.call('archive.info', {})).demo).toBe(true)
  const info = await s.client.call('archive.startEmpty', {})
  expect(info).toMatchObject({ counts: { interviews: 0, sources: 0, tags: 0 }, keptAt: expect.stringMatching(/archive-demo-/) })
  expect(info.demo).toBeUndefined()
  expect(existsSync(join(info.keptAt, 'archive.json'))).toBe(true)
  expect(existsSync(join(info.keptAt, 'interviews', 'int-nadia.json'))).toBe(true)
  await s.client.call('tags.create', { name: 'mine' })
  expect(s.store.index.tags.map((t) => t.name)).toEqual(['mine'])
})
