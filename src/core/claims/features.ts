// What a statement asserts, in the parts a checker compares: figures, dates, names and terms.
// A claim and each piece of evidence are read the same way, so "about 2,500" in a claim meets
// "2,500" in a transcript, and "nearly three thousand" is seen to be a different figure.
import { conflictingDates, findDates, sameDate, type DateMention } from '../text/dates'
import { findNumbers, sameFigure, type NumberMention } from '../text/numbers'
import { termsOf, type Term } from '../text/terms'

export interface Figure extends NumberMention {
  /** The stems of the words around the figure (two before, three after, within its sentence): what it counts. */
  context: Set<string>
}

export interface Features {
  figures: Figure[]
  dates: DateMention[]
  terms: Term[]
  stems: Set<string>
}

/** Sentences end at . ! ? … ; followed by a space or the end: "3.2 million" is one sentence. */
function* sentences(text: string): Generator<{ sentence: string; offset: number }> {
  let start = 0
  for (const m of text.matchAll(/[.!?…;]+(?=\s|$)/gu)) {
    const end = m.index + m[0].length
    yield { sentence: text.slice(start, end), offset: start }
    start = end
  }
  if (start < text.length) yield { sentence: text.slice(start), offset: start }
}

/** Years written alone ("in 2022") are dates, not figures a claim counts. */
const isBareYear = (n: NumberMention): boolean =>
  Number.isInteger(n.value) && n.value >= 1800 && n.value <= 2100 && /^\d{4}$/.test(n.text) && !n.percent

export function featuresOf(text: string): Features {
  const dates = findDates(text)
  const figures: Figure[] = []
  for (const { sentence, offset } of sentences(text)) {
    for (const n of findNumbers(sentence)) {
      const start = n.start + offset
      const end = n.end + offset
      if (isBareYear(n)) continue
      // The day of a date ("6 January") is part of the date.
      if (dates.some((d) => d.start < end && start < d.end)) continue
      const before = termsOf(sentence.slice(0, n.start)).slice(-2)
      const after = termsOf(sentence.slice(n.end)).slice(0, 3)
      figures.push({ ...n, start, end, context: new Set([...before, ...after].map((t) => t.stem)) })
    }
  }
  const terms = termsOf(text)
  return { figures, dates, terms, stems: new Set(terms.map((t) => t.stem)) }
}

/** Within a factor of three: 2,500 and 3,000 may be two counts of one thing; 238 and 2,500 are not. */
const comparable = (a: NumberMention, b: NumberMention): boolean =>
  a.percent === b.percent && a.value > 0 && b.value > 0 && Math.max(a.value, b.value) / Math.min(a.value, b.value) <= 3

const sharesContext = (f: Figure, g: Figure): boolean => [...f.context].some((s) => g.context.has(s))

/**
 * How a figure in evidence relates to the claim's figures: `same` when it agrees with one, `differs`
 * when it is a comparable figure for the same thing (its sentence shares a word with the claim),
 * nothing when it is about something else.
 */
export function relateFigure(f: Figure, claim: Features): { relation: 'same' | 'differs'; claimFigure: Figure } | null {
  for (const g of claim.figures) if (sameFigure(f, g)) return { relation: 'same', claimFigure: g }
  for (const g of claim.figures) {
    // "nearly three thousand foreign troops" against "2,500 CSTO troops": both count troops.
    if (comparable(f, g) && sharesContext(f, g)) return { relation: 'differs', claimFigure: g }
  }
  return null
}

export function relateDate(d: DateMention, claim: Features): { relation: 'same' | 'differs'; claimDate: DateMention } | null {
  for (const c of claim.dates) if (sameDate(d, c)) return { relation: 'same', claimDate: c }
  for (const c of claim.dates) if (conflictingDates(d, c)) return { relation: 'differs', claimDate: c }
  return null
}

/** The figures of `text` that speak to the claim, each with the claim figure it answers. */
export function relevantFigures(text: Features, claim: Features): { figure: Figure; claimFigure: Figure; relation: 'same' | 'differs' }[] {
  const out: { figure: Figure; claimFigure: Figure; relation: 'same' | 'differs' }[] = []
  for (const f of text.figures) {
    const r = relateFigure(f, claim)
    if (r) out.push({ figure: f, ...r })
  }
  return out
}

export function relevantDates(text: Features, claim: Features): { date: DateMention; claimDate: DateMention; relation: 'same' | 'differs' }[] {
  const out: { date: DateMention; claimDate: DateMention; relation: 'same' | 'differs' }[] = []
  for (const d of text.dates) {
    const r = relateDate(d, claim)
    if (r) out.push({ date: d, ...r })
  }
  return out
}

export { sameFigure, sameDate, conflictingDates }
