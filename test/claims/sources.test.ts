import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openSession, type Session } from '../../src/core/session'
import { tempDir } from '../support/temp'
import { claimWithEvidence, review, riverton } from './helpers'

/** Every file of the archive but its backups and caches, to prove a refused call changed nothing. */
async function archiveFiles(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const name of ['archive.json', ...(await readdir(join(dir, 'interviews'))).map((n) => `interviews/${n}`)]) {
    out[name] = await readFile(join(dir, name), 'utf8')
  }
  return out
}

describe('speakers become people', () => {
  let session: Session
  beforeEach(async () => {
    session = await riverton()
  })
  afterEach(async () => {
    await session.close()
  })

  it('starts every person found by import unconfirmed, never on the record', async () => {
    const sources = await session.client.call('sources.list', {})
    expect(sources.length).toBeGreaterThan(0)
    expect(sources.every((s) => s.naming === 'unconfirmed')).toBe(true)
  })

  it('makes one person of a name written in Latin and in Cyrillic, keeping the other as an alias', async () => {
    const sources = await session.client.call('sources.list', {})
    const sam = sources.filter((s) => s.name === 'Sam Okafor' || s.aliases.includes('Сэм Окафор'))
    expect(sam).toHaveLength(1)
    expect(sam[0]?.aliases).toContain('Сэм Окафор')
    expect(sources.some((s) => s.name === 'Сэм Окафор')).toBe(false)
  })

  it('maps role labels to the interview’s interviewer and interviewee, never to a person called “Q”', async () => {
    const dir = await tempDir()
    const s = await openSession(dir)
    try {
      const r = await s.client.call('import.upload', {
        files: [{ name: 'roles.md', data: Buffer.from('# Notes\n\n- Interviewer: Mira Holt\n\nQ: Where were you?\n\nA: At home.\n\nReporter: And then?\n').toString('base64') }]
      })
      expect(r.failed).toEqual([])
      const names = (await s.client.call('sources.list', {})).map((x) => x.name)
      expect(names).toContain('Mira Holt')
      for (const label of ['Q', 'A', 'Reporter', 'Interviewer']) expect(names).not.toContain(label)
      const { segments } = await s.client.call('transcript.get', { id: r.imported[0]?.interviewId as string })
      const mira = (await s.client.call('sources.list', {})).find((x) => x.name === 'Mira Holt')
      expect(segments.filter((seg) => seg.text === 'And then?').map((seg) => seg.sourceId)).toEqual([mira?.id])
    } finally {
      await s.close()
    }
  })

  it('renames and reassigns a speaker across a whole transcript, and the quotes follow', async () => {
    const interviews = await session.client.call('interviews.list', {})
    const joe = interviews.find((i) => i.speakers.includes('Joe Baptiste'))!
    const person = await session.client.call('sources.create', { kind: 'person', name: 'Joseph Baptiste', naming: 'on-record' })
    const before = (await session.client.call('transcript.get', { id: joe.id })).segments
    const said = before.find((s) => s.speaker === 'Joe Baptiste')!
    await session.client.call('quotes.create', { interviewId: joe.id, start: { segmentId: said.id, offset: 0 }, end: { segmentId: said.id, offset: 10 }, text: said.text.slice(0, 10), tagIds: [] })
    const r = await session.client.call('speakers.reassign', { interviewId: joe.id, speaker: 'Joe Baptiste', sourceId: person.id, rename: 'Joseph Baptiste' })
    expect(r.changed).toBe(before.filter((s) => s.speaker === 'Joe Baptiste').length)
    const after = (await session.client.call('transcript.get', { id: joe.id })).segments
    expect(after.filter((s) => s.speaker === 'Joseph Baptiste').every((s) => s.sourceId === person.id)).toBe(true)
    expect(after.some((s) => s.speaker === 'Joe Baptiste')).toBe(false)
    expect(r.quotes[0]).toMatchObject({ speaker: 'Joseph Baptiste', sourceIds: [person.id] })
    expect((await session.client.call('interviews.get', { id: joe.id })).speakers).toContain('Joseph Baptiste')
  })
})

