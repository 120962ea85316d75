// The repo's own story (test/fixtures/claims-story.md): runs on any clone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Session } from '../../src/core/session'
import { claimWithEvidence, review, riverton } from './helpers'

let session: Session
beforeEach(async () => {
  session = await riverton()
})
afterEach(async () => {
  await session.close()
})

describe('cross-referencing the Riverton story', () => {
  it('disputes a claim where two people give different figures and dates, and shows them side by side', async () => {
    const id = await claimWithEvidence(session, 'About 40 workers were on the bridge when it collapsed on 12 March 2024')
    const c = await review(session, id)
    expect(c.status).toBe('disputed')
    expect(c.suggestedStatus).toBe('disputed')
    expect(c.evidence.map((e) => [e.speaker, e.stance]).sort()).toEqual([
      ['Anna Lindqvist', 'supports'],
      ['Joe Baptiste', 'contradicts']
    ])
    const figure = c.conflicts.find((k) => k.kind === 'figure')
    expect(figure).toBeDefined()
    expect([figure?.a.speaker, figure?.b.speaker].sort()).toEqual(['Anna Lindqvist', 'Joe Baptiste'])
    expect([figure?.a.said, figure?.b.said].sort()).toEqual(['Nearly sixty', 'about forty'])
    const date = c.conflicts.find((k) => k.kind === 'date')
    expect([date?.a.said, date?.b.said].sort()).toEqual(['eleventh of March', 'twelfth of March'])
    // Side by side means with where and when each was said.
    expect(figure?.a.startSeconds ?? figure?.b.startSeconds).not.toBeUndefined()
  })

  it('counts voices, not quotes: two quotes of one person are one source', async () => {
    const id = await claimWithEvidence(session, 'The city paid 3.2 million for the repairs in 2023')
    const c = await review(session, id)
    const anna = c.evidence.filter((e) => e.speaker === 'Anna Lindqvist')
    expect(anna).toHaveLength(2)
    // Anna twice, Joe, and Pavel in Russian ("три миллиона двести тысяч"): three voices.
    expect(new Set(c.evidence.map((e) => e.speaker))).toEqual(new Set(['Anna Lindqvist', 'Joe Baptiste', 'Павел Орлов']))
    expect(c.distinctSources).toBe(3)
    expect(c.status).toBe('corroborated')
  })

  it('finds a name across scripts: a claim about Mostostroy is linked to the Russian Мостострой', async () => {
    const id = await claimWithEvidence(session, 'Mostostroy won the repair contract without a tender')
    const c = await review(session, id)
    const russian = c.evidence.find((e) => e.text.includes('Мостострой получил контракт без тендера'))
    expect(russian?.speaker).toBe('Павел Орлов')
    expect(c.status).toBe('corroborated')
  })

  it('never proposes the off-the-record passage unless asked, and then marks it', async () => {
    const text = 'The inspector signed the report without climbing the bridge'
    const plain = await session.client.call('claims.propose', { text })
    expect(plain.proposals.some((p) => p.text.includes('Mark Feld'))).toBe(false)
    const asked = await session.client.call('claims.propose', { text, includeOffRecord: true })
    const off = asked.proposals.find((p) => p.text.includes('Mark Feld'))
    expect(off?.offRecord).toBe(true)
    for (const p of asked.proposals.filter((p) => !p.text.includes('Mark Feld'))) expect(p.offRecord).toBeUndefined()
  })

  it('never proposes the interviewer’s questions as evidence', async () => {
    const { proposals } = await session.client.call('claims.propose', { text: 'Mostostroy got the order without a tender' })
    expect(proposals.length).toBeGreaterThan(0)
    expect(proposals.every((p) => p.speaker !== 'Sam Okafor' && p.speaker !== 'Сэм Окафор')).toBe(true)
  })

  it('says why each proposal matched', async () => {
    const { proposals } = await session.client.call('claims.propose', { text: 'About 40 workers were on the bridge when it collapsed on 12 March 2024' })
    const anna = proposals.find((p) => p.speaker === 'Anna Lindqvist')
    expect(anna?.why).toContain('number about forty (= 40)')
    expect(anna?.why).toContain('date twelfth of March')
    const joe = proposals.find((p) => p.speaker === 'Joe Baptiste')
    expect(joe?.why).toContain('a different number: Nearly sixty (claim: 40)')
    expect(joe?.stance).toBe('contradicts')
  })
})
