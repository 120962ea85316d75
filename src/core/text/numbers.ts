// Numbers as people say and type them: "2,500", "2 500", "2.5 thousand", "two and a half thousand",
// "nearly three thousand", "двенадцать", "две с половиной тысячи", "екі мың бес жүз", "90%",
// "ninety percent". A claim and a transcript rarely write a figure the same way; this finds the
// value behind each spelling so that 2,500 in a claim meets "about 2,500" and "две с половиной
// тысячи" in a transcript.
//
// Why our own reader: number-word libraries on npm turn numbers into words (n2words, which the
// tests use as the oracle: every number it spells in English or Russian must read back as itself)
// or read English only; none reads Russian case forms or Kazakh. The vocabulary below is small and
// closed, and the property tests hold it to n2words' spellings.

import { memo } from './memo'

export interface NumberMention {
  value: number
  /** Where the figure (with its qualifier) stands in the text, end exclusive. */
  start: number
  end: number
  text: string
  /** "about", "nearly", "около": the speaker gives it as a round figure. */
  approx: boolean
  /** "more than 300", "менее ста": a bound rather than a figure. */
  bound?: 'more' | 'less'
  percent: boolean
}

interface Word {
  text: string
  lower: string
  start: number
  end: number
}

type NumberWord =
  | { kind: 'unit'; value: number }
  | { kind: 'hundred' }
  | { kind: 'scale'; value: number }
  | { kind: 'half' }
  | { kind: 'and' }
  | { kind: 'a' }

const UNITS_EN: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, dozen: 12
}
const SCALES_EN: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 }

/**
 * Russian numerals by the stem every case form shares (двенадцать, двенадцати, двенадцатью), longest
 * first so that "двадцат" is not read as "дв". Each entry is a regular expression over the whole word.
 */
