// The interview list's sort and filter, and "copy with attribution": pure parts of the renderer.
import { describe, expect, it } from 'vitest'
import type { HouseStyle, Interview, Source } from '../../src/shared/model'
import { quoteAttribution } from '../../src/renderer/src/stores/attribution'
import { listInterviews, type InterviewFilter } from '../../src/renderer/src/stores/interview-list'

const interview = (id: string, fields: Partial<Interview>): Interview => ({
  id,
  title: id,
  consent: 'unknown',
  speakers: [],
  segmentCount: 0,
  wordCount: 0,
  createdAt: '2026-05-01T00:00:00.000Z',
  updatedAt: '2026-05-01T00:00:00.000Z',
  ...fields
})

const items = [
  interview('a', { title: 'Nadia Petrenko, rescuer', date: '2026-05-16', language: 'en', consent: 'on-record', speakers: ['Nadia Petrenko'], createdAt: '2026-05-20T10:00:00.000Z' }),
  interview('b', { title: 'Ольга Кравец', date: '2022-01-10', language: 'ru', consent: 'background', speakers: ['Ольга Кравец'], createdAt: '2026-05-21T10:00:00.000Z' }),
  interview('c', { title: 'Café notes', language: 'en', consent: 'on-record', place: 'Market Street', speakers: ['Mira'], createdAt: '2026-05-19T10:00:00.000Z' })
]
const none: InterviewFilter = { text: '', speaker: '', language: '', consent: '' }

describe('listInterviews', () => {
  it('sorts by each column, either way, with blank dates last', () => {
    const ids = (by: Parameters<typeof listInterviews>[2]) => listInterviews(items, none, by).map((i) => i.id)
    expect(ids({ by: 'title', descending: false })).toEqual(['c', 'a', 'b'])
    expect(ids({ by: 'date', descending: false })).toEqual(['b', 'a', 'c'])
    expect(ids({ by: 'date', descending: true })).toEqual(['a', 'b', 'c'])
    expect(ids({ by: 'imported', descending: true })).toEqual(['b', 'a', 'c'])
    expect(ids({ by: 'consent', descending: false })).toEqual(['b', 'a', 'c'])
  })

  it('filters by words (accents and case folded), speaker, language and consent', () => {
    const ids = (f: Partial<InterviewFilter>) => listInterviews(items, { ...none, ...f }, { by: 'title', descending: false }).map((i) => i.id)
    expect(ids({ text: 'cafe market' })).toEqual(['c'])
    expect(ids({ text: 'КРАВЕЦ' })).toEqual(['b'])
    expect(ids({ speaker: 'Nadia Petrenko' })).toEqual(['a'])
    expect(ids({ language: 'en' })).toEqual(['c', 'a'])
    expect(ids({ consent: 'background' })).toEqual(['b'])
  })
})

describe('quoteAttribution', () => {
  const style: HouseStyle = { quoteMarks: 'curly', dash: 'em', attributionVerb: 'says', laterMention: 'surname' }
  const person = (fields: Partial<Source>): Source => ({ id: 's', kind: 'person', name: 'Saule Bekova', aliases: [], naming: 'on-record', consent: 'unknown', createdAt: '', updatedAt: '', ...fields })
  const sources = (s: Source) => new Map([[s.id, s]])

  it('names an on-the-record person with their role, by house style', () => {
    const s = person({ role: 'political journalist' })
    expect(quoteAttribution({ text: 'Khabar was first.', sourceIds: ['s'] }, sources(s), style).line).toBe('“Khabar was first,” says Saule Bekova, a political journalist.')
    expect(quoteAttribution({ text: 'Khabar was first.', sourceIds: ['s'] }, sources(s), { ...style, quoteMarks: 'guillemets', attributionVerb: 'said' }).line).toBe(
      '«Khabar was first,» said Saule Bekova, a political journalist.'
    )
  })

  it('never names an anonymous, unconfirmed or unlinked speaker', () => {
    const anonymous = person({ naming: 'anonymous', anonymousAs: 'an employee of the town hall' })
    expect(quoteAttribution({ text: 'It sat in the tray.', sourceIds: ['s'] }, sources(anonymous), style).line).toBe('“It sat in the tray,” says an employee of the town hall.')
    expect(quoteAttribution({ text: 'Words', sourceIds: ['s'] }, sources(person({ naming: 'unconfirmed' })), style).line).toBe('“Words,” says a source who asked not to be named.')
    expect(quoteAttribution({ text: 'Words', sourceIds: [] }, new Map(), style)).toEqual({ line: '“Words,” says a source who asked not to be named.', source: null })
  })

  it('joins a quote that spans two segments into one line', () => {
    expect(quoteAttribution({ text: 'Nobody called us.\nHow many', sourceIds: ['s'] }, sources(person({})), style).line).toBe('“Nobody called us. How many,” says Saule Bekova.')
  })
})
