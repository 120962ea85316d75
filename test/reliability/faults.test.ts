// A full disk, a read-only disk, a refused write, a failing disk, a file removed under the app:
// faults injected into the real file system at every step of the save path. Each must give a
// `not-saved` error a reporter understands, leave every file on disk as it was, keep the state in
// memory as it was, and let the next save succeed once the fault clears. A save writes the
// transcripts it touches and then one line of the journal; archive.json is rewritten only by a
// checkpoint, whose faults are tested on their own below.
import { mkdir, rm, rmdir, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ArchiveStore } from '../../src/core/archive/store'
import { openSession, type Session } from '../../src/core/session'
import { isVerbatimError, type VerbatimError } from '../../src/shared/errors'
import { tempDir } from '../support/temp'
import { archiveFiles } from './helpers/disk'
import { FaultyFs, type Step } from './helpers/faulty-fs'

const STEPS: Step[] = ['open-temp', 'write', 'sync', 'rename', 'folder-sync']
/** The steps of appending a save to the journal. */
const JOURNAL_STEPS: Step[] = ['append', 'append-sync']
const CODES = ['ENOSPC', 'EACCES', 'EROFS', 'EIO'] as const
/** What the reporter is told, per errno. */
const SAYS: Record<(typeof CODES)[number], string> = {
  ENOSPC: 'the disk is full',
  EACCES: 'not allowed to write',
  EROFS: 'the disk is read-only',
  EIO: 'the disk reported a read or write error'
}

interface World {
  dir: string
  faulty: FaultyFs
  session: Session
  tagUsed: string
  interviewId: string
  sourceId: string
}

/** An archive with a tag used by an interview's segments, another tag, and a source. */
async function world(): Promise<World> {
  const dir = await tempDir('verbatim-fault-')
  const faulty = new FaultyFs()
  const session = await openSession(dir, { fs: faulty.fs, app: 'the fault test' })
  const { client } = session
  const tagUsed = (await client.call('tags.create', { name: 'CSTO', color: '#aa0000' })).id
  await client.call('tags.create', { name: 'state media', color: '#00aa00' })
  const interview = await client.call('interviews.create', {
    title: 'Saule Bekova',
    segments: [
      { speaker: 'Saule Bekova', text: 'Nearly three thousand troops had arrived.', startSeconds: 0, endSeconds: 4, offRecord: false, tagIds: [tagUsed] },
      { speaker: 'Interviewer', text: 'When?', startSeconds: 4, endSeconds: 5, offRecord: false, tagIds: [] },
      { speaker: 'Saule Bekova', text: 'By the sixth of January.', startSeconds: 5, endSeconds: 8, offRecord: false, tagIds: [tagUsed] }
    ]
  })
  const sourceId = (await client.call('sources.create', { kind: 'person', name: 'Saule Bekova', naming: 'on-record' })).id
  return { dir, faulty, session, tagUsed, interviewId: interview.id, sourceId }
}

type Edit = (w: World) => Promise<unknown>
interface Case {
  name: string
  edit: Edit
  /** The file the faulty call is about. */
  file: string
  target: (file: string) => boolean
  step: Step
  code: (typeof CODES)[number]
  /** What the edit should have done, checked after the retry succeeds. */
  landed: (w: World, store: ArchiveStore) => Promise<boolean> | boolean
}

const isArchive = (f: string): boolean => f === 'archive.json'
const isJournal = (f: string): boolean => f === 'archive.journal.jsonl'
const isNewTranscript = (known: () => string) => (f: string) => /^[A-Za-z0-9_-]+\.json$/.test(f) && f !== 'archive.json' && f !== `${known()}.json`
let current: World | undefined
const edits = {
  tag: {
    name: 'tags.create (the journal)',
    edit: (w: World) => w.session.client.call('tags.create', { name: 'language divide', color: '#0000aa' }),
    landed: (_w: World, s: ArchiveStore) => s.index.tags.some((t) => t.name === 'language divide')
  },
  interview: {
    name: 'interviews.create (a new transcript, then the journal)',
    edit: (w: World) =>
      w.session.client.call('interviews.create', {
        title: 'Marat Seitkali',
        segments: [{ speaker: 'Marat', text: 'About 2,500.', startSeconds: null, endSeconds: null, offRecord: false, tagIds: [] }]
      }),
    landed: (_w: World, s: ArchiveStore) => s.index.interviews.some((i) => i.title === 'Marat Seitkali')
  },
  cascade: {
    name: 'tags.delete of a tag segments use (a pending-save note, the transcript, then the journal)',
    edit: (w: World) => w.session.client.call('tags.delete', { id: w.tagUsed }),
    landed: async (w: World, s: ArchiveStore) =>
      !s.index.tags.some((t) => t.id === w.tagUsed) && (await s.transcript(w.interviewId)).every((seg) => seg.tagIds.length === 0)
  }
}

