// Speaker labels at the start of a unit: "Q:", "LENA MORETTI:", "**Saule:**", "Speaker 1 (00:01:05):",
// "[00:01:05] Olga: …". Shared by the notes, .docx, SRT and WebVTT readers.
import { parseTimecode } from './timecode'
import { normalizeSpeaker } from './speakers'

export interface LabelSplit {
  /** The label as written, without the colon or Markdown markers. */
  label: string
  /** What follows the colon, trimmed. */
  rest: string
  /** A time written with the label, `Name (00:01:05):` or `[00:01:05] Name:`. */
  time: number | null
}

/** A label is short; a colon further in belongs to a sentence. */
const MAX_LABEL_CHARS = 80

const LEADING_TIME = /^\[?((?:\d{1,3}:)?\d{1,2}:\d{1,2}(?:[.,]\d{1,3})?)\]?[ \t]+/
const TRAILING_TIME = /[ \t]*[[(]((?:\d{1,3}:)?\d{1,2}:\d{1,2}(?:[.,]\d{1,3})?)[\])]$/

/** Splits `Label: text`. The colon of a time (`10:30`) or of a URL is not a label's colon. */
export function splitLabel(line: string): LabelSplit | null {
  let s = line.trimStart()
  let time: number | null = null
  const lead = LEADING_TIME.exec(s)
  if (lead) {
    time = parseTimecode(lead[1] ?? '')
    s = s.slice(lead[0].length)
  }
  s = s.replace(/^(?:>>|[-–—•*])[ \t]+/, '')
  const limit = Math.min(s.length, MAX_LABEL_CHARS + 6)
  let colon = -1
  for (let i = 0; i < limit; i++) {
    const c = s[i]
    if (c !== ':' && c !== '：') continue
    const before = s[i - 1] ?? ''
    const after = s[i + 1] ?? ''
    if (/\d/.test(before) && /\d/.test(after)) continue
    if (after === '/' && s[i + 2] === '/') return null
    colon = i
    break
  }
  if (colon <= 0) return null
  let label = s.slice(0, colon)
  let rest = s.slice(colon + 1)
  // Markdown: **Name:** text, **Name**: text, __Name:__ text
  // Only an emphasis opened in the label may close after the colon: "Name: **x**" keeps its words.
  const opened = (label.match(/\*\*/g)?.length ?? 0) % 2 === 1 || (label.match(/__/g)?.length ?? 0) % 2 === 1
  label = label.replace(/\*\*|__/g, '').trim()
  if (opened) rest = rest.replace(/^\s*(?:\*\*|__)/, '')
  rest = rest.trim()
  const trailing = TRAILING_TIME.exec(label)
  if (trailing) {
    time ??= parseTimecode(trailing[1] ?? '')
    label = label.slice(0, trailing.index).trim()
  }
  if (label === '' || label.length > MAX_LABEL_CHARS) return null
  return { label, rest, time }
}

export type Role = 'interviewer' | 'interviewee'

const ROLES = new Map<string, Role>([
  ['q', 'interviewer'],
  ['question', 'interviewer'],
  ['interviewer', 'interviewer'],
  ['reporter', 'interviewer'],
  ['сұхбаттасушы', 'interviewer'],
  ['сұхбат алушы', 'interviewer'],
  ['в', 'interviewer'],
  ['вопрос', 'interviewer'],
  ['интервьюер', 'interviewer'],
  ['корреспондент', 'interviewer'],
  ['с', 'interviewer'],
  ['сұрақ', 'interviewer'],
  ['тілші', 'interviewer'],
  ['a', 'interviewee'],
  ['answer', 'interviewee'],
  ['interviewee', 'interviewee'],
  ['respondent', 'interviewee'],
  ['о', 'interviewee'],
  ['ответ', 'interviewee'],
  ['ж', 'interviewee'],
  ['жауап', 'interviewee']
])

/** Q:/A: (and their Russian and Kazakh forms В:/О:, С:/Ж:) name a role, not a person. */
export function roleOf(label: string): Role | null {
  return ROLES.get(label.trim().toLowerCase()) ?? null
}

const PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'da', 'di', 'du', 'del', 'della', 'la', 'le', 'al', 'el', 'bin', 'ibn', 'ben', 'ter', 'ten', 'y', 'e', 'ул', 'кызы', 'қызы', 'улы', 'ұлы', 'оглы'])

export interface LabelContext {
  /** Speakers already seen in this file: a name once used is a label wherever it recurs. */
  known: ReadonlySet<string>
  /** The label was set apart by formatting (bold in Word). */
  emphasised?: boolean
}

/**
 * Whether `label` names who speaks. A person's name is one to five words, each starting with a
 * capital (particles like "van" aside), letters only; "Speaker 2" and role labels also count.
 * "The answer was simple" does not.
 */
export function isSpeakerLabel(label: string, ctx: LabelContext): boolean {
  if (roleOf(label) !== null) return true
  const name = normalizeSpeaker(label)
  if (name === '') return false
  if (ctx.known.has(name)) return true
  if (ctx.emphasised === true && name.length <= 60 && !/[?!]/.test(name)) return true
  if (/^(?:speaker|unknown speaker|interviewer|interviewee|спикер|говорящий|спикер)\s?\d{0,3}$/iu.test(name)) return true
  if (name.length > 50) return false
  const words = name.split(' ')
  if (words.length > 5) return false
  return words.every((w, i) => {
    if (i > 0 && PARTICLES.has(w.toLowerCase())) return true
    return /^\p{Lu}[\p{L}\p{M}.'’-]*$/u.test(w)
  })
}
