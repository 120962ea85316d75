// Interview dates as reporters type them, in English, Russian and Kazakh, to ISO YYYY-MM-DD.
// Only unambiguous forms are converted; "03/04/2023" (March or April?) is left as written.

const MONTHS: ReadonlyArray<readonly [number, readonly string[]]> = [
  [1, ['january', 'jan', 'января', 'январь', 'янв', 'қаңтар', 'қаңтардың']],
  [2, ['february', 'feb', 'февраля', 'февраль', 'фев', 'ақпан', 'ақпанның']],
  [3, ['march', 'mar', 'марта', 'март', 'мар', 'наурыз', 'наурыздың']],
  [4, ['april', 'apr', 'апреля', 'апрель', 'апр', 'сәуір', 'сәуірдің']],
  [5, ['may', 'мая', 'май', 'мамыр', 'мамырдың']],
  [6, ['june', 'jun', 'июня', 'июнь', 'июн', 'маусым', 'маусымның']],
  [7, ['july', 'jul', 'июля', 'июль', 'июл', 'шілде', 'шілденің']],
  [8, ['august', 'aug', 'августа', 'август', 'авг', 'тамыз', 'тамыздың']],
  [9, ['september', 'sep', 'sept', 'сентября', 'сентябрь', 'сен', 'сент', 'қыркүйек', 'қыркүйектің']],
  [10, ['october', 'oct', 'октября', 'октябрь', 'окт', 'қазан', 'қазанның']],
  [11, ['november', 'nov', 'ноября', 'ноябрь', 'ноя', 'қараша', 'қарашаның']],
  [12, ['december', 'dec', 'декабря', 'декабрь', 'дек', 'желтоқсан', 'желтоқсанның']]
]

const MONTH_BY_NAME = new Map<string, number>(MONTHS.flatMap(([n, names]) => names.map((name) => [name, n] as const)))

function iso(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || year < 1000 || year > 9999) return null
  const probe = new Date(Date.UTC(year, month - 1, day))
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

function monthOf(word: string): number | null {
  return MONTH_BY_NAME.get(word.toLowerCase().replace(/\.$/, '')) ?? null
}

// Each pattern is anchored, with bounded repetition, over a short value.
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.+\-Z]{0,30})?$/
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s?(?:г\.?|года|ж\.?|жыл))?$/
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/
const DAY_MONTH_YEAR = /^(\d{1,2})(?:st|nd|rd|th)?\s+([\p{L}.]{3,14}),?\s+(\d{4})(?:\s?(?:г\.?|года|ж\.?))?$/u
const MONTH_DAY_YEAR = /^([\p{L}.]{3,14})\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/u
const YEAR_DAY_MONTH = /^(\d{4})\s?(?:жылғы|ж\.|ж|г\.|года)?\s+(\d{1,2})\s+([\p{L}]{3,14})$/u

/** ISO `YYYY-MM-DD` when the text is a recognisable date, otherwise null. */
export function toIsoDate(raw: string): string | null {
  const s = raw.trim().replace(/\s+/g, ' ').replace(/[.,;]$/, '')
  if (s.length > 60) return null
  let m = ISO_DATE.exec(s)
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]))
  m = DOTTED.exec(s)
  if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]))
  m = SLASHED.exec(s)
  if (m) {
    const a = Number(m[1])
    const b = Number(m[2])
    // Only when one reading is impossible: 20/03/2023 is day-first, 03/20/2023 month-first.
    if (a > 12 && b <= 12) return iso(Number(m[3]), b, a)
    if (b > 12 && a <= 12) return iso(Number(m[3]), a, b)
    return a === b ? iso(Number(m[3]), a, b) : null
  }
  m = DAY_MONTH_YEAR.exec(s)
  if (m) {
    const month = monthOf(m[2] ?? '')
    return month === null ? null : iso(Number(m[3]), month, Number(m[1]))
  }
  m = MONTH_DAY_YEAR.exec(s)
  if (m) {
    const month = monthOf(m[1] ?? '')
    return month === null ? null : iso(Number(m[3]), month, Number(m[2]))
  }
  m = YEAR_DAY_MONTH.exec(s)
  if (m) {
    const month = monthOf(m[3] ?? '')
    return month === null ? null : iso(Number(m[1]), month, Number(m[2]))
  }
  return null
}

/** The date normalised when recognisable, else the text as written (the archive keeps both kinds). */
export function normalizeDate(raw: string): string {
  return toIsoDate(raw) ?? raw.trim()
}

/**
 * The one date a free description mentions ("Recorded 2023-04-10 in Almaty."), or null when it
 * mentions none or several: a wrong date on an interview is worse than none.
 */
export function findSingleDate(description: string): string | null {
  // The date of a recording sits in the first lines of its description, never deep in a long one.
  const text = description.slice(0, 5000)
  const found = new Set<string>()
  for (const m of text.matchAll(/\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\.\d{1,2}\.\d{4}\b/g)) {
    const d = toIsoDate(m[0])
    if (d !== null) found.add(d)
  }
  for (const m of text.matchAll(/\b(\d{1,2})\s+([\p{L}]{3,14})\s+(\d{4})\b/gu)) {
    const d = toIsoDate(m[0])
    if (d !== null) found.add(d)
  }
  for (const m of text.matchAll(/\b([\p{L}]{3,14})\s+(\d{1,2}),\s+(\d{4})\b/gu)) {
    const d = toIsoDate(m[0])
    if (d !== null) found.add(d)
  }
  return found.size === 1 ? ([...found][0] ?? null) : null
}