describe('merging two people', () => {
  let session: Session
  beforeEach(async () => {
    session = await riverton()
  })
  afterEach(async () => {
    await session.close()
  })

  it('moves every segment, quote and evidence link, keeps the other name as an alias, and undoes exactly', async () => {
    const claimId = await claimWithEvidence(session, 'The city paid 3.2 million for the repairs in 2023')
    const sources = await session.client.call('sources.list', {})
    const anna = sources.find((s) => s.name === 'Anna Lindqvist')!
    const joe = sources.find((s) => s.name === 'Joe Baptiste')!
    const before = await review(session, claimId)
    expect(before.distinctSources).toBe(3)

    const merged = await session.client.call('sources.merge', { from: joe.id, into: anna.id })
    expect(merged.source.aliases).toContain('Joe Baptiste')
    expect(merged.moved.segments).toBeGreaterThan(0)
    expect(merged.moved.quotes).toBeGreaterThan(0)
    await expect(session.client.call('sources.get', { id: joe.id })).rejects.toMatchObject({ code: 'not-found' })
    const joeInterview = (await session.client.call('interviews.list', {})).find((i) => i.speakers.includes('Joe Baptiste'))!
    const { segments } = await session.client.call('transcript.get', { id: joeInterview.id })
    expect(segments.filter((s) => s.speaker === 'Joe Baptiste').every((s) => s.sourceId === anna.id)).toBe(true)
    // A person and an alias merged into them are one voice.
    expect((await review(session, claimId)).distinctSources).toBe(2)

    await session.client.call('sources.unmerge', { mergeId: merged.mergeId })
    const restored = await session.client.call('sources.get', { id: joe.id })
    expect(restored).toMatchObject({ name: 'Joe Baptiste', kind: 'person' })
    expect((await session.client.call('sources.get', { id: anna.id })).aliases).not.toContain('Joe Baptiste')
    const back = await session.client.call('transcript.get', { id: joeInterview.id })
    expect(back.segments.filter((s) => s.speaker === 'Joe Baptiste').every((s) => s.sourceId === joe.id)).toBe(true)
    expect((await review(session, claimId)).distinctSources).toBe(3)
  })

  it('refuses a merge into oneself, an unknown id, or a person into a document, and changes nothing', async () => {
    const anna = (await session.client.call('sources.list', {})).find((s) => s.name === 'Anna Lindqvist')!
    const doc = await session.client.call('sources.create', { kind: 'document', name: 'City council minutes, 14 March' })
    const dir = session.store.dir
    const files = await archiveFiles(dir)
    await expect(session.client.call('sources.merge', { from: anna.id, into: anna.id })).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringContaining('itself') })
    await expect(session.client.call('sources.merge', { from: 'nobody', into: anna.id })).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining('nobody') })
    await expect(session.client.call('sources.merge', { from: anna.id, into: doc.id })).rejects.toMatchObject({ code: 'invalid-input' })
    await expect(session.client.call('sources.unmerge', { mergeId: 'gone' })).rejects.toMatchObject({ code: 'not-found' })
    expect(await archiveFiles(dir)).toEqual(files)
  })

  it('shows a person’s interviews, quotes, claims and undoable merges', async () => {
    const claimId = await claimWithEvidence(session, 'About 40 workers were on the bridge when it collapsed on 12 March 2024')
    const anna = (await session.client.call('sources.list', {})).find((s) => s.name === 'Anna Lindqvist')!
    const twin = await session.client.call('sources.create', { kind: 'person', name: 'A. Lindqvist' })
    const { mergeId } = await session.client.call('sources.merge', { from: twin.id, into: anna.id })
    const profile = await session.client.call('sources.profile', { id: anna.id })
    expect(profile.interviews.map((i) => i.title)).toEqual(['Anna Lindqvist'])
    expect(profile.quotes.length).toBeGreaterThan(0)
    expect(profile.claims).toMatchObject([{ id: claimId, stance: 'supports' }])
    expect(profile.merges).toMatchObject([{ id: mergeId, name: 'A. Lindqvist' }])
  })

  it('asks before a delete by saying what points at a source, and the delete unlinks its segments', async () => {
    await claimWithEvidence(session, 'About 40 workers were on the bridge when it collapsed on 12 March 2024')
    const anna = (await session.client.call('sources.list', {})).find((s) => s.name === 'Anna Lindqvist')!
    const impact = await session.client.call('records.impact', { kind: 'sources', id: anna.id })
    expect(impact.counts.interviews).toBe(1)
    expect(impact.summary).toBe('Its speaker links in 1 interview (the words stay), its name on 1 quote (the quotes stay) and its voice in 1 claim (the evidence stays) go with it.')
    expect(impact.claims.map((c) => c.text)).toEqual(['About 40 workers were on the bridge when it collapsed on 12 March 2024'])
    await session.client.call('sources.delete', { id: anna.id })
    const interview = (await session.client.call('interviews.list', {})).find((i) => i.title === 'Anna Lindqvist')!
    const { segments } = await session.client.call('transcript.get', { id: interview.id })
    expect(segments.some((s) => s.sourceId === anna.id)).toBe(false)
    expect(segments.filter((s) => s.speaker === 'Anna Lindqvist').length).toBeGreaterThan(0)
  })
})
