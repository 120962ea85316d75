import { describe, expect, it } from 'vitest'
import type { Source } from '../../src/shared/model'
import { draftOf, draftProblem, filterSources, fold, matchesQuery, movedSummary, patchFrom, withAlias } from '../../src/renderer/src/stores/sources-logic'

const now = '2024-04-01T10:00:00.000Z'
const person = (name: string, over: Partial<Source> = {}): Source => ({
  id: name.replace(/\W/g, '') || 'x',
  kind: 'person',
  name,
  aliases: [],
  naming: 'unconfirmed',
  consent: 'unknown',
  createdAt: now,
  updatedAt: now,
  ...over
})

describe('finding a source', () => {
  const sam = person('Sam Okafor', { aliases: ['Сэм Окафор'] })
  const anna = person('Anna Lindqvist', { naming: 'on-record' })
  const report = person('Council minutes', { kind: 'document', naming: 'unconfirmed' })

  it('matches names and aliases without case or accents, ё as е', () => {
    expect(matchesQuery(sam, 'сэм')).toBe(true)
    expect(matchesQuery(sam, 'OKAF')).toBe(true)
    expect(matchesQuery(person('Zoë Café'), 'zoe cafe')).toBe(true)
    expect(matchesQuery(person('Пётр'), 'петр')).toBe(true)
    expect(matchesQuery(anna, 'okafor')).toBe(false)
    expect(fold('  A   B ')).toBe('a b')
  })

  it('filters by kind and naming (documents have no naming), people first', () => {
    const all = [report, sam, anna]
    expect(filterSources(all, { kind: '', naming: '', query: '' }).map((s) => s.name)).toEqual(['Anna Lindqvist', 'Sam Okafor', 'Council minutes'])
    expect(filterSources(all, { kind: '', naming: 'unconfirmed', query: '' }).map((s) => s.name)).toEqual(['Sam Okafor'])
    expect(filterSources(all, { kind: 'document', naming: '', query: '' }).map((s) => s.name)).toEqual(['Council minutes'])
  })
})

describe('the edit form', () => {
  const source = person('Anna Lindqvist', { role: 'engineer', embargoUntil: '2024-06-01', aliases: ['A. Lindqvist'] })

  it('sends only what changed', () => {
    expect(patchFrom(draftOf(source), source)).toEqual({})
    const draft = { ...draftOf(source), role: ' structural engineer ', consent: 'verbal' as const }
    expect(patchFrom(draft, source)).toEqual({ role: 'structural engineer', consent: 'verbal' })
  })

  it('empties a text field with "" and lifts an embargo with null', () => {
    const draft = { ...draftOf(source), role: '', embargoUntil: '' }
    expect(patchFrom(draft, source)).toEqual({ role: '', embargoUntil: null })
  })

  it('keeps aliases distinct and never the person’s own name', () => {
    expect(withAlias(['A. Lindqvist'], 'a. lindqvist', 'Anna Lindqvist')).toEqual(['A. Lindqvist'])
    expect(withAlias(['A. Lindqvist'], ' anna  lindqvist ', 'Anna Lindqvist')).toEqual(['A. Lindqvist'])
    expect(withAlias([], ' Анна  Линдквист ', 'Anna Lindqvist')).toEqual(['Анна Линдквист'])
  })

  it('asks for a description before an anonymous person is saved', () => {
    expect(draftProblem({ ...draftOf(source), naming: 'anonymous', anonymousAs: ' ' }, 'person')).toMatch(/describe them in print/)
    expect(draftProblem({ ...draftOf(source), naming: 'anonymous', anonymousAs: 'an engineer' }, 'person')).toBeNull()
    expect(draftProblem({ ...draftOf(source), name: '' }, 'document')).toBe('A document needs a title.')
  })
})

describe('what a merge moved', () => {
  it('is said in words, and nothing is said as nothing', () => {
    expect(movedSummary({ interviews: 1, segments: 3, quotes: 1, evidence: 0 })).toBe('3 segments in 1 interview and 1 quote')
    expect(movedSummary({ interviews: 2, segments: 1, quotes: 2, evidence: 1 })).toBe('1 segment in 2 interviews, 2 quotes and 1 piece of document evidence')
    expect(movedSummary({ interviews: 0, segments: 0, quotes: 0, evidence: 0 })).toBe('')
  })
})