const RUSSIAN: [RegExp, NumberWord][] = [
  [/^(ноль|нол[ья]|нулю|нулем)$/, { kind: 'unit', value: 0 }],
  [/^(один|одна|одно|одного|одной|одному|одним|одною|одном|одну|одни|одних)$/, { kind: 'unit', value: 1 }],
  [/^(два|две|двух|двум|двумя)$/, { kind: 'unit', value: 2 }],
  [/^(три|тр[её]х|тр[её]м|тремя)$/, { kind: 'unit', value: 3 }],
  [/^(четыре|четыр[её]х|четыр[её]м|четырьмя)$/, { kind: 'unit', value: 4 }],
  [/^(пять|пяти|пятью)$/, { kind: 'unit', value: 5 }],
  [/^(шесть|шести|шестью)$/, { kind: 'unit', value: 6 }],
  [/^(семь|семи|семью)$/, { kind: 'unit', value: 7 }],
  [/^(восемь|восьми|восемью|восьмью)$/, { kind: 'unit', value: 8 }],
  [/^(девять|девяти|девятью)$/, { kind: 'unit', value: 9 }],
  [/^(десять|десяти|десятью)$/, { kind: 'unit', value: 10 }],
  [/^одиннадцат[ьиюь]$/, { kind: 'unit', value: 11 }],
  [/^двенадцат[ьию]$/, { kind: 'unit', value: 12 }],
  [/^тринадцат[ьию]$/, { kind: 'unit', value: 13 }],
  [/^четырнадцат[ьию]$/, { kind: 'unit', value: 14 }],
  [/^пятнадцат[ьию]$/, { kind: 'unit', value: 15 }],
  [/^шестнадцат[ьию]$/, { kind: 'unit', value: 16 }],
  [/^семнадцат[ьию]$/, { kind: 'unit', value: 17 }],
  [/^восемнадцат[ьию]$/, { kind: 'unit', value: 18 }],
  [/^девятнадцат[ьию]$/, { kind: 'unit', value: 19 }],
  [/^двадцат[ьию]$/, { kind: 'unit', value: 20 }],
  [/^тридцат[ьию]$/, { kind: 'unit', value: 30 }],
  [/^(сорок|сорока)$/, { kind: 'unit', value: 40 }],
  [/^(пятьдесят|пятидесяти|пятьюдесятью)$/, { kind: 'unit', value: 50 }],
  [/^(шестьдесят|шестидесяти|шестьюдесятью)$/, { kind: 'unit', value: 60 }],
  [/^(семьдесят|семидесяти|семьюдесятью)$/, { kind: 'unit', value: 70 }],
  [/^(восемьдесят|восьмидесяти|восемьюдесятью)$/, { kind: 'unit', value: 80 }],
  [/^(девяносто|девяноста)$/, { kind: 'unit', value: 90 }],
  [/^(сто|ста)$/, { kind: 'unit', value: 100 }],
  [/^(двести|двухсот|двумстам|двумястами|двухстах)$/, { kind: 'unit', value: 200 }],
  [/^(триста|тр[её]хсот|тр[её]мстам|тремястами|тр[её]хстах)$/, { kind: 'unit', value: 300 }],
  [/^(четыреста|четыр[её]хсот|четыр[её]мстам|четырьмястами|четыр[её]хстах)$/, { kind: 'unit', value: 400 }],
  [/^(пятьсот|пятисот|пятистам|пятьюстами|пятистах)$/, { kind: 'unit', value: 500 }],
  [/^(шестьсот|шестисот|шестистам|шестьюстами|шестистах)$/, { kind: 'unit', value: 600 }],
  [/^(семьсот|семисот|семистам|семьюстами|семистах)$/, { kind: 'unit', value: 700 }],
  [/^(восемьсот|восьмисот|восьмистам|восемьюстами|восьмьюстами|восьмистах)$/, { kind: 'unit', value: 800 }],
  [/^(девятьсот|девятисот|девятистам|девятьюстами|девятистах)$/, { kind: 'unit', value: 900 }],
  [/^(тысяч[аиуеь]?|тысячей|тысячам[и]?|тысячах|тыс)$/, { kind: 'scale', value: 1e3 }],
  [/^(миллион|миллиона|миллионов|миллиону|миллионом|миллионе|миллионы|миллионам|млн)$/, { kind: 'scale', value: 1e6 }],
  [/^(миллиард|миллиарда|миллиардов|миллиарду|миллиардом|миллиарде|миллиарды|млрд)$/, { kind: 'scale', value: 1e9 }],
  [/^(половиной|половина|половину)$/, { kind: 'half' }],
  [/^(полтора|полторы|полутора)$/, { kind: 'unit', value: 1.5 }],
  [/^(дюжина|дюжины|дюжину)$/, { kind: 'unit', value: 12 }]
]

/** Kazakh numerals are additive ("екі мың бес жүз" is 2 × 1000 + 5 × 100) and take case endings. */
const KAZAKH: [RegExp, NumberWord][] = [
  [/^нөл/, { kind: 'unit', value: 0 }],
  [/^бір(?:ін|еу)?$/, { kind: 'unit', value: 1 }],
  [/^екі(?:ні|нші|еу)?$/, { kind: 'unit', value: 2 }],
  [/^үш(?:ті|інші|еу)?$/, { kind: 'unit', value: 3 }],
  [/^төрт(?:ті|інші|еу)?$/, { kind: 'unit', value: 4 }],
  [/^бес(?:ті|інші|еу)?$/, { kind: 'unit', value: 5 }],
  [/^алты(?:ны|ншы|ау)?$/, { kind: 'unit', value: 6 }],
  [/^жеті(?:ні|нші|еу)?$/, { kind: 'unit', value: 7 }],
  [/^сегіз(?:ді|інші|еу)?$/, { kind: 'unit', value: 8 }],
  [/^тоғыз(?:ды|ыншы|ау)?$/, { kind: 'unit', value: 9 }],
  [/^он(?:ды|ыншы)?$/, { kind: 'unit', value: 10 }],
  [/^жиырма(?:ны|ншы)?$/, { kind: 'unit', value: 20 }],
  [/^отыз(?:ды|ыншы)?$/, { kind: 'unit', value: 30 }],
  [/^қырық(?:ты|ыншы)?$/, { kind: 'unit', value: 40 }],
  [/^елу(?:ді|інші)?$/, { kind: 'unit', value: 50 }],
  [/^алпыс(?:ты|ыншы)?$/, { kind: 'unit', value: 60 }],
  [/^жетпіс(?:ті|інші)?$/, { kind: 'unit', value: 70 }],
  [/^сексен(?:ді|інші)?$/, { kind: 'unit', value: 80 }],
  [/^тоқсан(?:ды|ыншы)?$/, { kind: 'unit', value: 90 }],
  [/^жүз(?:ді|інші|ден|ге)?$/, { kind: 'hundred' }],
  [/^мың(?:ды|ыншы|нан|ға|нан)?$/, { kind: 'scale', value: 1e3 }],
  [/^миллиард/, { kind: 'scale', value: 1e9 }],
  [/^миллион/, { kind: 'scale', value: 1e6 }],
  [/^жарым$/, { kind: 'half' }]
]

