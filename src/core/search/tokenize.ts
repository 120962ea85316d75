// A word is a run of letters and digits after folding; everything else separates words. Apostrophes
// and hyphens split too (`don't` → don, t; `көңіл-күй` → көңіл, күй), identically in the index and
// the query, and a phrase query still finds the pieces next to each other.
import { fold, foldWithOrigins } from './fold'

const WORD = /[\p{L}\p{N}]+/gu
const MARK = /\p{M}/u

export function tokenize(text: string): string[] {
  return fold(text).match(WORD) ?? []
}

export interface Token {
  /** The folded word. */
  term: string
  /** Where the word is in the original text, end exclusive. */
  start: number
  end: number
}

/** Words with their places in the original (unfolded) text, for phrase checks and highlighting. */
export function tokensWithOffsets(text: string): Token[] {
  const { text: folded, origins } = foldWithOrigins(text)
  const tokens: Token[] = []
  for (const match of folded.matchAll(WORD)) {
    const start = origins[match.index] ?? 0
    const last = origins[match.index + match[0].length - 1] ?? start
    // The word ends after its last character and any accents folding dropped from it.
    let end = last + ((text.codePointAt(last) ?? 0) > 0xffff ? 2 : 1)
    while (end < text.length && MARK.test(text[end] ?? '')) end++
    tokens.push({ term: match[0], start, end })
  }
  return tokens
}
