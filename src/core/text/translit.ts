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
    .replace(/d?zh/g, 'j')
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

/** How a Latin word may be written in Russian Cyrillic: "Khabar" gives "Хабар", "Mostostroy" "Мостострой". */
export function toCyrillic(text: string): string {
  // The library reads every y as ы; after a vowel it is й (Mostostroy, Sergey, Nikolay).
  return toRussian.reverse(text.replace(/([aeiouAEIOU])y(?![aeiouAEIOU])/g, '$1ĭ')).replace(/ĭ/g, 'й')
}

/**
 * Whether two skeletons are one name with a different ending: Russian declines names
 * (Мостострой, Мостостроя), so one may run a few letters past the other.
 */
export function sameSkeleton(a: string, b: string): boolean {
  if (a === b) return a.length >= 3
  const [short, long] = a.length <= b.length ? [a, b] : [b, a]
  return short.length >= 5 && long.startsWith(short.slice(0, -1)) && long.length - short.length <= 3
}

/** Two names in different scripts that read the same: "Lena Moretti" and "Лена Моретти". */
export function sameNameAcrossScripts(a: string, b: string): boolean {
  const sa = scriptOf(a)
  const sb = scriptOf(b)
  if (sa === sb || sa === 'other' || sb === 'other') return false
  const ka = nameSkeleton(a)
  const kb = nameSkeleton(b)
  if (ka.length >= 3 && ka === kb) return true
  // English names written in Cyrillic follow the sound, not the letters (Sam, Сэм): for a full
  // name of two or more words, the consonants of every word must agree.
  const wa = ka.split(' ')
  const wb = kb.split(' ')
  return (
    wa.length >= 2 &&
    wa.length === wb.length &&
    wa.join('').replace(/[aeiou]/g, '').length >= 4 &&
    wa.every((w, i) => consonants(w).length >= 1 && consonants(w) === consonants(wb[i] ?? ''))
  )
}

const consonants = (word: string): string => word.replace(/[aeiou]/g, '')

/** A key under which every cross-script spelling of a name files together (sameNameAcrossScripts decides). */
export function looseNameKey(text: string): string {
  return nameSkeleton(text).split(' ').map(consonants).join(' ')
}