const cases: Case[] = []
// The journal: every step with every errno.
for (const step of JOURNAL_STEPS) for (const code of CODES) cases.push({ ...edits.tag, file: 'the journal', target: isJournal, step, code })
// The other files each save writes: every step, the errnos in turn.
let turn = 0
const nextCode = (): (typeof CODES)[number] => CODES[turn++ % CODES.length] as (typeof CODES)[number]
for (const step of STEPS) {
  cases.push({ ...edits.interview, file: 'the new transcript', target: isNewTranscript(() => current?.interviewId ?? ''), step, code: nextCode() })
  cases.push({ ...edits.cascade, file: '.pending-save.json', target: (f) => f === '.pending-save.json', step, code: nextCode() })
  cases.push({ ...edits.cascade, file: 'the rewritten transcript', target: (f) => f === `${current?.interviewId}.json`, step, code: nextCode() })
}
for (const step of JOURNAL_STEPS) {
  for (const code of CODES.slice(0, 2)) {
    cases.push({ ...edits.interview, file: 'the journal', target: isJournal, step, code })
    cases.push({ ...edits.cascade, file: 'the journal', target: isJournal, step, code: CODES[CODES.indexOf(code) + 2] ?? code })
  }
}
for (const code of CODES) {
  cases.push({ ...edits.cascade, file: 'the kept copy of the transcript', target: (f) => f.endsWith('.prev'), step: 'link', code })
}

async function expectNotSaved(promise: Promise<unknown>, code: (typeof CODES)[number] | 'ENOENT'): Promise<VerbatimError> {
  const error = await promise.then(
    () => {
      throw new Error('the edit was reported as saved')
    },
    (e: unknown) => e
  )
  expect(isVerbatimError(error), String(error)).toBe(true)
  const e = error as VerbatimError
  expect(e.code).toBe('not-saved')
  expect(e.message).toContain('Your last change was not saved')
  expect(e.message).toContain(code === 'ENOENT' ? 'removed while Verbatim was using it' : SAYS[code])
  return e
}

describe('a fault at any step of a save', () => {
  it.each(cases.map((c) => [c.name, c.file, c.step, c.code, c] as const))('%s: %s, %s fails with %s', async (_n, _f, step, code, c) => {
    const w = await world()
    current = w
    try {
      const before = await archiveFiles(w.dir)
      const indexBefore = structuredClone(w.session.store.index)
      const indexRef = w.session.store.index
      const transcriptBefore = structuredClone(await w.session.store.transcript(w.interviewId))
      const fault = w.faulty.arm({ step, code, target: c.target })

      await expectNotSaved(c.edit(w), code)
      expect(fault.hits, 'the fault was injected').toBe(1)

      // Memory: exactly the state before, the very same object.
      expect(w.session.store.index).toBe(indexRef)
      expect(w.session.store.index).toEqual(indexBefore)
      expect(await w.session.store.transcript(w.interviewId)).toEqual(transcriptBefore)
      // Disk: every file byte for byte, and nothing left behind (temp files, kept copies, notes).
      expect(await archiveFiles(w.dir)).toEqual(before)
      // A fresh store (read-only: the faulty one still holds the lock) reads the same archive.
      const fresh = await ArchiveStore.open(w.dir, { mode: 'read' })
      expect(fresh.index).toEqual(indexBefore)
      expect(await fresh.transcript(w.interviewId)).toEqual(transcriptBefore)
      await fresh.close()

      // The fault clears: the same edit now saves, and a reopened archive has it.
      w.faulty.clear()
      await c.edit(w)
      await w.session.close()
      const reopened = await ArchiveStore.open(w.dir)
      expect(reopened.openReport.problem).toBeUndefined()
      expect(await c.landed(w, reopened)).toBe(true)
      await reopened.close()
    } finally {
      await w.session.close()
    }
  })
})

