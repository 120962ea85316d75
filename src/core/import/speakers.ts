// Speaker names as one file writes them are not yet people: "LENA MORETTI:", "RA:" and "RA" must
// come out as one name each before the service links them to sources.

/** The archive keeps at most this many characters of a speaker name (model.ts). */
export const MAX_SPEAKER_CHARS = 200

/**
 * Trailing colon removed, white space collapsed, Markdown bold markers dropped, a name written in
 * capitals turned to title case (Unicode-aware: ОЛЬГА КРАВЕЦ becomes Ольга Кравец). Initials stay
 * as written: "DB" is not a name to title-case.
 */
export function normalizeSpeaker(raw: string): string {
  // A transcript names a handful of people thousands of times.
  const cached = CACHE.get(raw)
  if (cached !== undefined) return cached
  const name = normalize(raw)
  if (CACHE.size >= 10_000) CACHE.clear()
  CACHE.set(raw, name)
  return name
}

const CACHE = new Map<string, string>()

function normalize(raw: string): string {
  let s = raw.replace(/\*\*|__/g, '').replace(/\s+/g, ' ').trim()
  while (s.endsWith(':') || s.endsWith('：')) s = s.slice(0, -1).trimEnd()
  if (s.length > MAX_SPEAKER_CHARS) s = s.slice(0, MAX_SPEAKER_CHARS).trimEnd()
  if (isAllCaps(s) && !isInitials(s)) s = titleCase(s)
  return s
}

function isAllCaps(s: string): boolean {
  return /\p{Lu}/u.test(s) && !/\p{Ll}/u.test(s)
}

/** "DB", "RS", "D.B.", "D. B.": one to four capitals, each optionally followed by a dot. */
export function isInitials(s: string): boolean {
  return /^(?:\p{Lu}\.?){1,4}$/u.test(s.replace(/ /g, ''))
}

export function titleCase(s: string): string {
  return s
    .toLowerCase()
    .replace(/(^|[\s\-‐'’.(])(\p{Ll})/gu, (_whole, before: string, letter: string) => before + letter.toUpperCase())
}

/** The letters of initials, without dots or spaces: "D. B." gives "DB". */
function initialsKey(s: string): string {
  return s.replace(/[.\s]/g, '')
}

/** "Rebecca Scofield" gives RS; "Rebecca L. Scofield" gives both RLS and RS. */
function initialsOf(fullName: string): string[] {
  const words = fullName.split(/[\s-]+/).filter((w) => /\p{L}/u.test(w))
  if (words.length < 2) return []
  const firsts = words.map((w) => (w.match(/\p{L}/u)?.[0] ?? '').toUpperCase())
  const all = firsts.join('')
  const firstLast = `${firsts[0] ?? ''}${firsts[firsts.length - 1] ?? ''}`
  return all === firstLast ? [all] : [all, firstLast]
}

/**
 * Within one file, initials that match exactly one full name used in the same file are that
 * person ("RS" and "Rebecca Scofield"). Initials that match no name, or several, stay as written:
 * a wrong merge would put one person's words in another's mouth.
 */
export function initialsToFullNames(speakers: Iterable<string>, otherNames: Iterable<string> = []): Map<string, string> {
  const fullNames = new Set<string>()
  for (const name of new Set([...speakers, ...otherNames])) {
    if (name !== '' && !isInitials(name) && initialsOf(name).length > 0) fullNames.add(name)
  }
  const merged = new Map<string, string>()
  for (const name of new Set(speakers)) {
    if (!isInitials(name)) continue
    const key = initialsKey(name)
    const matches = [...fullNames].filter((full) => initialsOf(full).includes(key))
    const only = matches.length === 1 ? matches[0] : undefined
    if (only !== undefined) merged.set(name, only)
  }
  return merged
}

/**
 * OHMS and many archives label turns by surname ("MORETTI:"). A one-word speaker that is the last
 * name of exactly one full name in the same file (a speaker, or the interviewer or interviewee the
 * file names) is that person.
 */
export function surnamesToFullNames(speakers: Iterable<string>, otherNames: Iterable<string> = []): Map<string, string> {
  const fullNames = new Set<string>()
  for (const name of new Set([...speakers, ...otherNames])) {
    if (name.includes(' ') && !isInitials(name)) fullNames.add(name)
  }
  const merged = new Map<string, string>()
  for (const name of new Set(speakers)) {
    if (name === '' || name.includes(' ') || isInitials(name)) continue
    const key = name.toLowerCase()
    const matches = [...fullNames].filter((full) => (full.split(' ').pop() ?? '').toLowerCase() === key)
    const only = matches.length === 1 ? matches[0] : undefined
    if (only !== undefined) merged.set(name, only)
  }
  return merged
}
