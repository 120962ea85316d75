// The search box's language: words (all must match), "quoted phrases" (the words in that order),
// and filters `speaker:`, `tag:`, `interview:`, `kind:` with a bare or quoted value. The query is
// re-run on every keystroke, so whatever was typed last, unless followed by a space or a closing
// quote, is still being typed and matches as a prefix: `kazak` finds Kazakh. A phrase left open
// ("people had co) is a phrase whose last word is still being typed.
import { tokenize } from './tokenize'

export type HitKind = 'segment' | 'quote' | 'source' | 'interview'

export interface WordSequence {
  /** Folded words, in order. */
  tokens: string[]
  /** The last word is still being typed. */
  prefixLast: boolean
}

export interface ParsedQuery {
  /** Single words; any order, all required. */
  words: Array<{ token: string; prefix: boolean }>
  /** Words that must appear together in this order (a quoted phrase, or `2,500` typed as one). */
  phrases: WordSequence[]
  speakers: WordSequence[]
  /** Raw values: resolved against the codebook. */
  tags: string[]
  /** Raw values: an interview id or words of its title. */
  interviews: string[]
  kinds: HitKind[]
}

const FILTERS = new Set(['speaker', 'tag', 'interview', 'kind'])
const OPENING_QUOTES = '"“„«'
const CLOSING_QUOTES = '"”“»'
const KIND_NAMES: Readonly<Record<string, HitKind>> = {
  segment: 'segment', segments: 'segment', transcript: 'segment', transcripts: 'segment',
  quote: 'quote', quotes: 'quote',
  source: 'source', sources: 'source',
  interview: 'interview', interviews: 'interview'
}

// Expanding a one-letter prefix would visit a large share of the whole vocabulary on every keystroke.
export const MIN_PREFIX_LENGTH = 2

const isSpace = (char: string): boolean => /\s/u.test(char)

interface Piece {
  filter?: string
  value: string
  quoted: boolean
  /** The piece runs to the end of the query with nothing after it: it is being typed. */
  open: boolean
}

function readQuoted(query: string, from: number): { value: string; next: number; closed: boolean } {
  let at = from
  while (at < query.length && !CLOSING_QUOTES.includes(query[at] ?? '')) at++
  return { value: query.slice(from, at), next: at + 1, closed: at < query.length }
}

function pieces(query: string): Piece[] {
  const found: Piece[] = []
  let at = 0
  while (at < query.length) {
    const char = query[at] ?? ''
    if (isSpace(char)) {
      at++
      continue
    }
    if (OPENING_QUOTES.includes(char)) {
      const { value, next, closed } = readQuoted(query, at + 1)
      found.push({ value, quoted: true, open: !closed })
      at = next
      continue
    }
    const filter = /^([A-Za-z]+):/.exec(query.slice(at))
    const name = filter?.[1]?.toLowerCase()
    if (filter && name && FILTERS.has(name)) {
      const valueAt = at + filter[0].length
      if (OPENING_QUOTES.includes(query[valueAt] ?? '')) {
        const { value, next, closed } = readQuoted(query, valueAt + 1)
        found.push({ filter: name, value, quoted: true, open: !closed })
        at = next
        continue
      }
      let end = valueAt
      while (end < query.length && !isSpace(query[end] ?? '')) end++
      found.push({ filter: name, value: query.slice(valueAt, end), quoted: false, open: end === query.length })
      at = end
      continue
    }
    let end = at
    while (end < query.length && !isSpace(query[end] ?? '') && !OPENING_QUOTES.includes(query[end] ?? '')) end++
    found.push({ value: query.slice(at, end), quoted: false, open: end === query.length })
    at = end
  }
  return found
}

export function parseQuery(query: string): ParsedQuery {
  const parsed: ParsedQuery = { words: [], phrases: [], speakers: [], tags: [], interviews: [], kinds: [] }
  const all = pieces(query)
  all.forEach((piece, index) => {
    const typing = piece.open && index === all.length - 1
    const sequence = (value: string): WordSequence | null => {
      const tokens = tokenize(value)
      const last = tokens[tokens.length - 1]
      if (!last) return null
      return { tokens, prefixLast: typing && last.length >= MIN_PREFIX_LENGTH }
    }
    switch (piece.filter) {
      case 'speaker': {
        const words = sequence(piece.value)
        if (words) parsed.speakers.push(words)
        return
      }
      case 'tag':
        if (piece.value.trim()) parsed.tags.push(piece.value.trim())
        return
      case 'interview':
        if (piece.value.trim()) parsed.interviews.push(piece.value.trim())
        return
      case 'kind': {
        // A kind being typed (`kind:quo`) already counts; an unknown one is ignored, not an error.
        const value = piece.value.trim().toLowerCase()
        const name = value ? Object.keys(KIND_NAMES).find((k) => k === value || (typing && k.startsWith(value))) : undefined
        const kind = name ? KIND_NAMES[name] : undefined
        if (kind && !parsed.kinds.includes(kind)) parsed.kinds.push(kind)
        return
      }
    }
    const words = sequence(piece.value)
    if (!words) return
    const only = words.tokens[0]
    if (!piece.quoted && words.tokens.length === 1 && only) parsed.words.push({ token: only, prefix: words.prefixLast })
    else parsed.phrases.push(words)
  })
  return parsed
}

export function isEmptyQuery(q: ParsedQuery): boolean {
  return q.words.length + q.phrases.length + q.speakers.length + q.tags.length + q.interviews.length + q.kinds.length === 0
}
