import { describe, expect, it } from 'vitest'
import { parseQuery } from '../../src/core/search'

describe('parseQuery', () => {
  it('reads words, folding them, with the last one a prefix while it is being typed', () => {
    expect(parseQuery('Khabar Kazak').words).toEqual([
      { token: 'khabar', prefix: false },
      { token: 'kazak', prefix: true }
    ])
  })

  it('stops treating the last word as a prefix once a space follows it', () => {
    expect(parseQuery('kazak ').words).toEqual([{ token: 'kazak', prefix: false }])
  })

  it('does not expand a one-letter prefix', () => {
    expect(parseQuery('war k').words.at(-1)).toEqual({ token: 'k', prefix: false })
  })

  it('reads quoted phrases, straight or curly, and an open phrase as still being typed', () => {
    const q = parseQuery('"nearly three thousand" “Хабар первым” «Страна-агрессор» "people had co')
    expect(q.phrases).toEqual([
      { tokens: ['nearly', 'three', 'thousand'], prefixLast: false },
      { tokens: ['хабар', 'первым'], prefixLast: false },
      { tokens: ['страна', 'агрессор'], prefixLast: false },
      { tokens: ['people', 'had', 'co'], prefixLast: true }
    ])
  })

  it('takes a word that folds into several, like 2,500, as a phrase', () => {
    expect(parseQuery('2,500 troops').phrases).toEqual([{ tokens: ['2', '500'], prefixLast: false }])
  })

  it('reads filters with bare and quoted values', () => {
    const q = parseQuery('speaker:"Olga Kravets" tag:CSTO tag:"state media" interview:saule-bekova kind:quotes Khabar')
    expect(q.speakers).toEqual([{ tokens: ['olga', 'kravets'], prefixLast: false }])
    expect(q.tags).toEqual(['CSTO', 'state media'])
    expect(q.interviews).toEqual(['saule-bekova'])
    expect(q.kinds).toEqual(['quote'])
    expect(q.words).toEqual([{ token: 'khabar', prefix: true }])
  })

  it('lets a filter value being typed match as a prefix', () => {
    expect(parseQuery('speaker:Ol').speakers).toEqual([{ tokens: ['ol'], prefixLast: true }])
    expect(parseQuery('kind:quo').kinds).toEqual(['quote'])
  })

  it('takes an unknown name: as ordinary words and ignores an empty filter', () => {
    const q = parseQuery('time:10 speaker: war')
    expect(q.phrases).toEqual([{ tokens: ['time', '10'], prefixLast: false }])
    expect(q.speakers).toEqual([])
    expect(q.words).toEqual([{ token: 'war', prefix: true }])
  })

  it('finds nothing to search in punctuation alone', () => {
    const q = parseQuery(' — , "" ')
    expect(q.words).toEqual([])
    expect(q.phrases).toEqual([])
  })
})
