// The WebVTT file parsing algorithm of the W3C specification (https://w3c.github.io/webvtt/#file-parsing),
// step by step, so that Verbatim reads the same cues a browser shows: a block is a cue only when
// its first or second line holds "-->" and that line parses as timings; a timing line that does
// not parse drops that one cue (a browser shows nothing for it) and the rest of the file still
// counts. Header, NOTE, STYLE and REGION blocks never become cues. Written by hand because no
// maintained npm package follows the algorithm (the common ones accept `00:00:60.000` or reject
// a whole file for one bad cue), and the algorithm is short enough to read beside the spec.

export interface VttCue {
  /** The identifier line, if any ("1", "intro"). Never part of the words. */
  id: string
  start: number
  end: number
  /** The cue payload as written: lines joined with "\n", markup and entities untouched. */
  text: string
  /** 1-based line of the timing line, for warnings. */
  line: number
}

export interface VttFile {
  /** False when the file does not start with the "WEBVTT" signature (a browser would read nothing). */
  signature: boolean
  /** Header lines after the signature ("Kind: captions", "Language: en"). */
  header: string[]
  cues: VttCue[]
  /** The text of each NOTE block, without the word NOTE. */
  notes: string[]
  warnings: string[]
  /** Cues left out because their timing line is malformed: the line and why, for warnings and errors. */
  dropped: { line: number; reason: string }[]
}

// ASCII whitespace as the spec means it inside a timing line: tab, line feed, form feed, carriage
// return, space. A vertical tab is not white space, so a timing line padded with one fails.
const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\f' || c === '\n' || c === '\r'
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9'

function digitsAt(s: string, at: number): string {
  let end = at
  while (isDigit(s[end])) end++
  return s.slice(at, end)
}

/** "Collect a WebVTT timestamp": `[hh…:]mm:ss.ttt`, hours of any length, minutes and seconds under 60, exactly three decimals. */
export function collectTimestamp(s: string, at: number): { seconds: number; next: number } | null {
  let pos = at
  let hoursGiven = false
  const first = digitsAt(s, pos)
  if (first === '') return null
  pos += first.length
  const v1 = Number(first)
  if (first.length !== 2 || v1 > 59) hoursGiven = true
  if (s[pos] !== ':') return null
  pos++
  const second = digitsAt(s, pos)
  if (second.length !== 2) return null
  pos += 2
  let hours = 0
  let minutes = v1
  let seconds = Number(second)
  if (hoursGiven || s[pos] === ':') {
    if (s[pos] !== ':') return null
    pos++
    const third = digitsAt(s, pos)
    if (third.length !== 2) return null
    pos += 2
    hours = v1
    minutes = Number(second)
    seconds = Number(third)
  }
  if (s[pos] !== '.') return null
  pos++
  const fraction = digitsAt(s, pos)
  if (fraction.length !== 3) return null
  pos += 3
  if (minutes > 59 || seconds > 59) return null
  return { seconds: (hours * 3600 * 1000 + minutes * 60 * 1000 + seconds * 1000 + Number(fraction)) / 1000, next: pos }
}

/** "Collect WebVTT cue timings and settings": the settings are not needed for a transcript. */
export function parseTimingLine(line: string): { start: number; end: number } | null {
  let pos = 0
  while (isSpace(line[pos])) pos++
  const start = collectTimestamp(line, pos)
  if (start === null) return null
  pos = start.next
  while (isSpace(line[pos])) pos++
  if (line.slice(pos, pos + 3) !== '-->') return null
  pos += 3
  while (isSpace(line[pos])) pos++
  const end = collectTimestamp(line, pos)
  if (end === null) return null
  return { start: start.seconds, end: end.seconds }
}

const shown = (s: string): string => {
  const t = s.trim()
  return t.length > 50 ? `${t.slice(0, 50)}…` : t
}

/** Two times on a line and no arrow between them: a cue whose "-->" went missing. */
const TIMES_WITHOUT_ARROW = /^[ \t]*(?:\d{1,9}:)?\d{1,2}:\d{1,2}[.,]\d{1,3}[ \t]+(?:-{1,2}>?[ \t]*|—[ \t]*|to[ \t]+)?(?:\d{1,9}:)?\d{1,2}:\d{1,2}[.,]\d{1,3}(?:[ \t]|$)/

const startsBlockWord = (buffer: string, word: string): boolean =>
  buffer.startsWith(word) && (buffer.length === word.length || isSpace(buffer[word.length]))

interface Block {
  cue: VttCue | null
  /** Lines that were not a cue's (a NOTE, a STYLE sheet, stray text), as one string. */
  buffer: string
  kind: 'cue' | 'style' | 'region' | 'other'
  /** The line after the block. */
  next: number
  firstLine: number
  /** A timing line that did not parse, when there was one. */
  badTiming: { line: number; text: string } | null
}

