// Whether a position sits inside a word. Relocating a quote must not land on the same letters
// inside a longer word ("war" in "award") and must notice when a correction glued a word onto the
// quote's edge ("Khabar" became "Khabarovsk"): both would show different words under the same text.

// Combining marks count as word characters so that a boundary between a letter and its accent is
// never taken for the end of a word.
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u

function codePointBefore(text: string, position: number): string {
  if (position <= 0) return ''
  const low = text.charCodeAt(position - 1)
  if (low >= 0xdc00 && low <= 0xdfff && position >= 2) return text.slice(position - 2, position)
  return text.charAt(position - 1)
}

function codePointAfter(text: string, position: number): string {
  const code = text.codePointAt(position)
  return code === undefined ? '' : String.fromCodePoint(code)
}

export function isWordChar(char: string): boolean {
  return WORD_CHAR.test(char)
}

/** True when `position` falls between two characters of one word, or inside a surrogate pair. */
export function isInsideWord(text: string, position: number): boolean {
  if (position <= 0 || position >= text.length) return false
  const before = text.charCodeAt(position - 1)
  const after = text.charCodeAt(position)
  if (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff) return true
  return isWordChar(codePointBefore(text, position)) && isWordChar(codePointAfter(text, position))
}

/** Widens `[start, end)` to whole words at whichever edges sit inside one. */
export function widenToWords(text: string, start: number, end: number): [number, number] {
  let s = start
  let e = end
  while (s > 0 && isInsideWord(text, s)) s -= codePointBefore(text, s).length || 1
  while (e < text.length && isInsideWord(text, e)) e += codePointAfter(text, e).length || 1
  return [s, e]
}
