import { describe, expect, it } from 'vitest'
import { reanchor, reanchorAll, type AnchorSegment, type QuoteAnchors, type ReanchorResult } from '../../src/shared/anchor'
import { expectTruthful, quoteAcross, quoteIn, replaceText, seg } from './helpers'

const saule = [
  seg('s1', 'For a while they simply waited. Everyone was waiting for official permission to write about it.'),
  seg('s2', 'The first pro-government channel to cover it regularly was Khabar, and the tone surprised a lot of people.'),
  seg('s3', 'They released 238 names in August. Many of us think the real toll is higher.'),
  seg('s4', 'And nearly three thousand foreign troops came in, whatever the official figure says.')
]

/** Runs reanchor both ways, knowing the old transcript and not, and checks every answer is truthful. */
function both(quote: QuoteAnchors, before: readonly AnchorSegment[], after: readonly AnchorSegment[]): { withPrevious: ReanchorResult; alone: ReanchorResult } {
  const withPrevious = reanchor(quote, after, { previous: before })
  const alone = reanchor(quote, after)
  expectTruthful(withPrevious, quote, after)
  expectTruthful(alone, quote, after)
  return { withPrevious, alone }
}

describe('reanchor: a correction in the quote’s own segment', () => {
  const quote = quoteIn(saule, 's2', 'channel to cover it regularly was Khabar')

  it('stays exact when nothing changed', () => {
    const { withPrevious, alone } = both(quote, saule, saule)
    for (const result of [withPrevious, alone]) {
      expect(result).toEqual({ status: 'exact', reason: 'unchanged', start: quote.start, end: quote.end })
    }
  })

  it('moves with a correction before it', () => {
    const after = replaceText(saule, 's2', 'The first pro-government', 'The very first state-aligned')
    const { withPrevious, alone } = both(quote, saule, after)
    const shift = 'The very first state-aligned'.length - 'The first pro-government'.length
    for (const result of [withPrevious, alone]) {
      expect(result.status).toBe('moved')
      expect(result.start).toEqual({ segmentId: 's2', offset: quote.start.offset + shift })
      expect(result.end).toEqual({ segmentId: 's2', offset: quote.end.offset + shift })
    }
  })

  it('stays exact with a correction after it', () => {
    const after = replaceText(saule, 's2', 'surprised a lot of people', 'surprised many viewers')
    const { withPrevious, alone } = both(quote, saule, after)
    expect(withPrevious.status).toBe('exact')
    expect(alone.status).toBe('exact')
  })

  it('is flagged changed with a correction inside it, showing the new words', () => {
    const after = replaceText(saule, 's2', 'cover it regularly', 'cover the war regularly')
    const { withPrevious, alone } = both(quote, saule, after)
    for (const result of [withPrevious, alone]) {
      expect(result.status).toBe('changed')
      expect(result.currentText).toBe('channel to cover the war regularly was Khabar')
    }
  })

  it('is flagged changed when its first or last word is corrected', () => {
    const after = replaceText(saule, 's2', 'was Khabar,', 'was Habar,')
    const { withPrevious, alone } = both(quote, saule, after)
    for (const result of [withPrevious, alone]) {
      expect(result.status).toBe('changed')
      expect(result.currentText).toBe('channel to cover it regularly was Habar')
    }
  })

  it('is flagged changed when a correction glues letters onto its last word', () => {
    const after = replaceText(saule, 's2', 'Khabar,', 'Khabarovsk,')
    const { withPrevious } = both(quote, saule, after)
    expect(withPrevious).toMatchObject({ status: 'changed', reason: 'joined-word', currentText: 'channel to cover it regularly was Khabarovsk' })
  })

  it('is flagged changed when a correction glues its first word onto the one before', () => {
    const after = replaceText(saule, 's2', 'pro-government channel', 'pro-governmentchannel')
    const { withPrevious } = both(quote, saule, after)
    expect(withPrevious).toMatchObject({ status: 'changed', reason: 'joined-word' })
    // The hyphen ends a word, so the glued word is "governmentchannel".
    expect(withPrevious.currentText).toBe('governmentchannel to cover it regularly was Khabar')
  })

  it('is flagged changed when the whole quoted passage was deleted from its segment', () => {
    const after = replaceText(saule, 's2', 'channel to cover it regularly was Khabar', 'channel')
    const { withPrevious, alone } = both(quote, saule, after)
    expect(withPrevious.status).toBe('changed')
    expect(alone.status).toBe('changed')
  })

  it('follows an ambiguous deletion to the reading that keeps the words', () => {
    const before = [seg('a', 'It was so so good to be back.')]
    const q = quoteIn(before, 'a', 'so good')
    const after = [seg('a', 'It was so good to be back.')]
    const { withPrevious, alone } = both(q, before, after)
    expect(withPrevious).toMatchObject({ status: 'moved', start: { segmentId: 'a', offset: 7 } })
    expect(alone.status).toBe('moved')
  })
})

