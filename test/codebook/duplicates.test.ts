import { describe, expect, it } from 'vitest'
import { suggestDuplicates } from '../../src/shared/codebook'

const tag = (id: string, name: string) => ({ id, name })
const pairs = (tags: Array<{ id: string; name: string }>) => suggestDuplicates(tags).map((s) => [s.a.name, s.b.name, s.reason])

describe('suggestDuplicates', () => {
  it('finds the slips real coders made in the Oral History as Data corpus, and nothing else', () => {
    // filters.csv (the codebook) plus every other tag the corpus's CSV files use.
    const codebook = ['highlight', 'between', 'early', 'paper', 'files', 'printdig', 'change', 'prompt', 'revision', 'mss', 'career', 'future', 'correspondence', 'flarf', 'software', 'yaleyounger']
    const used = ['higlight', 'revsion', 'beween', 'careeer', 'filesfiles']
    const tags = [...codebook, ...used].map((name, i) => tag(`t${i}`, name))
    expect(pairs(tags)).toEqual([
      ['files', 'filesfiles', 'repeated'],
      ['highlight', 'higlight', 'typo'],
      ['between', 'beween', 'typo'],
      ['revision', 'revsion', 'typo'],
      ['career', 'careeer', 'typo']
    ])
  })

  it('suggests names that differ only by case, spacing or accents, surest first', () => {
    const tags = [tag('a', 'state media'), tag('b', 'State Media'), tag('c', 'state  media '), tag('d', 'Café'), tag('e', 'cafe')]
    expect(pairs(tags)).toEqual([
      ['state media', 'state  media ', 'same-name'],
      ['state media', 'State Media', 'case'],
      ['State Media', 'state  media ', 'case'],
      ['Café', 'cafe', 'accents']
    ])
  })

  it('compares nested names as whole paths', () => {
    const tags = [tag('a', 'conflict/CSTO'), tag('b', 'conflict / csto'), tag('c', 'politics/CSTO'), tag('d', 'conflict')]
    expect(pairs(tags)).toEqual([['conflict/CSTO', 'conflict / csto', 'case']])
  })

  it('allows more slips for longer names and none for short ones', () => {
    expect(pairs([tag('a', 'war'), tag('b', 'was')])).toEqual([])
    expect(pairs([tag('a', 'CSTO'), tag('b', 'CSO')])).toEqual([])
    expect(pairs([tag('a', 'troops'), tag('b', 'trops')])).toEqual([['troops', 'trops', 'typo']])
    expect(pairs([tag('a', 'troops'), tag('b', 'trps')])).toEqual([])
    expect(pairs([tag('a', 'language divide'), tag('b', 'langauge divid')])).toEqual([['language divide', 'langauge divid', 'typo']])
  })

  it('does not take different years or counts for typos', () => {
    expect(pairs([tag('a', 'protests 2021'), tag('b', 'protests 2022')])).toEqual([])
  })

  it('works on Kazakh and Russian names', () => {
    expect(pairs([tag('a', 'тіл саясаты'), tag('b', 'тіл саясты'), tag('c', 'Тіл саясаты')])).toEqual([
      ['тіл саясаты', 'Тіл саясаты', 'case'],
      ['тіл саясаты', 'тіл саясты', 'typo'],
      ['тіл саясты', 'Тіл саясаты', 'typo']
    ])
  })

  it('reports each pair once, keeps the input objects, and ignores a tag compared with itself', () => {
    const a = { id: 'a', name: 'career', color: '#ff0000' }
    const b = { id: 'b', name: 'Career', color: '#00ff00' }
    const result = suggestDuplicates([a, b, a])
    expect(result).toHaveLength(2)
    expect(result[0]?.a).toBe(a)
    expect(result[0]?.b).toBe(b)
  })
})
