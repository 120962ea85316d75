// OHMS's inline markup inside a transcript, in both the old text transcripts and the WebVTT ones:
// footnote references `[[footnote]]1[[/footnote]]` in the words, and one
// `[[footnotes]][[note]]…[[/note]]…[[/footnotes]]` block at the end holding the notes. A
// reference becomes `[1]` in the words and the note goes to the interview's notes ("Footnote 1:
// …"), so both stay with the interview; markup that does not pair up is kept as written rather
// than half removed. Also: headings an archivist typed into a transcript (APPENDIX, INDEX, a
// section title in capitals), which name no speaker.

import { normalizeSpeaker } from './speakers'

// A reference holds a short mark ("1", "iv", "*"); anything longer is not one, and stays as written.
const REFERENCE = /\[\[footnote\]\][ \t]*([^\s[\]]{1,12})[ \t]*\[\[\/footnote\]\]/gi
const BLOCK_OPEN = /\[\[footnotes\]\]/i
const BLOCK_CLOSE = /\[\[\/footnotes\]\]/i
const NOTE = /\[\[note\]\]([\s\S]*?)\[\[\/note\]\]/gi

/** `[[footnote]]1[[/footnote]]` → `[1]`; an unpaired marker stays as written. */
export function footnoteReferences(text: string): string {
  if (!text.includes('[[')) return text
  return text.replace(REFERENCE, (_all, mark: string) => `[${mark}]`)
}

export interface Footnotes {
  /** The transcript with the footnotes block taken out; its lines are kept (blank) so line numbers still match. */
  body: string
  /** The notes, in order, each on one line. */
  notes: string[]
}

/** Takes the `[[footnotes]]…[[/footnotes]]` block out of a transcript. */
export function extractFootnotes(transcript: string): Footnotes {
  const open = BLOCK_OPEN.exec(transcript)
  if (open === null) return { body: transcript, notes: [] }
  const start = open.index
  const rest = transcript.slice(start + open[0].length)
  const close = BLOCK_CLOSE.exec(rest)
  const inner = close === null ? rest : rest.slice(0, close.index)
  const end = close === null ? transcript.length : start + open[0].length + close.index + close[0].length
  const notes: string[] = []
  NOTE.lastIndex = 0
  for (let m = NOTE.exec(inner); m !== null; m = NOTE.exec(inner)) {
    const note = (m[1] ?? '').replace(/\s+/g, ' ').trim()
    if (note !== '') notes.push(note)
  }
  if (notes.length === 0) {
    // A block of plain lines, one note each.
    for (const line of inner.split(/\r\n|\r|\n/)) {
      const note = line.replace(/\s+/g, ' ').trim()
      if (note !== '') notes.push(note)
    }
  }
  const removed = transcript.slice(start, end)
  const blankLines = '\n'.repeat(removed.split(/\r\n|\r|\n/).length - 1)
  return { body: transcript.slice(0, start) + blankLines + transcript.slice(end), notes }
}

/** Footnote n as it goes to the notes: "Footnote 1: …", numbered as the references number them. */
export function footnoteLines(notes: readonly string[]): string[] {
  return notes.map((note, i) => `Footnote ${i + 1}: ${note}`)
}

const HEADING_WORDS = new Set([
  'appendix',
  'appendices',
  'index',
  'contents',
  'table of contents',
  'glossary',
  'footnotes',
  'endnotes',
  'notes',
  'bibliography',
  'abstract',
  'biography',
  'biographical note',
  'introduction',
  'preface',
  'summary',
  'transcript',
  'end of interview',
  'end of transcript',
  'end of tape',
  'end of side a',
  'end of side b'
])

/** A label that is one of the headings archives put in transcripts ("INDEX:"), never a person. */
export function isHeadingWord(label: string): boolean {
  return HEADING_WORDS.has(label.replace(/[[\]().:]/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase())
}

/**
 * A line that is a heading rather than anyone's words: a known heading word ("INDEX:"), or a title
 * written all in capitals (at least four letters, at most ten words, light punctuation, not a
 * bracketed "[LAUGHTER]"). "PART TWO: THE RETURN" is a heading too, unless what comes before the
 * colon is a speaker already met in the file ("SMITH: NO.").
 */
export function isHeadingLine(line: string, knownSpeakers: ReadonlySet<string> = new Set()): boolean {
  const t = line.trim()
  if (t === '' || t.length > 120) return false
  if (isHeadingWord(t)) return true
  const colon = t.indexOf(':')
  if (colon !== -1 && knownSpeakers.has(normalizeSpeaker(t.slice(0, colon)))) return false
  // "[LAUGHTER]", "(INAUDIBLE)": the transcriber's note inside someone's turn.
  if (/^[[(].*[\])]$/.test(t)) return false
  if ((t.match(/\p{Lu}/gu)?.length ?? 0) < 4 || /\p{Ll}/u.test(t)) return false
  if (!/^[\p{Lu}\p{N}\s.,:;'’&()/[\]-]+$/u.test(t)) return false
  return t.split(/\s+/).length <= 10
}