describe('reanchor: a quote across segments', () => {
  const quote = quoteAcross(saule, 's3', 'Many of us', 's4', 'foreign troops came in')

  it('reads the joined text and stays exact when untouched', () => {
    expect(quote.text).toBe('Many of us think the real toll is higher.\nAnd nearly three thousand foreign troops came in')
    const { withPrevious, alone } = both(quote, saule, saule)
    expect(withPrevious.status).toBe('exact')
    expect(alone.status).toBe('exact')
  })

  it('moves its start with a correction earlier in the first segment, keeping its end', () => {
    const after = replaceText(saule, 's3', 'They released 238 names', 'Officials released the 238 names')
    const { withPrevious, alone } = both(quote, saule, after)
    for (const result of [withPrevious, alone]) {
      expect(result.status).toBe('moved')
      expect(result.start?.offset).toBe(quote.start.offset + 'Officials released the'.length - 'They released'.length)
      expect(result.end).toEqual(quote.end)
    }
  })

  it('stays exact with a correction after its end in the last segment', () => {
    const after = replaceText(saule, 's4', 'whatever the official figure says', 'whatever officials say')
    const { withPrevious, alone } = both(quote, saule, after)
    expect(withPrevious.status).toBe('exact')
    expect(alone.status).toBe('exact')
  })

  it('is flagged changed with a correction inside its second segment', () => {
    const after = replaceText(saule, 's4', 'nearly three thousand', 'nearly 3,000')
    const { withPrevious, alone } = both(quote, saule, after)
    for (const result of [withPrevious, alone]) {
      expect(result.status).toBe('changed')
      expect(result.currentText).toBe('Many of us think the real toll is higher.\nAnd nearly 3,000 foreign troops came in')
    }
  })
})

describe('reanchor: segments deleted and inserted', () => {
  const quote = quoteIn(saule, 's2', 'was Khabar')

  it('stays exact when another segment is deleted', () => {
    const after = saule.filter((s) => s.id !== 's1')
    const { withPrevious, alone } = both(quote, saule, after)
    expect(withPrevious.status).toBe('exact')
    expect(alone.status).toBe('exact')
  })

  it('is missing when its segment is deleted and its words are nowhere', () => {
    const after = saule.filter((s) => s.id !== 's2')
    const { withPrevious, alone } = both(quote, saule, after)
    expect(withPrevious).toEqual({ status: 'missing', reason: 'gone' })
    expect(alone).toEqual({ status: 'missing', reason: 'gone' })
  })

  it('is flagged changed, showing what is left, when one of its segments is deleted', () => {
    const across = quoteAcross(saule, 's3', 'Many of us', 's4', 'foreign troops')
    const after = saule.filter((s) => s.id !== 's4')
    const { withPrevious, alone } = both(across, saule, after)
    for (const result of [withPrevious, alone]) {
      expect(result.status).toBe('changed')
      expect(result.currentText).toBe('Many of us think the real toll is higher.')
    }
  })

  it('stays exact when a segment is inserted before or after it', () => {
    const after = [saule[0]!, seg('n1', 'Inserted before.'), saule[1]!, seg('n2', 'Inserted after.'), saule[2]!, saule[3]!]
    const { withPrevious, alone } = both(quote, saule, after)
    expect(withPrevious.status).toBe('exact')
    expect(alone.status).toBe('exact')
  })

  it('is flagged changed when a segment is inserted between its segments', () => {
    const across = quoteAcross(saule, 's3', 'the real toll', 's4', 'nearly three thousand')
    const after = [saule[0]!, saule[1]!, saule[2]!, seg('n', 'Lena: Sorry, go on.'), saule[3]!]
    const { withPrevious, alone } = both(across, saule, after)
    for (const result of [withPrevious, alone]) {
      expect(result.status).toBe('changed')
      expect(result.currentText).toBe('the real toll is higher.\nLena: Sorry, go on.\nAnd nearly three thousand')
    }
  })

  it('moves into the segment its words were merged into', () => {
    const merged = [saule[0]!, seg('s2', `${saule[1]!.text} ${saule[2]!.text}`), saule[3]!]
    const q = quoteIn(saule, 's3', 'the real toll is higher')
    const { withPrevious, alone } = both(q, saule, merged)
    for (const result of [withPrevious, alone]) expect(result).toMatchObject({ status: 'moved', start: { segmentId: 's2' } })
  })

  it('moves into the new segment when its segment is split', () => {
    const split = [saule[0]!, saule[1]!, seg('s3', 'They released 238 names in August.'), seg('s3b', 'Many of us think the real toll is higher.'), saule[3]!]
    const q = quoteIn(saule, 's3', 'the real toll is higher')
    const { withPrevious, alone } = both(q, saule, split)
    for (const result of [withPrevious, alone]) {
      expect(result).toMatchObject({ status: 'moved', start: { segmentId: 's3b', offset: 17 } })
    }
  })

  it('is flagged changed when a split lands inside it', () => {
    const q = quoteIn(saule, 's3', 'in August. Many of us')
    const split = [saule[0]!, saule[1]!, seg('s3', 'They released 238 names in August.'), seg('s3b', 'Many of us think the real toll is higher.'), saule[3]!]
    const { withPrevious, alone } = both(q, saule, split)
    for (const result of [withPrevious, alone]) {
      expect(result.status).toBe('changed')
      expect(result.currentText).toBe('in August.\nMany of us')
    }
  })

  it('finds its words when the whole transcript was re-imported under new segment ids', () => {
    const reimported = saule.map((s, i) => seg(`r${i}`, s.text))
    const { alone } = both(quote, saule, reimported)
    expect(alone).toMatchObject({ status: 'moved', start: { segmentId: 'r1' } })
  })

  it('is missing, not moved, when an empty transcript replaced it', () => {
    expect(reanchor(quote, [])).toEqual({ status: 'missing', reason: 'gone' })
  })
})

