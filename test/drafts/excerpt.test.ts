import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkExcerpt, pieces } from '../../src/shared/excerpt'

const QUOTE = 'They released 238 names in August. Many of us think the real toll is higher. And nearly three thousand foreign troops came in, whatever the official figure says.'
const RU = 'Хабар первым стал давать регулярные сюжеты — очень сухие, без оценок.'

const ok = (excerpt: string, quote = QUOTE) => expect(checkExcerpt(quote, excerpt), excerpt).toEqual([])
const bad = (excerpt: string, message: RegExp, quote = QUOTE) => expect(checkExcerpt(quote, excerpt).map((p) => p.message).join(' '), excerpt).toMatch(message)

describe('a faithful excerpt', () => {
  it('is the quote itself, or nothing (printed as said)', () => {
    ok(QUOTE)
    ok('')
  })
  it('may cut the start or the end without a mark, and re-punctuate its last word', () => {
    ok('They released 238 names in August')
    ok('Many of us think the real toll is higher.')
    ok('They released 238 names in August,')
  })
  it('marks every cut inside with an ellipsis (… or ..., or […])', () => {
    ok('They released 238 names … the real toll is higher.')
    ok('They released 238 names ... the real toll is higher.')
    ok('They released 238 names […] the real toll is higher.')
    ok('Хабар … давать регулярные сюжеты', RU)
  })
  it('adds words only in square brackets, also in place of words it leaves out', () => {
    ok('[Officials] released 238 names in August.')
    ok('[T]hey released 238 names in August.')
    ok('They released 238 names [of victims] in August.')
    ok('[Телеканал] Хабар первым стал давать регулярные сюжеты', RU)
  })
})

describe('an unfaithful excerpt says what is wrong', () => {
  it('a changed word', () => bad('They released 300 names in August.', /“300” is not what was said: the quote has “238”/))
  it('an unmarked cut', () => bad('They released 238 names the real toll is higher.', /left out after “They released 238 names” without an ellipsis/))
  it('reordered words', () => bad('the real toll is higher. They released 238 names', /out of order/))
  it('a cut word-part', () => bad('They released 238 name', /“name” is not what was said/))
  it('words not in the quote', () => bad('Хабар первым стал', /not in the quote/))
  it('an unmarked cut in Cyrillic', () => bad('Хабар стал давать', /left out after “Хабар”/, RU))
})

describe('excerpts as properties', () => {
  const vocabulary = ['troops', 'came', 'in', 'names', 'август', 'первым', 'сюжеты', 'алаңда', 'the', 'official', 'figure', '238', 'нет']
  const quoteArb = fc.array(fc.constantFrom(...vocabulary), { minLength: 6, maxLength: 30 }).map((w) => w.join(' '))

  it('keeping runs of words in order with … between the gaps is faithful', () => {
    fc.assert(
      fc.property(quoteArb, fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }), (quote, keep) => {
        const words = quote.split(' ')
        const out: string[] = []
        let cut = false
        words.forEach((w, i) => {
          if (keep[i]) {
            if (cut && out.length) out.push('…')
            out.push(w)
            cut = false
          } else cut = true
        })
        fc.pre(out.length > 0)
        expect(checkExcerpt(quote, out.join(' '))).toEqual([])
      }),
      { numRuns: 300, seed: 5 }
    )
  })

  it('a bracketed addition anywhere is faithful', () => {
    fc.assert(
      fc.property(quoteArb, fc.nat(), fc.constantFrom('[sic]', '[the army]', '[армия]'), (quote, at, added) => {
        const words = quote.split(' ')
        const i = at % (words.length + 1)
        expect(checkExcerpt(quote, [...words.slice(0, i), added, ...words.slice(i)].join(' '))).toEqual([])
      }),
      { numRuns: 300, seed: 6 }
    )
  })

  it('changing one inner word, or dropping one without a mark, is caught', () => {
    fc.assert(
      fc.property(quoteArb, fc.nat(), fc.boolean(), (quote, at, drop) => {
        const words = quote.split(' ')
        const i = 1 + (at % (words.length - 2))
        const changed = drop ? [...words.slice(0, i), ...words.slice(i + 1)] : [...words.slice(0, i), 'ZZZ', ...words.slice(i + 1)]
        const excerpt = changed.join(' ')
        // Dropping a word that repeats next to itself leaves the same text: nothing was changed.
        fc.pre(!quote.includes(excerpt))
        expect(checkExcerpt(quote, excerpt).length).toBeGreaterThan(0)
      }),
      { numRuns: 300, seed: 7 }
    )
  })

  it('splits an excerpt into words, cuts and additions', () => {
    expect(pieces('[T]hey said … it [really] was')).toEqual([
      { kind: 'added', text: 'T' },
      { kind: 'words', text: 'hey said ' },
      { kind: 'cut' },
      { kind: 'words', text: ' it ' },
      { kind: 'added', text: 'really' },
      { kind: 'words', text: ' was' }
    ])
  })
})
