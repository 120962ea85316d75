// Phrase and highlighting rules on text: where the query's words and phrases stand in a hit's text
// (highlights and the snippet), and what a phrase means, word for word, for filters and titles.
import { fold } from './fold'
import { tokensWithOffsets, type Token } from './tokenize'
import type { WordSequence } from './query'
import type { Snippet, TextRange } from '../../shared/search'

export type { TextRange }

function tokenMatches(token: string, wanted: string, prefix: boolean): boolean {
  return prefix ? token.startsWith(wanted) : token === wanted
}

/** Every place the sequence occurs in `tokens`, as original-text ranges. */
export function sequenceRanges(tokens: readonly Token[], sequence: WordSequence): TextRange[] {
  const n = sequence.tokens.length
  const ranges: TextRange[] = []
  for (let i = 0; i + n <= tokens.length; i++) {
    let all = true
    for (let k = 0; k < n && all; k++) {
      all = tokenMatches(tokens[i + k]?.term ?? '', sequence.tokens[k] ?? '', sequence.prefixLast && k === n - 1)
    }
    if (all) ranges.push({ start: tokens[i]?.start ?? 0, end: tokens[i + n - 1]?.end ?? 0 })
  }
  return ranges
}

const patterns = new WeakMap<WordSequence, RegExp>()

/**
 * The words in order with only non-word characters between them, as a pattern on folded text:
 * checking a candidate this way allocates nothing per word, and a phrase of common words can have
 * hundreds of thousands of candidates. Folded words are letters and digits only, so they need no
 * escaping.
 */
function patternOf(sequence: WordSequence): RegExp {
  let pattern = patterns.get(sequence)
  if (!pattern) {
    const body = sequence.tokens.join('[^\\p{L}\\p{N}]+')
    const end = sequence.prefixLast ? '' : '(?![\\p{L}\\p{N}])'
    pattern = new RegExp(`(?<![\\p{L}\\p{N}])${body}${end}`, 'u')
    patterns.set(sequence, pattern)
  }
  return pattern
}

export function containsSequence(text: string, sequence: WordSequence): boolean {
  return sequence.tokens.length > 0 && patternOf(sequence).test(fold(text))
}

/** Ranges of the query's words (whole, or begun, for a word being typed) and phrases, merged and in order. */
export function highlightRanges(text: string, words: ReadonlyArray<{ token: string; prefix: boolean }>, phrases: readonly WordSequence[]): TextRange[] {
  if (!text || (words.length === 0 && phrases.length === 0)) return []
  const tokens = tokensWithOffsets(text)
  const ranges: TextRange[] = tokens
    .filter((t) => words.some((w) => tokenMatches(t.term, w.token, w.prefix)))
    .map(({ start, end }) => ({ start, end }))
  for (const phrase of phrases) ranges.push(...sequenceRanges(tokens, phrase))
  ranges.sort((a, b) => a.start - b.start || b.end - a.end)
  const merged: TextRange[] = []
  for (const range of ranges) {
    const last = merged[merged.length - 1]
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end)
    else merged.push({ ...range })
  }
  return merged
}

/** Whether `terms` (folded words in order) hold the sequence anywhere. */
export function termsHoldSequence(terms: readonly string[], sequence: WordSequence): boolean {
  const n = sequence.tokens.length
  for (let i = 0; i + n <= terms.length; i++) {
    let all = true
    for (let k = 0; k < n && all; k++) all = tokenMatches(terms[i + k] ?? '', sequence.tokens[k] ?? '', sequence.prefixLast && k === n - 1)
    if (all) return true
  }
  return false
}

// One Snippet type for the core that makes it and every caller that shows it (shared/search.ts).
export type { Snippet }

const CONTEXT = 80

/** A window of plain text around the first highlighted range, cut at spaces where it can be. */
export function snippetOf(field: string, text: string, ranges: readonly TextRange[]): Snippet {
  const first = ranges[0]
  if (!first) {
    const cut = cutAfter(text, 0, 2 * CONTEXT)
    return { field, before: '', match: '', after: cut }
  }
  let from = Math.max(0, first.start - CONTEXT)
  if (from > 0) {
    const space = text.indexOf(' ', from)
    if (space >= 0 && space < first.start) from = space + 1
  }
  const before = (from > 0 ? '…' : '') + text.slice(from, first.start)
  return { field, before, match: text.slice(first.start, first.end), after: cutAfter(text, first.end, CONTEXT) }
}

function cutAfter(text: string, from: number, length: number): string {
  if (text.length - from <= length) return text.slice(from)
  let to = from + length
  const space = text.lastIndexOf(' ', to)
  if (space > from) to = space
  return `${text.slice(from, to)}…`
}