describe('faults that last, and faults on the way back', () => {
  it('a disk that stays full refuses every save, damages nothing, and saves again once there is room', async () => {
    const w = await world()
    const before = await archiveFiles(w.dir)
    const indexBefore = structuredClone(w.session.store.index)
    w.faulty.arm({ step: 'write', code: 'ENOSPC', target: () => true, times: Infinity })
    w.faulty.arm({ step: 'append', code: 'ENOSPC', target: () => true, times: Infinity })
    await expectNotSaved(edits.tag.edit(w), 'ENOSPC')
    await expectNotSaved(edits.interview.edit(w), 'ENOSPC')
    await expectNotSaved(edits.cascade.edit(w), 'ENOSPC')
    await expectNotSaved(w.session.client.call('sources.update', { id: w.sourceId, patch: { role: 'journalist' } }), 'ENOSPC')
    expect(w.session.store.index).toEqual(indexBefore)
    expect(await archiveFiles(w.dir)).toEqual(before)
    w.faulty.clear()
    await edits.tag.edit(w)
    await edits.cascade.edit(w)
    await w.session.close()
    const reopened = await ArchiveStore.open(w.dir)
    expect(reopened.index.tags.map((t) => t.name).sort()).toEqual(['language divide', 'state media'])
    expect((await reopened.transcript(w.interviewId)).map((s) => s.tagIds)).toEqual([[], [], []])
    await reopened.close()
  })

  it('when the undo of a failed save fails too, the next save finishes the undo first', async () => {
    const w = await world()
    const indexBefore = structuredClone(w.session.store.index)
    // The journal line is written, then its flush fails (EIO); cutting it back off the journal
    // fails as well (the disk now refuses).
    const first = w.faulty.arm({ step: 'append-sync', code: 'EIO', target: isJournal })
    const second = w.faulty.arm({ step: 'truncate', code: 'ENOSPC', target: isJournal })
    await expectNotSaved(edits.cascade.edit(w), 'EIO')
    expect([first.hits, second.hits]).toEqual([1, 1])
    // What the store shows is the state before, even though the disk still holds the failed save.
    expect(w.session.store.index).toEqual(indexBefore)
    expect((await w.session.store.transcript(w.interviewId)).map((s) => s.tagIds)).toEqual([[w.tagUsed], [], [w.tagUsed]])
    // The next save (the faults have cleared) first undoes the failed one, then saves.
    await w.session.client.call('sources.update', { id: w.sourceId, patch: { role: 'political journalist' } })
    await w.session.close()
    const reopened = await ArchiveStore.open(w.dir)
    expect(reopened.index.tags.some((t) => t.id === w.tagUsed)).toBe(true)
    expect(reopened.index.sources[0]?.role).toBe('political journalist')
    expect((await reopened.transcript(w.interviewId)).map((s) => s.tagIds)).toEqual([[w.tagUsed], [], [w.tagUsed]])
    await reopened.close()
  })

  it('when the undo of a failed save fails too, closing the archive finishes the undo', async () => {
    const w = await world()
    // A checkpoint first, so that closing has no saves to fold into archive.json.
    await w.session.store.backupNow()
    const before = await archiveFiles(w.dir)
    w.faulty.arm({ step: 'append-sync', code: 'EIO', target: isJournal })
    w.faulty.arm({ step: 'truncate', code: 'ENOSPC', target: isJournal })
    await expectNotSaved(edits.cascade.edit(w), 'EIO')
    // The disk still holds the save that was reported as not saved...
    expect(await archiveFiles(w.dir)).not.toEqual(before)
    await w.session.close()
    // ...until the archive is closed: then every file is as it was.
    expect(await archiveFiles(w.dir)).toEqual(before)
  })

  it('a reader never sees an edit before it is on disk', async () => {
    const w = await world()
    const { reached, release } = w.faulty.hold('append-sync', isJournal)
    const saving = edits.tag.edit(w)
    await reached
    expect(w.session.store.index.tags.some((t) => t.name === 'language divide')).toBe(false)
    expect((await w.session.client.call('tags.list', {})).some((t) => t.name === 'language divide')).toBe(false)
    release()
    await saving
    expect(w.session.store.index.tags.some((t) => t.name === 'language divide')).toBe(true)
    await w.session.close()
  })

  it('a failed snapshot does not fail the save it follows', async () => {
    const dir = await tempDir('verbatim-fault-')
    const faulty = new FaultyFs()
    const session = await openSession(dir, { fs: faulty.fs, backupEveryMinutes: 0 })
    // Every snapshot fails: the disk is full inside backups/ only.
    const inBackups = (_f: string, path: string): boolean => path.includes('/backups/')
    const fault = faulty.arm({ step: 'open-temp', code: 'ENOSPC', target: inBackups, times: Infinity })
    await session.client.call('interviews.create', { title: 'A', segments: [{ speaker: 'A', text: 'words', startSeconds: null, endSeconds: null, offRecord: false, tagIds: [] }] })
    await new Promise((resolve) => setTimeout(resolve, 5))
    await session.client.call('tags.create', { name: 'after', color: '#123456' })
    expect(fault.hits).toBeGreaterThanOrEqual(2)
    // None: no snapshot is taken on open any more, and every one tried since failed.
    expect(await session.store.backups()).toHaveLength(0)
    await session.close()
    const reopened = await ArchiveStore.open(dir)
    expect(reopened.index.tags.map((t) => t.name)).toEqual(['after'])
    expect(reopened.index.interviews.map((i) => i.title)).toEqual(['A'])
    await reopened.close()
  })
})

