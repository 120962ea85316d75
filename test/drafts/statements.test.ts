import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Session } from '../../src/core/session'
import { protectedPeople, pseudonymise } from '../../src/core/export/protect'
import type { Source } from '../../src/shared/model'
import { riverton } from '../claims/helpers'
import { rivertonDraft } from './helpers'

let session: Session
beforeEach(async () => {
  session = await riverton()
})
afterEach(async () => {
  await session.close()
})

describe('unsourced statements', () => {
  it('marks each sentence stating a number, a date or a name that no claim backs, and counts the rest by status', async () => {
    const { draft } = await rivertonDraft(session, { prose: 'Mostostroy had the contract since 2021. The river was loud that day.' })
    const check = await session.client.call('drafts.check', { id: draft.id })
    const unsourced = check.statements.filter((s) => s.claimIds.length === 0).map((s) => [s.sentence, s.reasons])
    expect(unsourced).toEqual([
      ['Joe Baptiste watched from the east ramp.', ['name Joe', 'name Baptiste']],
      ['Mostostroy had the contract since 2021.', ['name Mostostroy']]
    ])
    expect(check.counts).toMatchObject({ disputed: 1, corroborated: 1, unsourced: 2 })
    expect(check.problems.filter((p) => p.kind === 'unsourced')).toHaveLength(2)
    // Not sentences of fact: "The river was loud that day." is not listed.
    expect(check.statements.some((s) => s.sentence.startsWith('The river'))).toBe(false)
  })

  it('turns an unsourced sentence into a claim in one action, tying the sentence to it', async () => {
    const { draft } = await rivertonDraft(session, { prose: 'Mostostroy had the contract since 2021.' })
    const text = (draft.sections[0]?.blocks[0] as { text: string }).text
    const { claim, draft: after } = await session.client.call('drafts.makeClaim', { id: draft.id, sectionId: 'morning', blockIndex: 0, start: text.indexOf('Mostostroy had') })
    expect(claim.text).toBe('Mostostroy had the contract since 2021.')
    expect((after.sections[0]?.blocks[0] as { text: string }).text).toContain(`Mostostroy had the contract since 2021. [[claim:${claim.id}]]`)
    const check = await session.client.call('drafts.check', { id: draft.id })
    expect(check.statements.find((s) => s.sentence.startsWith('Mostostroy had'))?.claimIds).toEqual([claim.id])
    const { proposals } = await session.client.call('claims.propose', { claimId: claim.id })
    expect(proposals.some((p) => p.text.includes('Mostostroy'))).toBe(true)
  })

  it('flags an unfaithful excerpt and a corrected quote as integrity errors, and prints them only with a reason', async () => {
    const { draft, quotes } = await rivertonDraft(session)
    const sections = structuredClone(draft.sections)
    const block = sections[0]?.blocks[1]
    if (block?.type !== 'quote') throw new Error('expected a quote block')
    block.excerpt = 'There were about fifty workers on the deck'
    await session.client.call('drafts.update', { id: draft.id, patch: { sections } })
    const problems = (await session.client.call('drafts.check', { id: draft.id })).problems.filter((p) => p.kind === 'integrity')
    expect(problems).toEqual([{ sectionId: 'morning', blockIndex: 1, kind: 'integrity', message: '“fifty” is not what was said: the quote has “forty” there. Mark your own words with [brackets].' }])
    await expect(session.client.call('drafts.export', { id: draft.id, format: 'md' })).rejects.toMatchObject({ message: expect.stringContaining('- integrity (“The morning it fell”, block 2): “fifty” is not what was said') })
    block.override = 'The engineer corrected herself later in the call.'
    await session.client.call('drafts.update', { id: draft.id, patch: { sections } })
    const out = await session.client.call('drafts.export', { id: draft.id, format: 'md' })
    expect(out.warnings).toContainEqual(expect.objectContaining({ kind: 'integrity', overridden: 'The engineer corrected herself later in the call.' }))
    const sheet = await session.client.call('factcheck.markdown', { draftId: draft.id })
    expect(sheet.markdown).toContain('Quotes printed despite a check')
    expect(sheet.markdown).toContain('The engineer corrected herself later in the call.')
    // A correction to the transcript under a quote is an integrity error too.
    const q = await session.client.call('quotes.get', { id: quotes.annaMoney })
    await session.client.call('segments.update', { interviewId: q.interviewId, segmentId: q.start.segmentId, text: 'The city paid 2.3 million for the repairs in 2023, and Mostostroy did the work.' })
    const after = await session.client.call('drafts.check', { id: draft.id })
    expect(after.problems).toContainEqual(expect.objectContaining({ sectionId: 'money', blockIndex: 1, kind: 'integrity', message: expect.stringContaining('corrected') }))
  })
})

describe('pseudonyms', () => {
  const person = (name: string, naming: Source['naming'], extra: Partial<Source> = {}): Source => ({
    id: name.replace(/\W/g, '').slice(0, 20) || 'x',
    kind: 'person',
    name,
    aliases: [],
    naming,
    consent: 'unknown',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...extra
  })
  const people = protectedPeople([
    person('Данияр Омаров', 'anonymous', { anonymousAs: 'a lawyer in Almaty', aliases: ['Daniyar Omarov', 'D. Omarov'] }),
    person('Айгерім Омарова', 'on-record'),
    person('Сәуле Әлиева', 'unconfirmed', { anonymousAs: 'a teacher' }),
    person('Пётр Семёнов', 'anonymous', { anonymousAs: 'a driver' })
  ])
  const run = (t: string) => pseudonymise(t, people).text

  it('replaces the longest spelling first, never half a name', () => {
    expect(run('Daniyar Omarov said it; later Omarov denied it, and D. Omarov wrote.')).toBe('A lawyer in Almaty said it; later a lawyer in Almaty denied it, and a lawyer in Almaty wrote.')
  })
  it('respects word boundaries in Cyrillic and Kazakh: Омаров is not Омарова', () => {
    expect(run('Омаров и Айгерім Омарова')).toBe('A lawyer in Almaty и Айгерім Омарова')
    expect(run('Әлиева пришла. Әлиевамен сөйлестік.')).toBe('A teacher пришла. Әлиевамен сөйлестік.')
  })
  it('folds case, accents and ё like search does', () => {
    expect(run('ПЕТР СЕМЕНОВ и пётр семёнов')).toBe('A driver и a driver')
  })
})
