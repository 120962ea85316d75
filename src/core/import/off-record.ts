// `[off the record] … [/off the record]`: the passage stays in the archive, flagged, and never
// leaves it. Markers may stand on their own lines around several turns, or sit inside one turn.
// When in doubt the passage is off the record: an unclosed marker covers everything after it.

// Russian and Kazakh forms are the ones our reporters type; "[on the record]" also closes.
const MARKER =
  /\[[ \t]?(\/|end[ \t]|конец[ \t])?[ \t]?(off[ -]the[ -]record|off[ -]record|otr|on[ -]the[ -]record|не для печати|не для публикации|не для записи|жариялауға болмайды|жарияламауға)[ \t]?\]/giu

export interface OffRecordState {
  offRecord: boolean
  /** Where the passage still open at the end began ("line 12"), for the warning. */
  openedAt: string | null
  /** Where a closing marker with no opening one stands. */
  strayCloseAt: string | null
}

export function newOffRecordState(): OffRecordState {
  return { offRecord: false, openedAt: null, strayCloseAt: null }
}

export interface Piece {
  text: string
  offRecord: boolean
}

function apply(state: OffRecordState, closing: boolean, where: string): void {
  if (closing) {
    if (!state.offRecord && state.strayCloseAt === null) state.strayCloseAt = where
    state.offRecord = false
    state.openedAt = null
  } else if (!state.offRecord) {
    state.offRecord = true
    state.openedAt = where
  }
}

function isClosing(slash: string | undefined, words: string): boolean {
  return slash !== undefined || /^on/i.test(words)
}

/** True when the text holds at least one marker. */
export function hasMarker(text: string): boolean {
  if (!text.includes('[')) return false
  MARKER.lastIndex = 0
  return MARKER.test(text)
}

/** A line that holds only markers: it switches the state and is no part of any unit. */
export function isMarkerOnly(text: string): boolean {
  if (!hasMarker(text)) return false
  MARKER.lastIndex = 0
  return text.replace(MARKER, '').trim() === ''
}

/**
 * Splits a unit's text at its markers. Each piece carries the state in force where it stands, and
 * the state after the last marker carries on to the next unit.
 */
export function splitAtMarkers(text: string, state: OffRecordState, where: string): Piece[] {
  if (!text.includes('[')) {
    const whole = text.trim()
    return whole === '' ? [] : [{ text: whole, offRecord: state.offRecord }]
  }
  const pieces: Piece[] = []
  let from = 0
  MARKER.lastIndex = 0
  for (let m = MARKER.exec(text); m !== null; m = MARKER.exec(text)) {
    const before = text.slice(from, m.index).trim()
    if (before !== '') pieces.push({ text: before, offRecord: state.offRecord })
    apply(state, isClosing(m[1], m[2] ?? ''), where)
    from = m.index + m[0].length
  }
  const tail = text.slice(from).trim()
  if (tail !== '') pieces.push({ text: tail, offRecord: state.offRecord })
  return pieces
}

export function offRecordWarnings(state: OffRecordState): string[] {
  const warnings: string[] = []
  if (state.offRecord && state.openedAt !== null) {
    warnings.push(
      `An off-the-record passage opened at ${state.openedAt} is never closed; everything after it is kept off the record.`
    )
  }
  if (state.strayCloseAt !== null) {
    warnings.push(
      `A marker at ${state.strayCloseAt} closes an off-the-record passage that was never opened; check what before it should be off the record.`
    )
  }
  return warnings
}
