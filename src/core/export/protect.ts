// What must never leave the archive: the names of people who may not be named (anonymous, or
// not yet confirmed) and the words said off the record. Two guards, used by every export:
//
// - Pseudonyms replace a protected person's name, aliases, initials and name parts by their
//   description everywhere, longest spelling first (so "Daniyar Omarov" is replaced whole, never
//   as "Daniyar" + a description), on word boundaries that know Cyrillic and Kazakh letters
//   ("Omarov" never touches "Omarova"), matched after the same folding search uses (case,
//   accents, ё/е).
// - The leak check reads the finished output and refuses it if any protected spelling or any
//   run of off-the-record words is still in it, whatever route it took (a quote block, pasted
//   prose, a caption, a footnote, the front matter).
import type { Source } from '../../shared/model'
import { descriptionOf } from '../../shared/naming'
import { fold, foldWithOrigins } from '../search/fold'
import { tokenize } from '../search/tokenize'
import { sameNameAcrossScripts } from '../text/translit'

export interface ProtectedPerson {
  sourceId: string
  name: string
  description: string
  /** Every spelling that names them: name, aliases, short name, name parts, initials. */
  spellings: string[]
  /** Anonymous and unconfirmed people appear by description; a first-name source by first name only. */
  why: 'anonymous' | 'unconfirmed' | 'first-name'
}

const words = (s: string): string[] => s.trim().split(/\s+/).filter(Boolean)

/** "Daniyar Omarov" → "D. Omarov", "D.O.", "D. O." */
function initialForms(name: string): string[] {
  const parts = words(name).filter((w) => /\p{L}/u.test(w))
  if (parts.length < 2) return []
  const first = parts[0] as string
  const last = parts[parts.length - 1] as string
  const i = (w: string): string => (w.match(/\p{L}/u)?.[0] ?? '').toUpperCase()
  return [`${i(first)}. ${last}`, `${i(first)}.${i(last)}.`, `${i(first)}. ${i(last)}.`]
}

/** The people whose names an export must hold back, with every spelling to hold back. */
export function protectedPeople(sources: readonly Source[]): ProtectedPerson[] {
  const onRecord = sources.filter((s) => s.kind === 'person' && s.naming === 'on-record')
  const firstNames = sources.filter((s) => s.kind === 'person' && s.naming === 'first-name').map((s) => words(s.name)[0] ?? s.name)
  // A name part shared with someone who may be named ("Daniyar" of two Daniyars) cannot be held
  // back without blanking that person too; their full names and initials still are.
  const namedParts = new Set([...onRecord.flatMap((s) => [s.name, ...s.aliases].flatMap(words)), ...firstNames].map(fold))
  const namedWhole = new Set([...onRecord.flatMap((s) => [s.name, ...s.aliases, ...(s.shortName ? [s.shortName] : [])]), ...firstNames].map(fold))
  const out: ProtectedPerson[] = []
  for (const s of sources) {
    if (s.kind !== 'person' || s.naming === 'on-record') continue
    const firstNameOnly = s.naming === 'first-name'
    const firstName = words(s.name)[0] ?? s.name
    const names = [s.name, ...s.aliases, ...(s.shortName && !firstNameOnly ? [s.shortName] : [])].filter((n) => !firstNameOnly || words(n).length > 1)
    const description = firstNameOnly ? firstName : descriptionOf(s)
    // A word of the description itself ("Town hall clerk", described as "an employee of the town
    // hall") is what the export prints in its place, not a way to recognise them.
    const describedBy = new Set(tokenize(description))
    const spellings = new Set<string>()
    for (const n of names) {
      if (!namedWhole.has(fold(n))) spellings.add(n.trim())
      const parts = words(n)
      if (parts.length > 1) {
        for (const p of firstNameOnly ? [parts[parts.length - 1] as string] : [parts[0] as string, parts[parts.length - 1] as string]) {
          const letters = p.replace(/[^\p{L}]/gu, '')
          if (letters.length >= 3 && /^\p{Lu}/u.test(p) && !namedParts.has(fold(p)) && !describedBy.has(fold(letters))) spellings.add(p)
        }
        for (const f of initialForms(n)) spellings.add(f)
      }
    }
    out.push({ sourceId: s.id, name: s.name, description, spellings: [...spellings], why: firstNameOnly ? 'first-name' : s.naming === 'anonymous' ? 'anonymous' : 'unconfirmed' })
  }
  return out
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const LETTER = '[\\p{L}\\p{M}\\p{N}]'

/** A folded spelling as a pattern over folded text: its own word, however it is spaced. */
function patternOf(spelling: string): RegExp {
  const body = words(fold(spelling)).map(escape).join('\\s*')
  // Initials end in a dot, which is not a letter: the boundary after them is free.
  return new RegExp(`(?<!${LETTER})${body}${/[\p{L}\p{N}]$/u.test(spelling) ? `(?!${LETTER})` : ''}`, 'gu')
}

interface Hit {
  start: number
  end: number
  person: ProtectedPerson
  spelling: string
}

function findSpellings(text: string, people: readonly ProtectedPerson[]): { hits: Hit[]; folded: ReturnType<typeof foldWithOrigins> } {
  const folded = foldWithOrigins(text)
  const all: Hit[] = []
  for (const person of people) {
    for (const spelling of person.spellings) {
      for (const m of folded.text.matchAll(patternOf(spelling))) all.push({ start: m.index, end: m.index + m[0].length, person, spelling })
    }
  }
  // Longest first, then earliest: a name inside a longer name is never replaced half.
  all.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)
  const chosen: Hit[] = []
  for (const h of all) if (!chosen.some((c) => c.start < h.end && h.start < c.end)) chosen.push(h)
  return { hits: chosen.sort((a, b) => a.start - b.start), folded }
}

