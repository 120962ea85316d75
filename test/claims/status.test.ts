import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Session } from '../../src/core/session'
import { review, riverton } from './helpers'

let session: Session
let segment: (speaker: string, startsWith: string) => Promise<{ interviewId: string; segmentId: string }>
beforeEach(async () => {
  session = await riverton()
  segment = async (speaker, startsWith) => {
    for (const i of await session.client.call('interviews.list', {})) {
      const s = (await session.client.call('transcript.get', { id: i.id })).segments.find((x) => x.speaker === speaker && x.text.startsWith(startsWith))
      if (s) return { interviewId: i.id, segmentId: s.id }
    }
    throw new Error(`no segment of ${speaker} starting “${startsWith}”`)
  }
})
afterEach(async () => {
  await session.close()
})

describe('the status Verbatim suggests, and the one the editor chooses', () => {
  it('goes from unverified (one voice) to corroborated (two) to disputed (a contradiction) to verified by a document', async () => {
    const claim = await session.client.call('claims.create', { text: 'The city paid 3.2 million for the repairs in 2023' })
    const add = async (speaker: string, start: string, stance: 'supports' | 'contradicts') =>
      session.client.call('claims.addEvidence', { claimId: claim.id, ...(await segment(speaker, start)), stance })
    await add('Anna Lindqvist', 'The city paid', 'supports')
    let c = await review(session, claim.id)
    expect([c.status, c.restsOnOneVoice, c.reason]).toEqual(['unverified', true, 'It rests on one voice: Anna Lindqvist.'])
    await add('Anna Lindqvist', 'For 3.2 million', 'supports')
    expect((await review(session, claim.id)).status).toBe('unverified')
    await add('Joe Baptiste', 'The city paid', 'supports')
    c = await review(session, claim.id)
    expect([c.status, c.distinctSources]).toEqual(['corroborated', 2])
    await add('Павел Орлов', 'Ремонт', 'contradicts')
    expect((await review(session, claim.id)).status).toBe('disputed')
    const minutes = await session.client.call('sources.create', { kind: 'document', name: 'City budget 2023, line 14', naming: 'on-record' })
    const withDoc = await session.client.call('claims.get', { id: claim.id })
    await session.client.call('claims.update', { id: claim.id, patch: { evidence: [...withDoc.evidence, { kind: 'document', sourceId: minutes.id, relation: 'supports' }] } })
    c = await review(session, claim.id)
    expect([c.status, c.suggestedStatus, c.statusSetBy]).toEqual(['verified-by-document', 'verified-by-document', 'suggestion'])
  })

  it('keeps an editor’s choice, shows it against the suggestion, and hands it back on request', async () => {
    const claim = await session.client.call('claims.create', { text: 'The city paid 3.2 million for the repairs in 2023' })
    await session.client.call('claims.addEvidence', { claimId: claim.id, ...(await segment('Anna Lindqvist', 'The city paid')), stance: 'supports' })
    await session.client.call('claims.update', { id: claim.id, patch: { status: 'false', overrideReason: 'The budget shows 2.3 million.' } })
    let c = await review(session, claim.id)
    expect(c).toMatchObject({ status: 'false', suggestedStatus: 'unverified', statusSetBy: 'editor', overridden: true, overrideReason: 'The budget shows 2.3 million.' })
    // New evidence does not move an editor's choice.
    await session.client.call('claims.addEvidence', { claimId: claim.id, ...(await segment('Joe Baptiste', 'The city paid')), stance: 'supports' })
    c = await review(session, claim.id)
    expect([c.status, c.suggestedStatus]).toEqual(['false', 'corroborated'])
    await session.client.call('claims.update', { id: claim.id, patch: { statusSetBy: 'suggestion' } })
    c = await review(session, claim.id)
    expect([c.status, c.overridden]).toEqual(['corroborated', false])
  })

  it('refuses a claim with no text and evidence pointing at a deleted quote, saying what is wrong', async () => {
    await expect(session.client.call('claims.create', { text: '   ' })).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringContaining('statement') })
    const claim = await session.client.call('claims.create', { text: 'Mostostroy won the repair contract without a tender' })
    const { quote } = await session.client.call('claims.addEvidence', { claimId: claim.id, ...(await segment('Anna Lindqvist', 'The city paid')), stance: 'supports' })
    // The impact says which claim loses evidence before the quote goes.
    const impact = await session.client.call('records.impact', { kind: 'quotes', id: quote.id })
    expect(impact.claims).toEqual([{ id: claim.id, text: claim.text }])
    expect(impact.summary).toContain('1 piece of evidence from 1 claim')
    await session.client.call('quotes.delete', { id: quote.id })
    expect((await session.client.call('claims.get', { id: claim.id })).evidence).toEqual([])
    await expect(
      session.client.call('claims.update', { id: claim.id, patch: { evidence: [{ kind: 'quote', quoteId: quote.id, relation: 'supports' }] } })
    ).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining(quote.id) })
    await expect(session.client.call('claims.addEvidence', { claimId: 'nope', interviewId: 'x', segmentId: 'y', stance: 'supports' })).rejects.toMatchObject({ code: 'not-found' })
  })

  it('makes a quote of the part of a segment asked for, and reuses a quote of the same words', async () => {
    const claim = await session.client.call('claims.create', { text: 'Mostostroy did the repair work' })
    const at = await segment('Anna Lindqvist', 'The city paid')
    const first = await session.client.call('claims.addEvidence', { claimId: claim.id, ...at, stance: 'supports', start: 55, end: 78 })
    expect(first.quote.text).toBe('Mostostroy did the work')
    const again = await session.client.call('claims.addEvidence', { claimId: claim.id, ...at, stance: 'context', start: 55, end: 78 })
    expect(again.quote.id).toBe(first.quote.id)
    expect(again.claim.evidence).toHaveLength(1)
    expect(again.claim.evidence[0]?.relation).toBe('context')
    await expect(session.client.call('claims.addEvidence', { claimId: claim.id, ...at, stance: 'supports', start: 5, end: 500 })).rejects.toMatchObject({ code: 'invalid-input' })
  })
})
