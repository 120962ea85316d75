// The acceptance story: the seven interviews in ../shared/fixtures and its four claims.
// A clone without ../shared skips this suite and says so; CI has the folder and runs it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Session } from '../../src/core/session'
import { SHARED_STORY, claimWithEvidence, hasSharedStory, review, sharedStory, suiteDir } from './helpers'

if (!hasSharedStory) console.log(`claims/shared-story: skipped — ${SHARED_STORY} is not here (a fresh clone); test/claims/story.test.ts covers the same rules on the repo's own story.`)

describe.skipIf(!hasSharedStory)('the four claims of the fixture story', () => {
  let session: Session
  const folder = suiteDir()
  const ids: string[] = []
  beforeAll(async () => {
    session = await sharedStory(folder.dir)
    for (const text of [
      'About 2,500 CSTO troops had arrived by 6 January 2022',
      'Officials released the names of 238 victims in August 2022',
      'More than 300 torture cases are being prosecuted',
      'Khabar was the first pro-government channel to cover the invasion regularly'
    ]) {
      ids.push(await claimWithEvidence(session, text))
    }
  })
  afterAll(async () => {
    await session.close()
    folder.done()
  })

  it('claim 1 is disputed, with Marat Seitkali and Saule Bekova shown against each other', async () => {
    const c = await review(session, ids[0] as string)
    expect(c.status).toBe('disputed')
    expect(c.conflicts).toHaveLength(1)
    const [k] = c.conflicts
    expect([k?.a.speaker, k?.b.speaker].sort()).toEqual(['Marat Seitkali', 'Saule Bekova'])
    expect([k?.a.said, k?.b.said].sort()).toEqual(['about 2,500', 'nearly three thousand'])
    expect(c.evidence.find((e) => e.speaker === 'Saule Bekova')?.stance).toBe('contradicts')
  })

  it('claims 2 and 3 are corroborated by two distinct sources each', async () => {
    const two = await review(session, ids[1] as string)
    expect(two.status).toBe('corroborated')
    expect(two.distinctSources).toBe(2)
    expect(new Set(two.evidence.map((e) => e.speaker))).toEqual(new Set(['Saule Bekova', 'Yerlan Dzhaksybekov']))
    const three = await review(session, ids[2] as string)
    expect(three.status).toBe('corroborated')
    expect(three.distinctSources).toBe(2)
    expect(new Set(three.evidence.map((e) => e.speaker))).toEqual(new Set(['Timur Akhmetov', 'Yerlan Dzhaksybekov']))
  })

  it('claim 4 is linked to Olga Kravets’s Russian segment', async () => {
    const c = await review(session, ids[3] as string)
    const olga = c.evidence.find((e) => e.text === 'Хабар первым стал давать регулярные сюжеты — очень сухие, без оценок.')
    expect(olga?.speaker).toBe('Ольга Кравец')
    expect(olga?.stance).toBe('supports')
    expect(c.status).toBe('corroborated')
  })

  it('two quotes of one person count once', async () => {
    const before = await review(session, ids[1] as string)
    const saule = (await session.client.call('interviews.list', {})).find((i) => i.title === 'Saule Bekova')
    const segments = (await session.client.call('transcript.get', { id: saule?.id as string })).segments
    const another = segments.find((s) => s.text.startsWith('People are patient here'))
    await session.client.call('claims.addEvidence', { claimId: ids[1] as string, interviewId: saule?.id as string, segmentId: another?.id as string, stance: 'supports' })
    const after = await review(session, ids[1] as string)
    expect(after.evidence.filter((e) => e.speaker === 'Saule Bekova')).toHaveLength(2)
    expect(after.distinctSources).toBe(before.distinctSources)
  })

  it('no proposal points into the off-the-record passage unless asked', async () => {
    const text = 'One of the officers who gave the order in Almaty is a neighbour’s cousin'
    const plain = await session.client.call('claims.propose', { text })
    expect(plain.proposals.every((p) => !p.offRecord && !p.text.includes('Do not print this'))).toBe(true)
    const asked = await session.client.call('claims.propose', { text, includeOffRecord: true })
    expect(asked.proposals.find((p) => p.text.includes('Do not print this'))?.offRecord).toBe(true)
    // Nor did accepting proposals for the four claims link it.
    const { claims } = await session.client.call('claims.review', {})
    expect(claims.flatMap((c) => c.evidence).some((e) => e.text.includes('Do not print this'))).toBe(false)
  })
})
