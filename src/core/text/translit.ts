// Names cross scripts: a reporter writes "Lena Moretti" in one file and "Лена Моретти" in another,
// a claim about Khabar must find "Хабар". Two maintained libraries do the letter work:
// @sindresorhus/transliterate (Cyrillic → Latin, with our Kazakh letters added, since it leaves
// ә қ ң … as they are) and cyrillic-to-translit-js (Latin → Russian Cyrillic, its `reverse`).
import transliterate from '@sindresorhus/transliterate'
import CyrillicToTranslit from 'cyrillic-to-translit-js'

/** Kazakh letters the transliteration library leaves alone, as Kazakh's own Latin alphabet writes them. */
const KAZAKH: [string, string][] = [
  ['ә', 'a'], ['Ә', 'A'], ['ғ', 'g'], ['Ғ', 'G'], ['қ', 'q'], ['Қ', 'Q'], ['ң', 'n'], ['Ң', 'N'],
  ['ө', 'o'], ['Ө', 'O'], ['ұ', 'u'], ['Ұ', 'U'], ['ү', 'u'], ['Ү', 'U'], ['һ', 'h'], ['Һ', 'H'], ['і', 'i'], ['І', 'I']
]

const toRussian = CyrillicToTranslit({ preset: 'ru' })

export type Script = 'latin' | 'cyrillic' | 'other'

export function scriptOf(text: string): Script {
  if (/\p{Script=Cyrillic}/u.test(text)) return 'cyrillic'
  if (/\p{Script=Latin}/u.test(text)) return 'latin'
  return 'other'
}

/** Latin letters for any text (Cyrillic, Kazakh, accented Latin). */
export function toLatin(text: string): string {
  return transliterate(text, { customReplacements: KAZAKH })
}

/**
 * A spelling-blind key for comparing one name across scripts: Latin, lower case, and the spellings
 * transliteration schemes disagree on made one (kh/h, ts/c, q/k, y before a vowel, doubled letters).
 * Used only to compare names written in different scripts, never to merge two Latin spellings.
 */
export function nameSkeleton(text: string): string {
  return toLatin(text)
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/['’ʹʺ`]/g, '')
    .replace(/kh/g, 'h')
    .replace(/(ts|tz)/g, 'c')
    .replace(/q/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/(^|[^a-z])y(?=[aeiou])/g, '$1')
    .replace(/y/g, 'i')
    .replace(/([a-z])\1+/g, '$1')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

/** How a Latin word may be written in Russian Cyrillic: "Khabar" gives "Хабар". */
export function toCyrillic(text: string): string {
  return toRussian.reverse(text)
}

/** Two names in different scripts that read the same: "Lena Moretti" and "Лена Моретти". */
export function sameNameAcrossScripts(a: string, b: string): boolean {
  const sa = scriptOf(a)
  const sb = scriptOf(b)
  if (sa === sb || sa === 'other' || sb === 'other') return false
  const ka = nameSkeleton(a)
  return ka.length >= 3 && ka === nameSkeleton(b)
}