describe('reanchor: Cyrillic', () => {
  const olga = [
    seg('o1', 'Когда началась война, мы не знали, что можно писать.'),
    seg('o2', 'Хабар первым стал давать регулярные сюжеты — очень сухие, без оценок.'),
    seg('o3', 'Мы с первого дня называли это вторжением.')
  ]
  const quote = quoteIn(olga, 'o2', 'Хабар первым стал давать регулярные сюжеты')

  it('moves with a Russian correction before the quote', () => {
    const after = replaceText(olga, 'o2', 'Хабар первым', 'Кстати, Хабар первым')
    const { withPrevious, alone } = both(quote, olga, after)
    for (const result of [withPrevious, alone]) expect(result).toMatchObject({ status: 'moved', start: { segmentId: 'o2', offset: 8 } })
  })

  it('stays exact with a Russian correction after the quote', () => {
    const after = replaceText(olga, 'o2', 'очень сухие', 'крайне сухие')
    const { withPrevious, alone } = both(quote, olga, after)
    expect(withPrevious.status).toBe('exact')
    expect(alone.status).toBe('exact')
  })

  it('is flagged changed by a one-letter Russian correction inside, even ё for е', () => {
    const after = replaceText(olga, 'o2', 'сюжеты', 'сюжёты')
    const { withPrevious, alone } = both(quote, olga, after)
    for (const result of [withPrevious, alone]) {
      expect(result.status).toBe('changed')
      expect(result.currentText).toBe('Хабар первым стал давать регулярные сюжёты')
    }
  })

  const dana = [
    seg('d1', 'Сіз қай жерде болдыңыз?'),
    seg('d2', 'Алаңда болдым. Адамдар бейбіт түрде жиналды, көңіл-күй мерекедей еді.'),
    seg('d3', 'Әкім шаһардағы алаңға шықпады, ұялы байланыс өшірілді, үйге қайттық.')
  ]

  it('stays exact when a Kazakh letter is corrected before the quote without changing its length', () => {
    const q = quoteIn(dana, 'd2', 'Адамдар бейбіт түрде жиналды')
    const after = replaceText(dana, 'd2', 'Алаңда', 'Аланда')
    const { withPrevious, alone } = both(q, dana, after)
    expect(withPrevious.status).toBe('exact')
    expect(alone.status).toBe('exact')
  })

  it.each([
    ['і → и', 'бейбіт', 'бейбит'],
    ['ү → у', 'түрде', 'турде'],
    ['ң → н', 'көңіл', 'көніл'],
    ['ө → о', 'көңіл', 'коңіл']
  ])('is flagged changed when a Kazakh letter inside is replaced by its look-alike (%s)', (_, from, to) => {
    const q = quoteIn(dana, 'd2', 'Адамдар бейбіт түрде жиналды, көңіл-күй')
    const after = replaceText(dana, 'd2', from, to)
    const { withPrevious, alone } = both(q, dana, after)
    for (const result of [withPrevious, alone]) {
      expect(result.status).toBe('changed')
      expect(result.currentText).toBe(q.text.replace(from, to))
    }
  })

  it('keeps a quote with every Kazakh letter (ә ғ қ ң ө ұ ү һ і) through an edit before it', () => {
    const q = quoteIn(dana, 'd3', 'Әкім шаһардағы алаңға шықпады, ұялы байланыс өшірілді, үйге қайттық')
    const after = [seg('d0', 'Кіріспе.'), ...dana]
    const edited = replaceText(after, 'd3', 'Әкім', 'Ал әкім')
    const { withPrevious, alone } = both(q, dana, edited)
    expect(withPrevious.status).toBe('changed') // "Әкім" itself was corrected to lower case
    expect(alone.status).toBe('changed')
    const untouched = both(q, dana, after)
    expect(untouched.withPrevious.status).toBe('exact')
    expect(untouched.alone.status).toBe('exact')
  })
})