/** Where in the original text a span of the folded text starts and ends. */
function originalSpan(text: string, origins: number[], start: number, end: number): [number, number] {
  const from = origins[start] ?? 0
  const lastChar = origins[end - 1] ?? from
  const cp = text.codePointAt(lastChar) ?? 0
  return [from, lastChar + (cp > 0xffff ? 2 : 1)]
}

export interface Replacement {
  sourceId: string
  spelling: string
}

/** Replaces every protected spelling in `text` by the person's description. */
export function pseudonymise(text: string, people: readonly ProtectedPerson[]): { text: string; replaced: Replacement[] } {
  if (!people.length || !text) return { text, replaced: [] }
  const { hits, folded } = findSpellings(text, people)
  if (!hits.length) return { text, replaced: [] }
  let out = ''
  let at = 0
  const replaced: Replacement[] = []
  for (const h of hits) {
    const [from, to] = originalSpan(text, folded.origins, h.start, h.end)
    out += text.slice(at, from)
    const startsSentence = /(^|[.!?…]\s+|^\s*["“«]?)$/u.test(out)
    const d = h.person.description
    out += startsSentence ? d.charAt(0).toUpperCase() + d.slice(1) : d
    at = to
    replaced.push({ sourceId: h.person.sourceId, spelling: text.slice(from, to) })
  }
  return { text: out + text.slice(at), replaced }
}

/** A run of off-the-record words, as the archive holds it, and where it was said. */
export interface OffRecordPassage {
  interviewId: string
  segmentId: string
  text: string
}

export interface Leak {
  kind: 'name' | 'off-record'
  /** What got through, as the output has it. */
  found: string
  /** Who (for a name) or which passage (for off-record words). */
  sourceId?: string
  interviewId?: string
  segmentId?: string
  /** Where in the output it stands. */
  start: number
}

/** Off-the-record words are caught in runs of this many: enough to be that passage, not a common phrase. */
const RUN = 6
/** Passages shorter than this are too short to tell apart from ordinary words; they are caught whole from this length. */
const SHORTEST = 3

/**
 * Reads a finished export and says what must not be in it. It does not trust the exporter: it
 * looks for every protected spelling and every run of off-record words in the output as written.
 */
export class LeakCheck {
  private readonly runs = new Map<string, OffRecordPassage>()
  private readonly lengths = new Set<number>()

  constructor(
    private readonly people: readonly ProtectedPerson[],
    passages: readonly OffRecordPassage[]
  ) {
    for (const p of passages) {
      const tokens = tokenize(p.text)
      if (tokens.length < SHORTEST) continue
      const n = Math.min(RUN, tokens.length)
      this.lengths.add(n)
      for (let i = 0; i + n <= tokens.length; i++) this.runs.set(tokens.slice(i, i + n).join(' '), p)
    }
  }

  check(output: string): Leak[] {
    const leaks: Leak[] = []
    for (const h of findSpellings(output, this.people).hits) {
      const [from, to] = originalSpan(output, foldWithOrigins(output).origins, h.start, h.end)
      leaks.push({ kind: 'name', found: output.slice(from, to), sourceId: h.person.sourceId, start: from })
    }
    leaks.push(...this.namesInOtherScripts(output, leaks))
    if (this.runs.size) {
      const tokens = [...tokenWithOffsets(output)]
      for (const n of this.lengths) {
        for (let i = 0; i + n <= tokens.length; i++) {
          const key = tokens.slice(i, i + n).map((t) => t.word).join(' ')
          const p = this.runs.get(key)
          if (!p) continue
          const start = (tokens[i] as { start: number }).start
          const end = (tokens[i + n - 1] as { end: number }).end
          leaks.push({ kind: 'off-record', found: output.slice(start, end), interviewId: p.interviewId, segmentId: p.segmentId, start })
          i += n - 1
        }
      }
    }
    return leaks.sort((a, b) => a.start - b.start)
  }

  /**
   * Beyond the spellings the archive knows: a protected full name written in another script
   * ("Джо Баптист" for Joe Baptiste), which pseudonyms cannot replace because nobody recorded that
   * spelling. Two capitalised words in a row that read as the name are a leak.
   */
  private namesInOtherScripts(output: string, found: Leak[]): Leak[] {
    const full = this.people.flatMap((p) => p.spellings.filter((s) => words(s).length >= 2 && !/\./.test(s)).map((s) => ({ p, s })))
    if (!full.length) return []
    const leaks: Leak[] = []
    const caps = [...output.matchAll(/\p{Lu}[\p{L}\p{M}'’-]+/gu)]
    for (let i = 0; i + 1 < caps.length; i++) {
      const a = caps[i] as RegExpMatchArray
      const b = caps[i + 1] as RegExpMatchArray
      const start = a.index ?? 0
      const end = (b.index ?? 0) + b[0].length
      if (output.slice(start + a[0].length, b.index).trim() !== '') continue
      if (found.some((f) => f.start <= start && start < f.start + f.found.length)) continue
      const pair = output.slice(start, end)
      const hit = full.find(({ s }) => sameNameAcrossScripts(s, pair))
      if (hit) leaks.push({ kind: 'name', found: pair, sourceId: hit.p.sourceId, start })
    }
    return leaks
  }
}

/** Folded words of `text` with their place in the original. */
function* tokenWithOffsets(text: string): Generator<{ word: string; start: number; end: number }> {
  const folded = foldWithOrigins(text)
  for (const m of folded.text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const [start, end] = originalSpan(text, folded.origins, m.index, m.index + m[0].length)
    yield { word: m[0], start, end }
  }
}
