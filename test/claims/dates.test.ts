import { describe, expect, it } from 'vitest'
import { conflictingDates, findDates, sameDate } from '../../src/core/text/dates'

const read = (text: string) => findDates(text).map(({ year, month, day }) => ({ year, month, day }))

describe('dates in any common form and language', () => {
  it.each([
    ['6 January 2022', { year: 2022, month: 1, day: 6 }],
    ['January 6, 2022', { year: 2022, month: 1, day: 6 }],
    ['2022-01-06', { year: 2022, month: 1, day: 6 }],
    ['06.01.2022', { year: 2022, month: 1, day: 6 }],
    ['6 января 2022 года', { year: 2022, month: 1, day: 6 }],
    ['2022 жылы 6 қаңтарда', { year: 2022, month: 1, day: 6 }]
  ])('%s', (text, date) => {
    expect(read(text)).toEqual([date])
  })

  it.each([
    ['By the sixth of January it was over', { month: 1, day: 6 }],
    ['on January 6', { month: 1, day: 6 }],
    ['6 января', { month: 1, day: 6 }],
    ['6 қаңтар', { month: 1, day: 6 }]
  ])('%s has a day and a month', (text, date) => {
    expect(read(text)).toMatchObject([date])
    expect(read(text)[0]?.year).toBeUndefined()
  })

  it('reads a month alone, and leaves the verb "may" alone', () => {
    expect(read('They released 238 names in August.')).toMatchObject([{ month: 8 }])
    expect(read('в августе')).toMatchObject([{ month: 8 }])
    expect(read('You may go now.')).toEqual([])
  })

  it('agrees as far as both say, and conflicts on a different day of one month', () => {
    const [a] = findDates('6 January 2022')
    const [b] = findDates('the sixth of January')
    const [c] = findDates('5 January')
    const [d] = findDates('6 февраля')
    expect(sameDate(a!, b!)).toBe(true)
    expect(conflictingDates(a!, c!)).toBe(true)
    expect(conflictingDates(a!, d!)).toBe(false)
  })
})