/** "Collect a WebVTT block", over lines rather than characters. */
function collectBlock(lines: readonly string[], from: number, inHeader: boolean, seenCue: boolean): Block {
  let lineCount = 0
  let pos = from
  let previous = from
  let buffer = ''
  let seenArrow = false
  let cue: VttCue | null = null
  let kind: Block['kind'] = 'other'
  let badTiming: Block['badTiming'] = null
  while (pos < lines.length) {
    const line = lines[pos] ?? ''
    pos++
    lineCount++
    if (line.includes('-->')) {
      if (!inHeader && (lineCount === 1 || (lineCount === 2 && !seenArrow))) {
        seenArrow = true
        previous = pos
        const timing = parseTimingLine(line)
        if (timing === null) {
          cue = null
          badTiming = { line: pos, text: line }
        } else {
          cue = { id: buffer, start: timing.start, end: timing.end, text: '', line: pos }
          buffer = ''
          kind = 'cue'
        }
      } else {
        pos = previous
        break
      }
    } else if (line === '') {
      break
    } else {
      if (!inHeader && lineCount === 2 && !seenCue) {
        if (/^STYLE[ \t]*$/.test(buffer)) kind = 'style'
        else if (/^REGION[ \t]*$/.test(buffer)) kind = 'region'
      }
      if (buffer !== '') buffer += '\n'
      buffer += line
      previous = pos
    }
  }
  if (cue !== null) cue.text = buffer
  return { cue, buffer, kind: cue === null ? (kind === 'cue' ? 'other' : kind) : 'cue', next: pos, firstLine: from + 1, badTiming }
}

/**
 * Reads a WebVTT file as a browser does. `text` is the decoded file; NUL becomes U+FFFD and line
 * ends are normalised here, as the algorithm's first step says. A file without the signature is
 * read anyway (a reporter's .vtt whose first line was lost), with a warning.
 */
export function readWebVtt(input: string): VttFile {
  let text = input.replace(/^\uFEFF/, '')
  if (text.includes('\0')) text = text.replace(/\0/g, '\uFFFD')
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n')
  const lines = text.split('\n')
  const warnings: string[] = []
  const header: string[] = []
  const notes: string[] = []
  const cues: VttCue[] = []
  const dropped: VttFile['dropped'] = []
  const drop = (line: number, reason: string): void => {
    dropped.push({ line, reason })
    warnings.push(`Line ${line}: ${reason}`)
  }
  let pos = 0
  const first = lines[0] ?? ''
  const signature = first.startsWith('WEBVTT') && (first.length === 6 || first[6] === ' ' || first[6] === '\t')
  if (signature) {
    pos = 1
    if (pos < lines.length && lines[pos] !== '') {
      const block = collectBlock(lines, pos, true, false)
      header.push(...lines.slice(pos, block.next))
      pos = block.next
    }
  } else {
    warnings.push('The file has no "WEBVTT" first line; it was read as WebVTT anyway.')
  }
  let seenCue = false
  while (pos < lines.length) {
    while (pos < lines.length && lines[pos] === '') pos++
    if (pos >= lines.length) break
    const block = collectBlock(lines, pos, false, seenCue)
    pos = block.next
    if (block.cue !== null) {
      seenCue = true
      cues.push(block.cue)
      continue
    }
    if (block.badTiming !== null) {
      drop(
        block.badTiming.line,
        `the cue timing "${shown(block.badTiming.text)}" is malformed (a time is written hh:mm:ss.ttt or mm:ss.ttt, minutes and seconds under 60), so that cue was left out, as a browser leaves it out.`
      )
      continue
    }
    if (block.kind === 'style' || block.kind === 'region') continue
    if (startsBlockWord(block.buffer, 'NOTE')) {
      const note = block.buffer.slice(4).split('\n').map((l) => l.trim()).filter((l) => l !== '').join('\n')
      if (note !== '') notes.push(note)
      continue
    }
    // A STYLE or REGION block after the first cue is ignored by browsers too.
    if (startsBlockWord(block.buffer, 'STYLE') || startsBlockWord(block.buffer, 'REGION')) continue
    const arrowless = block.buffer.split('\n').findIndex((l) => TIMES_WITHOUT_ARROW.test(l))
    if (arrowless !== -1) {
      drop(
        block.firstLine + arrowless,
        `"${shown(block.buffer.split('\n')[arrowless] ?? '')}" looks like a cue timing line but has no "-->" arrow, so that cue was left out, as a browser leaves it out.`
      )
    } else if (block.buffer.trim() !== '') {
      warnings.push(`Line ${block.firstLine}: text outside any cue was left out ("${(block.buffer.split('\n')[0] ?? '').trim().slice(0, 40)}").`)
    }
  }
  return { signature, header, cues, notes, warnings, dropped }
}
