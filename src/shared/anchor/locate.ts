// Finding a quote's words again in a transcript that changed. Candidates must sit on whole-word
// edges: letters that match only inside a longer word are different words.
import { isInsideWord } from './word-edges'

export interface Window {
  readonly from: number
  readonly to: number
}

/** Positions where `needle` occurs within the window without cutting a word at either edge. */
export function occurrences(haystack: string, needle: string, window: Window, edges: { start: boolean; end: boolean } = { start: true, end: true }): number[] {
  const found: number[] = []
  if (needle.length === 0) return found
  let at = haystack.indexOf(needle, window.from)
  while (at >= 0 && at + needle.length <= window.to) {
    const cleanStart = !edges.start || !isInsideWord(haystack, at)
    const cleanEnd = !edges.end || !isInsideWord(haystack, at + needle.length)
    if (cleanStart && cleanEnd) found.push(at)
    at = haystack.indexOf(needle, at + 1)
  }
  return found
}

/** The candidate closest to where the words were expected; the earlier one on a tie. */
export function nearest(candidates: readonly number[], expected: number): number | undefined {
  let best: number | undefined
  for (const candidate of candidates) {
    if (best === undefined || Math.abs(candidate - expected) < Math.abs(best - expected)) best = candidate
  }
  return best
}

export interface PartialMatch {
  /** Where the matched part starts in the haystack. */
  readonly at: number
  readonly length: number
}

// Shorter pieces of a quote match too much of any transcript to say where the quote went.
const MIN_PIECE = 4

function firstWordLength(text: string): number {
  const match = /^[\p{L}\p{N}\p{M}]+/u.exec(text)
  return match ? match[0].length : 1
}

function lastWordLength(text: string): number {
  const match = /[\p{L}\p{N}\p{M}]+$/u.exec(text)
  return match ? match[0].length : 1
}

/**
 * How much of the quote's beginning still stands exactly where it began. Right where the quote was,
 * even a short first word that survived is good evidence, so one whole word is enough here.
 */
export function headAt(haystack: string, text: string, at: number): PartialMatch | null {
  let length = 0
  while (length < text.length && at + length < haystack.length && haystack.charCodeAt(at + length) === text.charCodeAt(length)) length++
  return length > 0 && length >= Math.min(MIN_PIECE, firstWordLength(text)) ? { at, length } : null
}

/** How much of the quote's ending still stands exactly where it ended (`end` is exclusive). */
export function tailAt(haystack: string, text: string, end: number): PartialMatch | null {
  let length = 0
  while (length < text.length && end - length > 0 && haystack.charCodeAt(end - 1 - length) === text.charCodeAt(text.length - 1 - length)) length++
  return length > 0 && length >= Math.min(MIN_PIECE, lastWordLength(text)) ? { at: end - length, length } : null
}

/**
 * The longest beginning of `text` found in the window (starting on a word edge), closest to
 * `expected`. Occurring is monotone in length, so a binary search over lengths is exact.
 */
export function longestHead(haystack: string, text: string, window: Window, expected: number): PartialMatch | null {
  const found = (length: number): number[] => occurrences(haystack, text.slice(0, length), window, { start: true, end: false })
  return longestPiece(text.length, found, expected, (at) => at)
}

/** The longest ending of `text` found in the window (ending on a word edge), closest to `expected` (an end position). */
export function longestTail(haystack: string, text: string, window: Window, expected: number): PartialMatch | null {
  const found = (length: number): number[] => occurrences(haystack, text.slice(text.length - length), window, { start: false, end: true })
  return longestPiece(text.length, found, expected, (at, length) => at + length)
}

function longestPiece(
  fullLength: number,
  found: (length: number) => number[],
  expected: number,
  reference: (at: number, length: number) => number
): PartialMatch | null {
  const min = Math.min(MIN_PIECE, fullLength)
  if (min === 0 || found(min).length === 0) return null
  let low = min
  let high = fullLength
  while (low < high) {
    const mid = (low + high + 1) >> 1
    if (found(mid).length > 0) low = mid
    else high = mid - 1
  }
  const candidates = found(low)
  let best: number | undefined
  for (const at of candidates) {
    const distance = Math.abs(reference(at, low) - expected)
    if (best === undefined || distance < Math.abs(reference(best, low) - expected)) best = at
  }
  return best === undefined ? null : { at: best, length: low }
}
