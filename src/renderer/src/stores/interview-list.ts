// The interview list's sorting and filtering: pure, so it is tested without a page.
import type { Interview } from '../../../shared/model'

export interface InterviewFilter {
  /** Words in the title, place, interviewer or notes. */
  text: string
  speaker: string
  language: string
  consent: '' | Interview['consent']
}

export interface InterviewSort {
  by: 'title' | 'date' | 'imported' | 'speakers' | 'language' | 'consent' | 'segments'
  descending: boolean
}

const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase()

/** The interviews a filter lets through, in the order asked for; ties keep the archive's order. */
export function listInterviews(items: readonly Interview[], filter: InterviewFilter, sort: InterviewSort): Interview[] {
  const words = fold(filter.text).split(/\s+/).filter(Boolean)
  const kept = items.filter((i) => {
    if (filter.speaker && !i.speakers.includes(filter.speaker)) return false
    if (filter.language && i.language !== filter.language) return false
    if (filter.consent && i.consent !== filter.consent) return false
    if (!words.length) return true
    const hay = fold([i.title, i.place, i.interviewer, i.notes].filter(Boolean).join(' '))
    return words.every((w) => hay.includes(w))
  })
  const text = (a: string | undefined, b: string | undefined): number => {
    // Blank values go last whichever way the list is sorted.
    if (!a || !b) return !a && !b ? 0 : !a ? 1 : -1
    return a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true })
  }
  const compare: Record<InterviewSort['by'], (a: Interview, b: Interview) => number> = {
    title: (a, b) => text(a.title, b.title),
    date: (a, b) => text(a.date, b.date),
    imported: (a, b) => a.createdAt.localeCompare(b.createdAt),
    speakers: (a, b) => text(a.speakers.join(', '), b.speakers.join(', ')),
    language: (a, b) => text(a.language, b.language),
    consent: (a, b) => a.consent.localeCompare(b.consent),
    segments: (a, b) => a.segmentCount - b.segmentCount
  }
  const by = compare[sort.by]
  const order = new Map(items.map((i, n) => [i.id, n]))
  return kept.sort((a, b) => {
    const blankA = sort.by === 'date' ? !a.date : sort.by === 'language' ? !a.language : false
    const blankB = sort.by === 'date' ? !b.date : sort.by === 'language' ? !b.language : false
    if (blankA !== blankB) return blankA ? 1 : -1
    const c = by(a, b)
    return (sort.descending ? -c : c) || (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0)
  })
}
