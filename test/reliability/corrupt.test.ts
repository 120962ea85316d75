// A damaged archive on open: truncated, invalid JSON, records that fail the schema, an empty
// file, a file from a newer Verbatim, a damaged or missing transcript. Verbatim never writes over
// the damaged file: it moves it aside (kept byte for byte), restores the newest good backup, and
// says exactly what it restored and what may be missing.
import { spawnSync } from 'node:child_process'
import { readFile, rm, unlink, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LOCK_FILE } from '../../src/core/archive/lock'
import { ArchiveStore } from '../../src/core/archive/store'
import { checkIndexText } from '../../src/core/archive/validate'
import { openSession } from '../../src/core/session'
import { isVerbatimError, type VerbatimError } from '../../src/shared/errors'
import { tempDir } from '../support/temp'
import { treeBytes } from './helpers/disk'

interface Made {
  dir: string
  /** The snapshot taken mid-way, and the archive as it was then. */
  backupId: string
  backupIndex: string
  backupTranscripts: Map<string, string>
  /** The interview corrected after the snapshot, and one never touched after it. */
  corrected: string
  untouched: string
  /** Files as they were at close (after the edits that followed the snapshot). */
  atClose: Map<string, Buffer>
}

const seg = (speaker: string, text: string) => ({ speaker, text, startSeconds: null, endSeconds: null, offRecord: false, tagIds: [] })

/** An archive with a snapshot, then more edits after it: a new tag and a corrected transcript. */
async function make(): Promise<Made> {
  const dir = await tempDir('verbatim-corrupt-')
  const s = await openSession(dir, { app: 'setup' })
  const { client } = s
  await client.call('tags.create', { name: 'CSTO', color: '#aa0000' })
  const saule = await client.call('interviews.create', { title: 'Saule Bekova', segments: [seg('Saule', 'Nearly three thousand troops.'), seg('Saule', 'Khabar was first.')] })
  const marat = await client.call('interviews.create', { title: 'Marat Seitkali', segments: [seg('Marat', 'About 2,500 troops had arrived.')] })
  const first = (await s.store.transcript(saule.id))[0]
  if (!first) throw new Error('no segment')
  await client.call('quotes.create', { interviewId: saule.id, start: { segmentId: first.id, offset: 0 }, end: { segmentId: first.id, offset: first.text.length }, text: first.text, tagIds: [] })
  await client.call('claims.create', { text: 'About 2,500 CSTO troops had arrived by 6 January 2022', status: 'disputed' })
  const backup = await s.store.backupNow()
  const backupIndex = await readFile(join(dir, 'backups', backup.id, 'archive.json'), 'utf8')
  const backupTranscripts = new Map<string, string>()
  for (const id of [saule.id, marat.id]) backupTranscripts.set(id, await readFile(join(dir, 'interviews', `${id}.json`), 'utf8'))
  // After the snapshot: a tag, and a correction to Saule's transcript.
  await client.call('tags.create', { name: 'made after the backup', color: '#00aa00' })
  await client.call('segments.update', { interviewId: saule.id, segmentId: first.id, text: 'Nearly three thousand CSTO troops.' })
  await s.close()
  return { dir, backupId: backup.id, backupIndex, backupTranscripts, corrected: saule.id, untouched: marat.id, atClose: await treeBytes(dir) }
}

const damages: Array<[string, (text: string) => string]> = [
  ['truncated', (t) => t.slice(0, Math.floor(t.length / 2))],
  ['not JSON', (t) => t.replace('"tags": [', '"tags": [,,')],
  ['an empty file', () => ''],
  ['a record that fails the schema (a colour that is not #rrggbb)', (t) => t.replace(/"color": "#[0-9a-f]{6}"/, '"color": "red"')],
  ['a record that fails the schema (a negative segment count)', (t) => t.replace(/"segmentCount": \d+/, '"segmentCount": -3')],
  ['no schemaVersion', (t) => t.replace(/"schemaVersion": \d+,/, '')],
  ['binary garbage', () => '\u0000\u0001\u0002PK\u0003\u0004'.repeat(50)]
]