/** Kazakh words that must not be read as numbers although they start like one ("онда" there, "бірақ" but). */
const KAZAKH_NOT_NUMBERS = new Set(['бірақ', 'онда', 'оның', 'оны', 'оған', 'одан', 'онан'])

function numberWord(lower: string, hasKazakh: boolean): NumberWord | null {
  return hasKazakh ? readKazakhOrOther(lower) : readOther(lower)
}

const readOther = memo((lower: string) => readNumberWord(lower, false))
const readKazakhOrOther = memo((lower: string) => readNumberWord(lower, true))

function readNumberWord(lower: string, hasKazakh: boolean): NumberWord | null {
  if (lower === 'and') return { kind: 'and' }
  if (lower === 'a' || lower === 'an') return { kind: 'a' }
  if (lower === 'half') return { kind: 'half' }
  if (lower === 'hundred' || lower === 'hundreds') return lower === 'hundred' ? { kind: 'hundred' } : null
  const en = UNITS_EN[lower]
  if (en !== undefined) return { kind: 'unit', value: en }
  const scale = SCALES_EN[lower]
  if (scale !== undefined) return { kind: 'scale', value: scale }
  if (lower === 'k' || lower === 'm' || lower === 'bn') return null
  if (/^[а-яё]+$/.test(lower)) {
    for (const [re, w] of RUSSIAN) if (re.test(lower)) return w
  }
  if (hasKazakh || /[әғқңөұүһі]/.test(lower)) {
    if (KAZAKH_NOT_NUMBERS.has(lower)) return null
    for (const [re, w] of KAZAKH) if (re.test(lower)) return w
  }
  return null
}

/** A word that only ever counts ("three", "тысячи", "мың"): not a term of what a statement is about. */
export function isNumberWord(word: string): boolean {
  const lower = word.toLowerCase()
  const w = numberWord(lower, /[әғқңөұүһі]/.test(lower))
  return w !== null && w.kind !== 'and' && w.kind !== 'a'
}

const WORD = /[\p{L}\p{M}]+/gu
const DIGITS = /(?<![\p{L}\p{N}.,])(\d{1,3}(?:(?:,|[  \u202f])\d{3})+|\d+)(?:[.,](\d+))?(?![\p{L}\p{N}])/gu
const PERCENT_AFTER = /^\s*(?:%|percent\b|per cent\b|процент\p{L}*|пайыз\p{L}*)/iu
const QUALIFIERS: [RegExp, { approx?: true; bound?: 'more' | 'less' }][] = [
  [/(?:about|around|approximately|roughly|some|nearly|almost|close to|just under|just over|an estimated|estimated|около|примерно|почти|приблизительно|порядка|шамамен|жуық|шамасында)\s*$/iu, { approx: true }],
  [/(?:more than|over|at least|upwards of|in excess of|более|больше|свыше|не менее|как минимум|астам|артық)\s*$/iu, { bound: 'more' }],
  [/(?:fewer than|less than|under|at most|up to|no more than|менее|меньше|до|не более|кем)\s*$/iu, { bound: 'less' }]
]

