// The golden test on its own story (../shared/fixtures): skipped, and said so, on a clone without it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Session } from '../../src/core/session'
import { SHARED_STORY, claimWithEvidence, hasSharedStory, sharedStory, suiteDir } from '../claims/helpers'
import { person, quoteOf } from './helpers'

if (!hasSharedStory) console.log(`drafts/shared-story: skipped — ${SHARED_STORY} is not here (a fresh clone); test/drafts/export.test.ts covers the same rules on the repo's own story.`)

describe.skipIf(!hasSharedStory)('a draft of the fixture story', () => {
  let session: Session
  let md = ''
  const folder = suiteDir()
  beforeAll(async () => {
    session = await sharedStory(folder.dir)
    const saule = await person(session, 'Saule Bekova')
    const marat = await person(session, 'Marat Seitkali')
    const yerlan = await person(session, 'Yerlan Dzhaksybekov')
    await session.client.call('sources.update', { id: saule.id, patch: { naming: 'on-record', role: 'political journalist' } })
    await session.client.call('sources.update', { id: marat.id, patch: { naming: 'on-record', role: 'photojournalist' } })
    await session.client.call('sources.update', { id: yerlan.id, patch: { naming: 'anonymous', anonymousAs: 'a reporter who covered the trials' } })
    const c1 = await claimWithEvidence(session, 'About 2,500 CSTO troops had arrived by 6 January 2022')
    const c4 = await claimWithEvidence(session, 'Khabar was the first pro-government channel to cover the invasion regularly')
    const draft = await session.client.call('drafts.create', {
      title: 'From the square to the front',
      byline: 'Lena Moretti',
      sections: [
        {
          id: 's1',
          heading: 'January',
          blocks: [
            { type: 'prose', text: `Troops arrived within days. [[claim:${c1}]]` },
            { type: 'quote', quoteId: await quoteOf(session, 'Marat Seitkali', 'By the sixth of January') },
            { type: 'quote', quoteId: await quoteOf(session, 'Saule Bekova', 'They released 238 names'), excerpt: 'They released 238 names in August. … nearly three thousand foreign troops came in' }
          ]
        },
        {
          id: 's2',
          heading: 'The war next door',
          blocks: [
            { type: 'claim', claimId: c4 },
            { type: 'quote', quoteId: await quoteOf(session, 'Saule Bekova', 'The first pro-government channel') },
            { type: 'quote', quoteId: await quoteOf(session, 'Yerlan Dzhaksybekov', 'The government published') }
          ]
        }
      ]
    })
    md = (await session.client.call('drafts.export', { id: draft.id, format: 'md' })).content
  })
  afterAll(async () => {
    await session.close()
    folder.done()
  })

  it('quotes the transcripts’ exact words and attributes first and later mentions in house style', () => {
    expect(md).toContain('> “By the sixth of January it was about 2,500 CSTO soldiers, a few hundred of them Russian paratroopers.”\n>\n> — Marat Seitkali, a photojournalist')
    expect(md).toContain('> “They released 238 names in August. … nearly three thousand foreign troops came in”\n>\n> — Saule Bekova, a political journalist')
    expect(md).toContain('> “The first pro-government channel to cover it regularly was Khabar, and the tone surprised a lot of people.”\n>\n> — Bekova')
  })

  it('lists each claim’s evidence in its footnote', () => {
    expect(md).toMatch(/\[\^claim-1\]: Disputed\./)
    expect(md).toMatch(/contradicts: Saule Bekova \(Saule Bekova, 0:36\): “They released 238 names in August/)
    expect(md).toContain('Хабар первым стал давать регулярные сюжеты')
  })

  it('holds no off-the-record words and no anonymous name, alias or initial', () => {
    expect(md).not.toContain('neighbour’s cousin')
    expect(md).not.toContain("neighbour's cousin")
    expect(md).not.toMatch(/Yerlan|Dzhaksybekov|Y\. D/)
    expect(md).toContain('— a reporter who covered the trials')
  })
})
