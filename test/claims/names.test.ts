import { describe, expect, it } from 'vitest'
import { crossScriptSpellings, termsOf } from '../../src/core/text/terms'
import { sameNameAcrossScripts, toCyrillic } from '../../src/core/text/translit'

describe('one name across scripts', () => {
  it.each([
    ['Lena Moretti', 'Лена Моретти'],
    ['Olga Kravets', 'Ольга Кравец'],
    ['Yerlan Dzhaksybekov', 'Ерлан Джаксыбеков'],
    ['Marat Seitkali', 'Марат Сейтқали'],
    ['Dana Abilkasymova', 'Дана Әбілқасымова'],
    ['Sam Okafor', 'Сэм Окафор'],
    ['Khabar', 'Хабар']
  ])('%s is %s', (latin, cyrillic) => {
    expect(sameNameAcrossScripts(latin, cyrillic)).toBe(true)
  })

  it('never joins two spellings in one script, nor two different people', () => {
    expect(sameNameAcrossScripts('Lena Moretti', 'Lena Moreti')).toBe(false)
    expect(sameNameAcrossScripts('Saule Bekova', 'Сабина Бекова')).toBe(false)
    expect(sameNameAcrossScripts('Omarov', 'Омарова')).toBe(false)
  })

  it('writes Latin names in Cyrillic to look them up, cut to meet declined forms', () => {
    expect(toCyrillic('Khabar')).toBe('Хабар')
    expect(toCyrillic('Mostostroy')).toBe('Мостострой')
    expect(crossScriptSpellings('Mostostroy')).toContain('Мостостр')
  })

  it('takes names from a statement, but not an ordinary word that starts a sentence', () => {
    const names = (t: string) => termsOf(t).filter((x) => x.name).map((x) => x.text)
    expect(names('Khabar was the first pro-government channel')).toEqual(['Khabar'])
    expect(names('Officials released the names of 238 victims')).toEqual([])
    expect(names('About 2,500 CSTO troops had arrived by 6 January 2022')).toEqual(['CSTO'])
  })
})
