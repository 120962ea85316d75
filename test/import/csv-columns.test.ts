// Columns of a transcript CSV found by name, by a name a person would recognise, or by content.
import { describe, expect, it } from 'vitest'
import { editDistance, findColumns } from '../../src/core/import/csv-columns'

describe('CSV columns found by what they hold', () => {
  it('finds a time column by its [hh:mm:ss] values whatever its header, and near-miss names for speaker and words', () => {
    expect(findColumns(['  ', 'spekaer', 'wrods', 'tags'], [['[00:00:01]', 'AB', 'Hello there, how are you?', '']])).toEqual({ time: 0, speaker: 1, words: 2, tags: 3 })
    expect(findColumns(['notes', 'Speakr', 'Word', 'tgas'], [['[0:01]', 'AB', 'Hi', 'x'], ['00:00:05', 'CD', 'Bye', '']])).toEqual({ time: 0, speaker: 1, words: 2, tags: 3 })
    // Unrelated names stay unrelated: a column called "said" is not "words".
    expect(findColumns(['time', 'who', 'said'], [['[00:01]', 'DB', 'hello']])).toMatchObject({ words: -1 })
  })

  it('finds blank-headed words and speaker columns by their values', () => {
    const r = findColumns(['', '', ''], [
      ['[00:00:01]', 'AB', 'This is a long sentence that somebody said in the interview.'],
      ['[00:00:09]', 'CD', 'And this is the answer, which is also a sentence of some length.'],
      ['', 'AB', 'A third row, continuing the conversation at length.']
    ])
    expect(r).toEqual({ time: 0, speaker: 1, words: 2, tags: -1 })
  })

  it('counts an adjacent swap as one slip', () => {
    expect(editDistance('speaker', 'spekaer')).toBe(1)
    expect(editDistance('words', 'wrods')).toBe(1)
    expect(editDistance('time', 'tags')).toBe(3)
  })
})
