import { describe, expect, it } from 'vitest'
import { normaliseTagName, tagPath } from '../../src/shared/codebook'

describe('normaliseTagName', () => {
  it.each([
    ['  state media  ', 'state media'],
    ['state \t  media', 'state media'],
    ['state\u00a0media', 'state media'],
    ['state\u200bmedia', 'state media'],
    ['conflict / CSTO', 'conflict/CSTO'],
    ['/conflict//CSTO/', 'conflict/CSTO'],
    [' language  divide / Қазақ   тілі ', 'language divide/Қазақ тілі'],
    ['cafe\u0301', 'café']
  ])('tidies %j to %j', (input, expected) => {
    expect(normaliseTagName(input)).toBe(expected)
  })

  it('keeps case and accents, which are the editor’s spelling', () => {
    expect(normaliseTagName('CSTO')).toBe('CSTO')
    expect(normaliseTagName('Ёлка')).toBe('Ёлка')
  })

  it('is idempotent', () => {
    const once = normaliseTagName(' a /  b  c//d ')
    expect(normaliseTagName(once)).toBe(once)
  })

  it('splits nested names into levels', () => {
    expect(tagPath('conflict / CSTO / troops')).toEqual(['conflict', 'CSTO', 'troops'])
    expect(tagPath(' / ')).toEqual([])
  })
})
