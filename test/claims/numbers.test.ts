import fc from 'fast-check'
import { toCardinal as enGB } from 'n2words/en-GB'
import { toCardinal as enUS } from 'n2words/en-US'
import { toCardinal as ru } from 'n2words/ru-RU'
import { describe, expect, it } from 'vitest'
import { findNumbers, sameFigure } from '../../src/core/text/numbers'

const values = (text: string) => findNumbers(text).map((n) => n.value)

describe('figures as people write them', () => {
  it.each([
    ['About 2,500 CSTO troops', 2500],
    ['2500 troops', 2500],
    ['2 500 человек', 2500],
    ['2 500 человек', 2500],
    ['2.5 thousand', 2500],
    ['2,5 тысячи', 2500],
    ['two and a half thousand', 2500],
    ['nearly three thousand foreign troops', 3000],
    ['две с половиной тысячи', 2500],
    ['полторы тысячи', 1500],
    ['двенадцать автобусов', 12],
    ['двенадцати автобусах', 12],
    ['трёхсот дел', 300],
    ['сто двадцать один', 121],
    ['екі мың бес жүз', 2500],
    ['он екі автобус', 12],
    ['half a million', 500000],
    ['3 млн', 3_000_000],
    ['3.2 million', 3_200_000],
    ['три миллиона двести тысяч', 3_200_000],
    ['a dozen buses', 12],
    ['one hundred and one', 101],
    ['forty-two', 42]
  ])('%s → %d', (text, value) => {
    expect(values(text)).toEqual([value])
  })

  it.each([
    ['90%', 90],
    ['ninety percent', 90],
    ['90 per cent', 90],
    ['девяносто процентов', 90],
    ['90 пайыз', 90]
  ])('%s is a percentage', (text, value) => {
    expect(findNumbers(text)).toMatchObject([{ value, percent: true }])
  })

  it('reads qualifiers: about and nearly round a figure, more than and fewer than bound it', () => {
    expect(findNumbers('about 2,500')).toMatchObject([{ value: 2500, approx: true, text: 'about 2,500' }])
    expect(findNumbers('почти три тысячи')).toMatchObject([{ value: 3000, approx: true }])
    expect(findNumbers('more than 300 torture cases')).toMatchObject([{ value: 300, bound: 'more' }])
    expect(findNumbers('менее ста человек')).toMatchObject([{ value: 100, bound: 'less' }])
  })

  it('does not read words that only look like numbers', () => {
    expect(values('one of the officers')).toEqual([])
    expect(values('a few hundred of them')).toEqual([])
    expect(values('thousands of people')).toEqual([])
    expect(values('Бірақ онда ешкім болмады')).toEqual([])
  })

  it('tells figures apart, allowing for rounding only when a speaker rounds', () => {
    const [a] = findNumbers('about 2,500')
    const [b] = findNumbers('2,500')
    const [c] = findNumbers('nearly three thousand')
    const [d] = findNumbers('2,520')
    expect(sameFigure(a!, b!)).toBe(true)
    expect(sameFigure(a!, d!)).toBe(true)
    expect(sameFigure(b!, d!)).toBe(false)
    expect(sameFigure(a!, c!)).toBe(false)
  })
})

describe('a number written any supported way is recognised as itself', () => {
  const number = fc.oneof(fc.integer({ min: 2, max: 999 }), fc.integer({ min: 2, max: 999_999 }), fc.integer({ min: 2, max: 999_999_999 }))
  const spellings = (n: number): string[] => [
    String(n),
    n.toLocaleString('en-US'),
    n.toLocaleString('en-US').replace(/,/g, ' '),
    enUS(n),
    enUS(n, { and: true }),
    enUS(n, { hundredPairing: true }),
    enGB(n),
    ru(n),
    ru(n, { gender: 'feminine' } as never)
  ]
  it('in digits, in English words (US and British, with and without "and") and in Russian words', () => {
    fc.assert(
      fc.property(number, fc.constantFrom('We counted', 'Мы насчитали', 'Officials said'), (n, lead) => {
        for (const written of spellings(n)) {
          const found = findNumbers(`${lead} ${written} people.`)
          expect(found.map((f) => f.value), written).toEqual([n])
        }
      }),
      { numRuns: 400, seed: 8 }
    )
  })
})
