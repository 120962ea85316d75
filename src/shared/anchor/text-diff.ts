// One segment's correction seen as a single replaced block: `old[start, oldEnd)` became
// `new[start, newEnd)`. A common prefix/suffix diff is enough for how transcripts are corrected (a
// word fixed, a sentence added), and when several places changed at once the block simply covers
// them all; reanchor then falls back to looking for the words themselves.

export interface TextEdit {
  readonly start: number
  readonly oldEnd: number
  readonly newEnd: number
}

/**
 * Where a change sits is ambiguous inside a run of repeated characters ("aab" → "ab" removed the
 * first or the second "a"). `right` pushes the block as late as it can go and `left` as early, so a
 * caller that must not mistake an edit beside a quote for one inside it can try both.
 */
export type EditAlignment = 'right' | 'left'

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff

/** Null when the texts are equal. */
export function diffText(oldText: string, newText: string, align: EditAlignment = 'right'): TextEdit | null {
  if (oldText === newText) return null
  const shorter = Math.min(oldText.length, newText.length)
  const commonPrefix = (limit: number): number => {
    let n = 0
    while (n < limit && oldText.charCodeAt(n) === newText.charCodeAt(n)) n++
    // Never split a surrogate pair: an emoji swapped for another sharing its first half is one change.
    if (n > 0 && isHighSurrogate(oldText.charCodeAt(n - 1))) n--
    return n
  }
  const commonSuffix = (limit: number): number => {
    let n = 0
    while (n < limit && oldText.charCodeAt(oldText.length - 1 - n) === newText.charCodeAt(newText.length - 1 - n)) n++
    if (n > 0 && isLowSurrogate(oldText.charCodeAt(oldText.length - n))) n--
    return n
  }
  let prefix: number
  let suffix: number
  if (align === 'right') {
    prefix = commonPrefix(shorter)
    suffix = commonSuffix(shorter - prefix)
  } else {
    suffix = commonSuffix(shorter)
    prefix = commonPrefix(shorter - suffix)
  }
  return { start: prefix, oldEnd: oldText.length - suffix, newEnd: newText.length - suffix }
}

/**
 * Where an offset lands after the edit. A start keeps text inserted exactly at it outside (before)
 * the span and an end keeps it outside (after), so typing beside a quote never grows the quote;
 * an offset inside replaced text goes to the replacement's outer edge so the span covers it.
 */
export function mapOffset(edit: TextEdit | null, offset: number, side: 'start' | 'end'): number {
  if (!edit) return offset
  const delta = edit.newEnd - edit.oldEnd
  if (side === 'start') {
    if (offset < edit.start) return offset
    if (offset >= edit.oldEnd) return offset + delta
    return edit.start
  }
  if (offset <= edit.start) return offset
  if (offset >= edit.oldEnd) return offset + delta
  return edit.newEnd
}

export interface RebasedSpan {
  start: number
  end: number
  /** The edit reached into the span, so its words may differ now. */
  touched: boolean
}

/**
 * Maps a span `[start, end)` of one segment's text through a correction of that segment, e.g. to
 * keep a selection in place while the editor types. `touched` is false when some placement of the
 * edit leaves the span's characters alone, in which case the result reads the same words.
 */
export function rebaseSpan(oldText: string, newText: string, start: number, end: number): RebasedSpan {
  const words = oldText.slice(start, end)
  let fallback: RebasedSpan | null = null
  for (const align of ['right', 'left'] as const) {
    const edit = diffText(oldText, newText, align)
    const span = { start: mapOffset(edit, start, 'start'), end: mapOffset(edit, end, 'end') }
    if (newText.slice(span.start, span.end) === words) return { ...span, touched: false }
    fallback ??= { ...span, touched: true }
  }
  return fallback ?? { start, end, touched: false }
}