describe('a damaged archive.json', () => {
  it.each(damages)('%s: moved aside byte for byte, the newest good backup restored, and the user told what and when', async (_name, damage) => {
    const m = await make()
    const good = await readFile(join(m.dir, 'archive.json'), 'utf8')
    const damaged = Buffer.from(damage(good), 'utf8')
    expect(checkIndexText(damaged.toString('utf8')).ok).toBe(false)
    await writeFile(join(m.dir, 'archive.json'), damaged)

    const store = await ArchiveStore.open(m.dir)
    const r = store.openReport
    expect(r.problem).toMatch(/^archive\.json is damaged: /)
    // Moved aside, never written over: the very bytes that were found.
    expect(r.movedAside).toBeDefined()
    expect(await readFile(r.movedAside as string)).toEqual(damaged)
    // The newest good snapshot, with its time and counts.
    expect(r.restoredFrom).toMatchObject({ id: m.backupId, interviews: 2, quotes: 1, claims: 1 })
    const restored = checkIndexText(m.backupIndex)
    if (!restored.ok) throw new Error('backup does not validate')
    expect(store.index).toEqual(restored.index)
    expect(store.index.tags.map((t) => t.name)).toEqual(['CSTO'])
    for (const [id, text] of m.backupTranscripts) expect(await readFile(join(m.dir, 'interviews', `${id}.json`), 'utf8')).toBe(text)
    // The transcripts as they were (with the correction made after the backup) are kept too.
    expect(r.keptAside).toBeDefined()
    expect(await readFile(join(r.keptAside as string, `${m.corrected}.json`))).toEqual(m.atClose.get(`interviews/${m.corrected}.json`))
    // Told in words: what was wrong, where the damaged file is, which backup, what may be missing.
    expect(r.message).toContain('could not be opened as it was')
    expect(r.message).toContain(r.movedAside)
    expect(r.message).toContain(`restored the backup of ${r.restoredFrom?.createdAt}`)
    expect(r.message).toContain('2 interviews, 1 quotes, 1 claims')
    expect(r.message).toContain(`Changes made after ${r.restoredFrom?.createdAt} are not in the restored archive and may be missing`)
    await store.close()
    // It works, opens cleanly from now on, and the damaged file stays as it was.
    const session = await openSession(m.dir)
    expect(session.store.openReport.problem).toBeUndefined()
    await session.client.call('tags.create', { name: 'after the restore', color: '#0000aa' })
    await session.close()
    expect(await readFile(r.movedAside as string)).toEqual(damaged)
    const again = await ArchiveStore.open(m.dir)
    expect(again.openReport.problem).toBeUndefined()
    expect(again.index.tags.map((t) => t.name)).toEqual(['CSTO', 'after the restore'])
    await again.close()
  })

  it('missing (deleted) while transcripts are there: the newest backup restored, nothing created over it', async () => {
    const m = await make()
    await unlink(join(m.dir, 'archive.json'))
    const store = await ArchiveStore.open(m.dir)
    expect(store.openReport.created).toBe(false)
    expect(store.openReport.problem).toBe('archive.json is missing')
    expect(store.openReport.movedAside).toBeUndefined()
    expect(store.openReport.restoredFrom?.id).toBe(m.backupId)
    expect(store.index.interviews.map((i) => i.title)).toEqual(['Saule Bekova', 'Marat Seitkali'])
    await store.close()
  })

  it('with no backup to restore: refused with the reason, and not one file changed', async () => {
    const m = await make()
    await rm(join(m.dir, 'backups'), { recursive: true })
    await writeFile(join(m.dir, 'archive.json'), '{"schemaVersion": 1, "interv')
    const before = await treeBytes(m.dir)
    const e = (await ArchiveStore.open(m.dir).catch((err: unknown) => err)) as VerbatimError
    expect(isVerbatimError(e)).toBe(true)
    expect(e.code).toBe('corrupt')
    expect(e.message).toContain('it is not valid JSON')
    expect(e.message).toContain('no backup to restore')
    expect(await treeBytes(m.dir)).toEqual(before)
  })

  it('read-only opening never repairs: it refuses, and changes nothing', async () => {
    const m = await make()
    await writeFile(join(m.dir, 'archive.json'), '')
    const before = await treeBytes(m.dir)
    const e = (await ArchiveStore.open(m.dir, { mode: 'read' }).catch((err: unknown) => err)) as VerbatimError
    expect(e.code).toBe('corrupt')
    expect(e.message).toContain('the file is empty')
    expect(await treeBytes(m.dir)).toEqual(before)
  })
})