/** Reads every figure in `text`, in order, digits and words alike. */
export function findNumbers(text: string): NumberMention[] {
  const found: { value: number; start: number; end: number }[] = []
  const words: Word[] = []
  for (const m of text.matchAll(WORD)) words.push({ text: m[0], lower: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length })
  const digitSpans = [...text.matchAll(DIGITS)].map((m) => {
    const whole = m[1] ?? ''
    const frac = m[2]
    // "2,500" and "2 500" group thousands; "2,5" is a decimal comma (Russian, Kazakh).
    const grouped = /[,  \u202f]/.test(whole)
    let value = Number(whole.replace(/[,  \u202f]/g, ''))
    if (frac !== undefined) value = Number(`${whole.replace(/[,  \u202f]/g, '')}.${frac}`)
    if (grouped && frac !== undefined && frac.length === 3 && !whole.includes(',')) value = Number(`${whole.replace(/\s/g, '')}${frac}`)
    return { value, start: m.index, end: m.index + m[0].length }
  })
  const hasKazakh = /[әғқңөұүһі]/i.test(text)
  // Digits, possibly followed by scale words: "2.5 thousand", "3 млн", "2,5 тысячи".
  let wi = 0
  for (const d of digitSpans) {
    while (wi < words.length && (words[wi]?.start ?? 0) < d.end) wi++
    let value = d.value
    let end = d.end
    let j = wi
    while (j < words.length) {
      const w = words[j] as Word
      if (text.slice(end, w.start).trim() !== '' && text.slice(end, w.start).trim() !== '.') break
      const nw = numberWord(w.lower, hasKazakh)
      if (nw?.kind === 'scale') value *= nw.value
      else if (nw?.kind === 'hundred') value *= 100
      else break
      end = w.end + (text[w.end] === '.' && /^(тыс|млн|млрд)$/.test(w.lower) ? 1 : 0)
      j++
    }
    found.push({ value, start: d.start, end })
  }
  // Runs of number words.
  for (let i = 0; i < words.length; ) {
    const run = readWordNumber(words, i, text, hasKazakh)
    if (!run) {
      i++
      continue
    }
    if (!found.some((f) => f.start < run.end && run.start < f.end)) found.push(run)
    i = run.next
  }
  found.sort((a, b) => a.start - b.start)
  return found.map((f) => qualify(text, f))
}

function qualify(text: string, f: { value: number; start: number; end: number }): NumberMention {
  let { start, end } = f
  let percent = false
  const after = PERCENT_AFTER.exec(text.slice(end))
  if (after) {
    percent = true
    end += after[0].length
  }
  const before = text.slice(Math.max(0, start - 30), start)
  let approx = false
  let bound: 'more' | 'less' | undefined
  for (const [re, q] of QUALIFIERS) {
    const m = re.exec(before)
    if (!m) continue
    // A qualifier is its own word: "de-tour 5" is not "tour 5", "под 5" is not "до 5".
    const at = before.length - m[0].length
    if (at > 0 && /[\p{L}\p{N}]/u.test(before[at - 1] ?? '')) continue
    start -= m[0].length
    if (q.approx) approx = true
    if (q.bound) bound = q.bound
    break
  }
  return { value: f.value, start, end, text: text.slice(start, end), approx, ...(bound ? { bound } : {}), percent }
}

/** A unit fits into a group whose places at and below its own are empty: 40 + 2, 100 + 20, not 20 + 20. */
function placeOf(v: number): number {
  if (v < 10) return 10
  if (v < 100) return 100
  return 1000
}

/** A scale word may open a figure on its own only where it means one of it: "тысяча человек", "мың". */
const LONE_SCALE = new Set(['тысяча', 'тысячу', 'миллион', 'миллиард', 'мың'])