describe('reanchor: repeated identical phrases', () => {
  const repeated = [
    seg('r1', 'We waited. Then we waited again, and we waited for permission.'),
    seg('r2', 'Lena asked why.'),
    seg('r3', 'Because we waited for permission, like everyone.')
  ]

  it('chooses the occurrence nearest to where the quote was', () => {
    const q = quoteIn(repeated, 'r1', 'we waited', 1) // the third "waited", lower case
    const after = replaceText(repeated, 'r1', 'We waited.', 'We had waited.')
    const { withPrevious, alone } = both(q, repeated, after)
    for (const result of [withPrevious, alone]) {
      expect(result).toMatchObject({ status: 'moved', start: { segmentId: 'r1', offset: q.start.offset + 4 } })
    }
  })

  it('follows the edit, not the nearest copy, when the old transcript is known', () => {
    const q = quoteIn(repeated, 'r1', 'we waited for permission')
    // Text inserted before the quote is longer than the gap to the other copy in r3.
    const after = replaceText(repeated, 'r1', 'We waited.', 'We waited. We waited and waited and waited, for days.')
    const result = reanchor(q, after, { previous: repeated })
    expectTruthful(result, q, after)
    expect(result).toMatchObject({ status: 'moved', start: { segmentId: 'r1' } })
  })

  it('does not jump to the same words in another segment while its own segment still stands', () => {
    const q = quoteIn(repeated, 'r1', 'we waited for permission')
    const after = [...replaceText(repeated, 'r1', 'we waited for permission', 'we asked for permission'), seg('r4', 'Yes, we waited for permission.')]
    const { withPrevious, alone } = both(q, repeated, after)
    for (const result of [withPrevious, alone]) {
      expect(result).toMatchObject({ status: 'changed', start: { segmentId: 'r1' }, currentText: 'we asked for permission' })
    }
  })

  it('flags the quote rather than guess when its segment is gone and its words occur twice', () => {
    const q = quoteIn(repeated, 'r2', 'Lena asked why')
    const after = [seg('x1', 'Lena asked why. Then Lena asked why again.')]
    const result = reanchor(q, after)
    expectTruthful(result, q, after)
    expect(result).toMatchObject({ status: 'changed', reason: 'ambiguous', currentText: 'Lena asked why' })
  })

  it('does not take the same letters inside a longer word for the quote', () => {
    const segments = [seg('w', 'The award went to the war reporters.')]
    const q = quoteIn(segments, 'w', 'war', 1)
    expect(q.start.offset).toBe(22)
    const after = [seg('w', 'The award went to the conflict reporters.')]
    const { withPrevious, alone } = both(q, segments, after)
    for (const result of [withPrevious, alone]) expect(result.status).toBe('changed')
  })
})

describe('reanchor: the old transcript does not match the quote', () => {
  it('falls back to looking for the words when `previous` does not read the saved text', () => {
    const q = quoteIn(saule, 's2', 'was Khabar')
    const stale = replaceText(saule, 's2', 'was Khabar', 'was Habar')
    const after = replaceText(saule, 's2', 'The first', 'The very first')
    const result = reanchor(q, after, { previous: stale })
    expectTruthful(result, q, after)
    expect(result.status).toBe('moved')
  })
})

describe('reanchor: a transcript with a duplicated segment id', () => {
  it('never returns anchors that read other words than it claims', () => {
    const before = [seg('a', 'we war'), seg('b', 'award, first')]
    const q = quoteAcross(before, 'a', 'war', 'b', 'award')
    // Two inserted segments share an id: an anchor naming it always means the first one.
    const after = [seg('dup', 'war'), seg('dup', 'war'), seg('b', 'award, first')]
    for (const result of [reanchor(q, after), reanchor(q, after, { previous: before })]) {
      expectTruthful(result, q, after)
      expect(result.status).not.toBe('exact')
    }
  })
})

describe('reanchorAll', () => {
  it('gives the same answers as reanchor, one per quote, in order', () => {
    const quotes = [quoteIn(saule, 's1', 'simply waited'), quoteIn(saule, 's2', 'was Khabar'), quoteIn(saule, 's3', 'They released 238 names')]
    const after = replaceText(replaceText(saule, 's1', 'For a while', 'For weeks'), 's3', '238 names', '238 victims’ names')
    const results = reanchorAll(quotes, after, { previous: saule })
    expect(results.map((r) => r.status)).toEqual(['moved', 'exact', 'changed'])
    expect(results).toEqual(quotes.map((q) => reanchor(q, after, { previous: saule })))
  })
})