describe('an archive from a newer Verbatim', () => {
  it('that this build can read opens read-only, says why, and is left byte for byte as it was', async () => {
    const m = await make()
    const text = (await readFile(join(m.dir, 'archive.json'), 'utf8')).replace(/"schemaVersion": \d+,/, '"schemaVersion": 7,')
    await writeFile(join(m.dir, 'archive.json'), text)
    const before = await treeBytes(m.dir)
    const session = await openSession(m.dir)
    expect(session.store.readOnly).toBe(true)
    expect(session.store.readOnlyReason).toContain('saved by a newer Verbatim (format 7')
    expect(session.store.index.interviews).toHaveLength(2)
    const refused = (await session.client.call('tags.create', { name: 'x', color: '#000000' }).catch((e: unknown) => e)) as VerbatimError
    expect(refused.code).toBe('read-only')
    expect(refused.message).toContain('newer Verbatim')
    await session.close()
    expect(await treeBytes(m.dir)).toEqual(before)
  })

  it('that this build cannot read is refused with a message, never "repaired" from an old backup', async () => {
    const m = await make()
    const raw = JSON.parse(await readFile(join(m.dir, 'archive.json'), 'utf8')) as Record<string, unknown>
    const newer = { ...raw, schemaVersion: 8, codebook: raw.tags, tags: 'moved to codebook' }
    await writeFile(join(m.dir, 'archive.json'), JSON.stringify(newer, null, 2))
    const before = await treeBytes(m.dir)
    const e = (await ArchiveStore.open(m.dir).catch((err: unknown) => err)) as VerbatimError
    expect(e.code).toBe('unsupported')
    expect(e.message).toContain('saved by a newer Verbatim (format 8')
    expect(e.message).toContain('nothing was changed')
    expect(await treeBytes(m.dir)).toEqual(before)
  })
})