/**
 * Reads number words from words[i]: "two thousand five hundred", "two and a half thousand",
 * "a dozen", "две с половиной тысячи", "екі мың бес жүз". The usual accumulator: units add into
 * the current group while they fit its empty places (forty + two, сто + двадцать + один),
 * "hundred" and "dozen" multiply the group, a scale word closes it into the total.
 */
function readWordNumber(words: Word[], i: number, text: string, hasKazakh: boolean): { value: number; start: number; end: number; next: number } | null {
  const at = (k: number): NumberWord | null => (words[k] ? numberWord((words[k] as Word).lower, hasKazakh) : null)
  const first = at(i)
  if (!first) return null
  // "half a million"
  if (first.kind === 'half' && at(i + 1)?.kind === 'a' && at(i + 2)?.kind === 'scale') {
    const scale = at(i + 2) as { kind: 'scale'; value: number }
    return { value: scale.value / 2, start: (words[i] as Word).start, end: (words[i + 2] as Word).end, next: i + 3 }
  }
  const opener = first.kind === 'unit' || first.kind === 'a' || (first.kind === 'scale' && LONE_SCALE.has((words[i] as Word).lower))
  if (!opener) return null
  let total = 0
  let current = 0
  let any = false
  const start = (words[i] as Word).start
  let end = start
  let j = i
  for (; j < words.length; j++) {
    const w = words[j] as Word
    // Words of one number are separated by spaces or hyphens only ("forty-two", "twenty one").
    if (j > i && !/^[\s\-‐]*$/.test(text.slice((words[j - 1] as Word).end, w.start))) break
    // "с половиной": and a half, in Russian.
    if (w.lower === 'с' && any && at(j + 1)?.kind === 'half') continue
    const nw = at(j)
    if (!nw) break
    if (nw.kind === 'and') {
      // "and" joins parts of one number only: "one hundred and one", "two and a half".
      const next = at(j + 1)
      if (!any || !next || next.kind === 'and' || next.kind === 'scale') break
      continue
    }
    if (nw.kind === 'a') {
      // "a" opens a figure only before what counts it: "a hundred", "a thousand", "a dozen", "and a half".
      const next = at(j + 1)
      if (!next || !(next.kind === 'hundred' || next.kind === 'scale' || next.kind === 'half' || (next.kind === 'unit' && next.value === 12))) break
      continue
    }
    if (nw.kind === 'half') {
      if (!any) break
      current += 0.5
      end = w.end
      continue
    }
    if (nw.kind === 'unit') {
      const v = nw.value
      if (v === 12 && (words[j] as Word).lower.startsWith('d')) {
        // "a dozen", "two dozen": a dozen counts what comes before it.
        current = (current || 1) * 12
      } else if (!any || current === 0) current = v
      else if (current % placeOf(v) === 0) current += v
      else break
    } else if (nw.kind === 'hundred') {
      current = (current || 1) * 100
    } else {
      total += (current || 1) * nw.value
      current = 0
    }
    any = true
    end = w.end
  }
  if (!any) return null
  const value = total + current
  // A lone "one" is a pronoun far more often than a figure ("one of the officers").
  if (value === 1 && j === i + 1) return null
  return { value, start, end, next: j }
}

/** Two figures agree: equal, or within 5% when either speaker rounds ("about", "nearly"). */
export function sameFigure(a: NumberMention, b: NumberMention): boolean {
  if (a.percent !== b.percent) return false
  if (a.value === b.value) return true
  const tolerance = a.approx || b.approx || a.bound || b.bound ? 0.05 : 0
  return Math.abs(a.value - b.value) <= tolerance * Math.max(Math.abs(a.value), Math.abs(b.value))
}

/** Prints a figure the way a reader expects: 2,500; 90%. */
export function formatFigure(n: NumberMention): string {
  const digits = Number.isInteger(n.value) ? n.value.toLocaleString('en-US') : String(n.value)
  return n.percent ? `${digits}%` : digits
}
