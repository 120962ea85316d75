// The index of people by name is kept across saves (building it transliterates every name); these
// prove it never answers from a state that is no longer the archive's.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openSession, type Session } from '../../src/core/session'
import { sourceFor } from '../../src/core/service/link-records'
import { tempDir } from '../support/temp'

const notes = (speaker: string, words: string): { name: string; data: string } => ({
  name: `${speaker.replace(/\W+/g, '-')}-${words.length}.md`,
  data: Buffer.from(`# Notes with ${speaker}\n\n${speaker}: ${words}\n\nInterviewer: And then?\n`).toString('base64')
})

async function importNotes(session: Session, speaker: string, words: string): Promise<string | undefined> {
  const report = await session.client.call('import.upload', { files: [notes(speaker, words)] })
  expect(report.failed).toEqual([])
  const id = report.imported[0]!.interviewId
  const { segments } = await session.client.call('transcript.get', { id })
  return segments.find((s) => s.speaker === speaker)?.sourceId
}

describe('the people index kept across saves', () => {
  let session: Session
  beforeEach(async () => {
    session = await openSession(await tempDir())
  })
  afterEach(async () => {
    await session.close()
  })

  it('links a later import to the person it made, and to a person renamed since under the new name', async () => {
    const first = await importNotes(session, 'Asel Nurlanova', 'The water came at two.')
    expect(await importNotes(session, 'Asel Nurlanova', 'We left by boat.')).toBe(first)
    await session.client.call('sources.update', { id: first!, patch: { name: 'Asel Kairatovna' } })
    expect(await importNotes(session, 'Asel Kairatovna', 'Nobody called us.')).toBe(first)
    expect((await session.client.call('sources.list', {})).filter((p) => p.name.startsWith('Asel')).map((p) => p.id)).toEqual([first])
  })

  it('forgets a person a failed save added, so no later link points at someone who is not there', async () => {
    await importNotes(session, 'Bolat Serikov', 'First file.')
    await expect(
      session.store.commit((next) => {
        sourceFor(next, 'Ghost Person', new Date().toISOString())
        throw new Error('this save fails')
      })
    ).rejects.toThrow('this save fails')
    const ghost = await importNotes(session, 'Ghost Person', 'Here after all.')
    const people = await session.client.call('sources.list', {})
    expect(people.find((p) => p.id === ghost)?.name).toBe('Ghost Person')
  })

  it('adds a spelling in another script to the person as a change of this save, never to the state already saved', async () => {
    const lena = await importNotes(session, 'Lena Moretti', 'I saw the gauge.')
    const before = session.store.index.sources.find((s) => s.id === lena)!
    const aliasesBefore = [...before.aliases]
    expect(await importNotes(session, 'Лена Моретти', 'Я видела датчик.')).toBe(lena)
    // The object the previous state held is untouched; the archive's person has the alias.
    expect(before.aliases).toEqual(aliasesBefore)
    expect((await session.client.call('sources.get', { id: lena! })).aliases).toContain('Лена Моретти')
  })
})