describe('a damaged transcript', () => {
  const transcriptDamages: Array<[string, (t: string, otherId: string) => string]> = [
    ['truncated', (t) => t.slice(0, 40)],
    ['not JSON', (t) => `${t}}}`],
    ['an empty file', () => ''],
    ['a segment that fails the schema', (t) => t.replace(/"startSeconds": null/, '"startSeconds": -5')],
    ['the transcript of another interview', (t, other) => t.replace(/"interviewId": "[^"]+"/, `"interviewId": "${other}"`)]
  ]

  /** What a crash leaves: the lock of a process that is gone. */
  function leaveStaleLock(dir: string): Promise<void> {
    const gone = spawnSync(process.execPath, ['-e', '']).pid
    return writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: gone, hostname: hostname(), app: 'the Verbatim app', startedAt: new Date().toISOString() }))
  }

  async function expectRepaired(m: Made, store: ArchiveStore, damaged: Buffer): Promise<void> {
    const r = store.openReport
    expect(r.restoredFrom).toBeUndefined()
    expect(r.transcripts).toHaveLength(1)
    const t = r.transcripts?.[0]
    expect(t).toMatchObject({ interviewId: m.corrected, title: 'Saule Bekova', restoredFrom: { id: m.backupId } })
    // Moved aside, never written over.
    expect(await readFile(t?.movedAside as string)).toEqual(damaged)
    // The backup's words are back (the correction made after it is what may be missing)...
    expect(await readFile(join(m.dir, 'interviews', `${m.corrected}.json`), 'utf8')).toBe(m.backupTranscripts.get(m.corrected))
    expect((await store.transcript(m.corrected))[0]?.text).toBe('Nearly three thousand troops.')
    // ...and the rest of the archive is as it was: the index is not rolled back for one transcript.
    expect(store.index.tags.map((x) => x.name)).toEqual(['CSTO', 'made after the backup'])
    expect(r.message).toContain('The transcript of “Saule Bekova”')
    expect(r.message).toContain(t?.movedAside)
    expect(r.message).toContain(`Its copy from the backup of ${t?.restoredFrom?.createdAt} was restored`)
    expect(r.message).toContain('may be missing')
  }

  it.each(transcriptDamages)('%s, found on first read: moved aside byte for byte, the newest readable backup copy restored, the user told', async (_n, damage) => {
    const m = await make()
    const file = join(m.dir, 'interviews', `${m.corrected}.json`)
    const damaged = Buffer.from(damage(await readFile(file, 'utf8'), m.untouched), 'utf8')
    // Written in place, the way a failing disk or another program would.
    await writeFile(file, damaged)
    // The last session closed cleanly: opening does not read every transcript...
    const store = await ArchiveStore.open(m.dir)
    expect(store.openReport.transcripts).toBeUndefined()
    // ...the first read finds the damage, repairs it, and says so once...
    const e = (await store.transcript(m.corrected).catch((err: unknown) => err)) as VerbatimError
    expect(e.code).toBe('corrupt')
    expect(e.message).toContain('The transcript of “Saule Bekova”')
    expect(e.message).toContain('was restored')
    // ...and the report, the files and the next read show the repair.
    await expectRepaired(m, store, damaged)
    await store.close()
    const again = await ArchiveStore.open(m.dir)
    expect((await again.transcript(m.corrected))[0]?.text).toBe('Nearly three thousand troops.')
    expect(again.openReport.transcripts).toBeUndefined()
    await again.close()
  })

  it.each(transcriptDamages.slice(0, 2))('%s, after a crash: found and repaired while opening, the user told', async (_n, damage) => {
    const m = await make()
    const file = join(m.dir, 'interviews', `${m.corrected}.json`)
    const damaged = Buffer.from(damage(await readFile(file, 'utf8'), m.untouched), 'utf8')
    await writeFile(file, damaged)
    await leaveStaleLock(m.dir)
    const store = await ArchiveStore.open(m.dir)
    await expectRepaired(m, store, damaged)
    await store.close()
  })

  it('missing: its copy from the newest backup is put back, and the user told', async () => {
    const m = await make()
    await unlink(join(m.dir, 'interviews', `${m.untouched}.json`))
    await leaveStaleLock(m.dir)
    const store = await ArchiveStore.open(m.dir)
    const t = store.openReport.transcripts?.[0]
    expect(t).toMatchObject({ interviewId: m.untouched, problem: 'the file is missing', restoredFrom: { id: m.backupId } })
    expect(t?.movedAside).toBeUndefined()
    expect(await store.transcript(m.untouched)).toHaveLength(1)
    await store.close()
  })

  it('damaged where no backup has a readable copy: moved aside, the interview kept, and the user told so', async () => {
    const m = await make()
    await rm(join(m.dir, 'backups'), { recursive: true })
    const file = join(m.dir, 'interviews', `${m.untouched}.json`)
    await writeFile(file, '{"schemaVersion": 1, "interviewId": "')
    const store = await ArchiveStore.open(m.dir)
    const e = (await store.transcript(m.untouched).catch((err: unknown) => err)) as VerbatimError
    expect(e.code).toBe('corrupt')
    expect(e.message).toContain('No backup holds a readable copy')
    const t = store.openReport.transcripts?.[0]
    expect(t?.restoredFrom).toBeUndefined()
    expect(await readFile(t?.movedAside as string, 'utf8')).toBe('{"schemaVersion": 1, "interviewId": "')
    expect(store.index.interviews.map((i) => i.title)).toEqual(['Saule Bekova', 'Marat Seitkali'])
    await expect(store.transcript(m.untouched)).rejects.toMatchObject({ code: 'corrupt' })
    await store.close()
  })
})