describe('a fault while archive.json is rewritten (a checkpoint)', () => {
  // A checkpoint folds the journal into archive.json. A backup asked for makes one first, so its
  // failure is reported; closing makes one and says nothing. Either way the journal still holds
  // every save, and the archive reads the same whichever archive.json the fault left in place.
  const notInBackups = (f: string, path: string): boolean => isArchive(f) && !path.includes('/backups/')
  it.each(STEPS.flatMap((step) => CODES.map((code) => [step, code] as const)))('%s fails with %s', async (step, code) => {
    const w = await world()
    try {
      await edits.tag.edit(w)
      const indexBefore = structuredClone(w.session.store.index)
      const indexRef = w.session.store.index
      const fault = w.faulty.arm({ step, code, target: notInBackups })
      await expectNotSaved(w.session.store.backupNow(), code)
      expect(fault.hits, 'the fault was injected').toBe(1)
      expect(w.session.store.index).toBe(indexRef)
      expect([...(await archiveFiles(w.dir)).keys()].filter((n) => n.endsWith('.tmp'))).toEqual([])
      const fresh = await ArchiveStore.open(w.dir, { mode: 'read' })
      expect(fresh.index).toEqual(indexBefore)
      await fresh.close()
      w.faulty.clear()
      // Saves go on; closing (another checkpoint) folds them all into archive.json.
      await w.session.client.call('sources.update', { id: w.sourceId, patch: { role: 'editor' } })
      await w.session.close()
      const reopened = await ArchiveStore.open(w.dir)
      expect(reopened.openReport.problem).toBeUndefined()
      expect(reopened.index.tags.map((t) => t.name).sort()).toEqual(['CSTO', 'language divide', 'state media'])
      expect(reopened.index.sources[0]?.role).toBe('editor')
      await reopened.close()
    } finally {
      await w.session.close()
    }
  })

  it('closing while archive.json cannot be written: the archive is let go, and nothing is lost', async () => {
    const w = await world()
    await edits.tag.edit(w)
    const indexBefore = structuredClone(w.session.store.index)
    const fault = w.faulty.arm({ step: 'write', code: 'ENOSPC', target: notInBackups, times: Infinity })
    await w.session.close()
    expect(fault.hits).toBe(1)
    const reopened = await ArchiveStore.open(w.dir)
    expect(reopened.openReport.problem).toBeUndefined()
    expect(reopened.index).toEqual(indexBefore)
    await reopened.close()
  })
})

describe('a file removed under the app', () => {
  it('archive.json deleted while the archive is open: the next save writes it again from memory', async () => {
    const w = await world()
    await unlink(join(w.dir, 'archive.json'))
    await edits.tag.edit(w)
    await w.session.close()
    const reopened = await ArchiveStore.open(w.dir)
    expect(reopened.openReport.problem).toBeUndefined()
    expect(reopened.index.tags.map((t) => t.name).sort()).toEqual(['CSTO', 'language divide', 'state media'])
    expect(reopened.index.interviews).toHaveLength(1)
    await reopened.close()
  })

  it('the transcripts folder removed: the save is refused with a reason, archive.json is kept, and it saves once the folder is back', async () => {
    const w = await world()
    const indexBefore = structuredClone(w.session.store.index)
    const archiveBefore = (await archiveFiles(w.dir)).get('archive.json')
    await rm(join(w.dir, 'interviews', `${w.interviewId}.json`))
    await rmdir(join(w.dir, 'interviews'))
    await expectNotSaved(edits.interview.edit(w), 'ENOENT')
    expect(w.session.store.index).toEqual(indexBefore)
    expect((await archiveFiles(w.dir)).get('archive.json')).toBe(archiveBefore)
    await mkdir(join(w.dir, 'interviews'))
    await edits.interview.edit(w)
    expect(w.session.store.index.interviews.map((i) => i.title)).toEqual(['Saule Bekova', 'Marat Seitkali'])
    await w.session.close()
  })
})

describe('a disk that cannot be written at all', () => {
  it('opens the archive read-only and says why', async () => {
    const dir = await tempDir('verbatim-fault-')
    await (await openSession(dir)).close()
    const faulty = new FaultyFs()
    faulty.arm({ step: 'open-temp', code: 'EROFS', target: () => true, times: Infinity })
    const session = await openSession(dir, { fs: faulty.fs })
    expect(session.store.readOnly).toBe(true)
    expect(session.store.readOnlyReason).toContain('the disk is read-only')
    const refused = await session.client.call('tags.create', { name: 'x', color: '#000000' }).catch((e: VerbatimError) => e)
    expect((refused as VerbatimError).code).toBe('read-only')
    await session.close()
  })
})
