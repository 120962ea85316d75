// Dates as written in English, Russian and Kazakh: "6 January 2022", "January 6", "the sixth of
// January", "2022-01-06", "06.01.2022", "6 января", "в августе", "6 қаңтар". chrono-node reads
// English and Russian; Kazakh month names (which chrono does not know) are read here.
import * as chrono from 'chrono-node'

export interface DateMention {
  year?: number
  month?: number
  day?: number
  start: number
  end: number
  text: string
}

/** Kazakh month stems; case endings follow (қаңтарда, тамыздың). */
const KAZAKH_MONTHS: [string, number][] = [
  ['қаңтар', 1], ['ақпан', 2], ['наурыз', 3], ['сәуір', 4], ['мамыр', 5], ['маусым', 6],
  ['шілде', 7], ['тамыз', 8], ['қыркүйек', 9], ['қазан', 10], ['қараша', 11], ['желтоқсан', 12]
]
const KAZAKH_DATE = new RegExp(
  `(?:(\\d{4})\\s*(?:ж(?:ылы|\\.)?\\s*)?)?(?:(\\d{1,2})[\\s-]*(?:-?(?:ші|шы|інші|ыншы))?\\s+)?(${KAZAKH_MONTHS.map(([m]) => m).join('|')})(?:[а-яәғқңөұүһі]*)(?:\\s+(\\d{4}))?`,
  'giu'
)

/** Words chrono reads as a month that are far more often something else in running text. */
const AMBIGUOUS = /^(may|march|august|sun|mon|sat|wed|jan)$/i

/** Anything that could be a date at all: chrono is only asked about text around what passes this. */
const DATE_ANCHOR =
  '\\d{1,4}[./-]\\d{1,2}|\\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\b|январ|феврал|март|апрел|ма[яйе]|июн|июл|август|сентябр|октябр|ноябр|декабр|қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан'
const MAYBE_DATE = new RegExp(DATE_ANCHOR, 'iu')
const ANCHORS = new RegExp(DATE_ANCHOR, 'giu')

/** How far around a month name or a digit date chrono reads: enough for "the sixth of January 2022". */
const REACH = 40

/** The stretches of `text` around possible dates, merged where they touch. */
function windows(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = []
  for (const m of text.matchAll(ANCHORS)) {
    let start = Math.max(0, m.index - REACH)
    let end = Math.min(text.length, m.index + m[0].length + REACH)
    // Whole words only: a window never starts or ends inside one.
    while (start > 0 && /[\p{L}\p{N}]/u.test(text[start - 1] ?? '')) start--
    while (end < text.length && /[\p{L}\p{N}]/u.test(text[end] ?? '')) end++
    const last = out[out.length - 1]
    if (last && start <= last.end) last.end = Math.max(last.end, end)
    else out.push({ start, end })
  }
  return out
}

const REFERENCE = new Date(Date.UTC(2000, 0, 1))

export function findDates(text: string): DateMention[] {
  if (!MAYBE_DATE.test(text)) return []
  const found: DateMention[] = []
  const push = (d: DateMention): void => {
    if (d.month === undefined) return
    if (found.some((f) => f.start < d.end && d.start < f.end)) return
    found.push(d)
  }
  // Dotted dates are day first wherever they are written that way (Russia, Kazakhstan, Europe);
  // chrono's English parser would read 06.01.2022 as June.
  for (const m of text.matchAll(/(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.])/g)) {
    const day = Number(m[1])
    const month = Number(m[2])
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31) push({ year: Number(m[3]), month, day, start: m.index, end: m.index + m[0].length, text: m[0] })
  }
  // chrono's cost grows with the text it reads: it reads only the stretches around month names
  // and digit dates, and only in the scripts they are written in.
  for (const w of windows(text)) {
    const part = text.slice(w.start, w.end)
    const cyrillic = /[а-яё]/i.test(part)
    const parsers = [...(!cyrillic || /[a-z]/i.test(part) ? [chrono.en.casual] : []), ...(cyrillic ? [chrono.ru.casual] : [])]
    for (const parser of parsers) {
      for (const r of parser.parse(part, REFERENCE)) {
        const c = r.start
        const at = r.index + w.start
        const said = r.text.trim()
        // Relative words ("now", "today", "last week") are not dates a claim can be checked against.
        if (!c.isCertain('month') || !MAYBE_DATE.test(r.text)) continue
        if (AMBIGUOUS.test(said) && said[0] === said[0]?.toLowerCase()) continue
        if (AMBIGUOUS.test(said) && !c.isCertain('day')) {
          // "May" alone, capitalised, at a sentence start is still most likely the verb.
          const before = text.slice(0, at).trimEnd()
          if (before === '' || /[.!?]$/.test(before)) continue
        }
        push({
          ...(c.isCertain('year') ? { year: c.get('year') ?? undefined } : {}),
          month: c.get('month') ?? undefined,
          ...(c.isCertain('day') ? { day: c.get('day') ?? undefined } : {}),
          start: at,
          end: at + r.text.length,
          text: r.text
        })
      }
    }
  }
  for (const m of text.matchAll(KAZAKH_DATE)) {
    const stem = (m[3] ?? '').toLowerCase()
    const month = KAZAKH_MONTHS.find(([s]) => stem.startsWith(s))?.[1]
    if (month === undefined) continue
    const year = m[1] ?? m[4]
    push({
      ...(year ? { year: Number(year) } : {}),
      month,
      ...(m[2] ? { day: Number(m[2]) } : {}),
      start: m.index,
      end: m.index + m[0].length,
      text: m[0]
    })
  }
  return found.sort((a, b) => a.start - b.start)
}

/** The same day (or month) as far as both say: "6 January" matches "6 January 2022". */
export function sameDate(a: DateMention, b: DateMention): boolean {
  if (a.month !== b.month) return false
  if (a.year !== undefined && b.year !== undefined && a.year !== b.year) return false
  if (a.day !== undefined && b.day !== undefined && a.day !== b.day) return false
  return true
}

/** Two mentions of one month that give different days (or one day in different years). */
export function conflictingDates(a: DateMention, b: DateMention): boolean {
  if (a.month !== b.month) return false
  if (a.day !== undefined && b.day !== undefined && a.day !== b.day) return true
  return a.year !== undefined && b.year !== undefined && a.year !== b.year && a.day === b.day
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

export function formatDate(d: DateMention): string {
  return [d.day, MONTHS[(d.month ?? 1) - 1], d.year].filter((x) => x !== undefined).join(' ')
}
