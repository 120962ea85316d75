// Filters (`speaker:`, `tag:`, `interview:`, `kind:`) resolved once per query to numbers, then
// checked per candidate against the per-document attributes in memory: a filtered query of a
// common word has hundreds of thousands of candidates and must not read a row for each.
import { normaliseTagName, tagPath } from '../../shared/codebook'
import type { TagInput } from './documents'
import { fold } from './fold'
import { ATTR_INTERVIEW, ATTR_SPEAKER, ATTR_WIDTH, KIND_CODE } from './index-store'
import { containsSequence, termsHoldSequence } from './match'
import type { HitKind, ParsedQuery, WordSequence } from './query'
import type { Registry } from './registry'
import { tokenize } from './tokenize'

export const ALL_KINDS: readonly HitKind[] = ['segment', 'quote', 'source', 'interview']

export interface Scope {
  kinds: ReadonlySet<HitKind>
  /** Bit per kind code. */
  kindMask: number
  /** Interview keys allowed, or null for any. */
  interviewKeys: ReadonlySet<number> | null
  speakers: readonly WordSequence[]
  /** Speaker numbers allowed, or null for any. */
  speakerIds: ReadonlySet<number> | null
  /** Each set is one `tag:` filter: a document must be in every set. */
  tagSets: ReadonlyArray<ReadonlySet<number>>
}

export function isUnfiltered(scope: Scope): boolean {
  return scope.kinds.size === ALL_KINDS.length && !scope.interviewKeys && !scope.speakerIds && scope.tagSets.length === 0
}

const speakerTokens = new Map<string, string[]>()

export function speakerMatches(speaker: string | undefined, sequences: readonly WordSequence[]): boolean {
  if (sequences.length === 0) return true
  if (!speaker) return false
  let tokens = speakerTokens.get(speaker)
  if (!tokens) {
    tokens = tokenize(speaker)
    // Speakers are a few names per interview; bounded all the same.
    if (speakerTokens.size > 10_000) speakerTokens.clear()
    speakerTokens.set(speaker, tokens)
  }
  return sequences.every((sequence) => termsHoldSequence(tokens, sequence))
}

export interface ScopeSources {
  registry: Registry
  tags: () => readonly TagInput[]
  resolveTags?: (value: string) => readonly string[]
}

/** The filters resolved to numbers; null when a filter can match nothing, so nothing can be found. */
export function scopeOf(parsed: ParsedQuery, sources: ScopeSources): Scope | null {
  let kinds = new Set<HitKind>(parsed.kinds.length > 0 ? parsed.kinds : ALL_KINDS)
  const narrow = (allowed: readonly HitKind[]): void => {
    kinds = new Set([...kinds].filter((k) => allowed.includes(k)))
  }
  if (parsed.speakers.length > 0 || parsed.tags.length > 0) narrow(['segment', 'quote'])
  if (parsed.interviews.length > 0) narrow(['segment', 'quote', 'interview'])
  if (kinds.size === 0) return null
  const keySets = parsed.interviews.map((value) => interviewsMatching(value, sources.registry))
  const interviewKeys = keySets.length === 0 ? null : new Set([...(keySets[0] ?? [])].filter((k) => keySets.every((set) => set.has(k))))
  if (interviewKeys?.size === 0) return null
  let speakerIds: Set<number> | null = null
  if (parsed.speakers.length > 0) {
    speakerIds = new Set()
    for (const [name, id] of sources.registry.allSpeakers()) if (speakerMatches(name, parsed.speakers)) speakerIds.add(id)
    if (speakerIds.size === 0) return null
  }
  const tagSets: Array<Set<number>> = []
  for (const value of parsed.tags) {
    const tagIds = sources.resolveTags ? sources.resolveTags(value) : resolveTags(value, sources.tags())
    if (tagIds.length === 0) return null
    const docs = new Set<number>()
    for (const tagId of tagIds) for (const num of sources.registry.tagDocs(tagId)) docs.add(num)
    tagSets.push(docs)
  }
  let kindMask = 0
  for (const kind of kinds) kindMask |= 1 << KIND_CODE[kind]
  return { kinds, kindMask, interviewKeys, speakers: parsed.speakers, speakerIds, tagSets }
}

/** A tag named by its id, its full path, or its last level; a path takes in its nested tags. */
export function resolveTags(value: string, tags: readonly TagInput[]): string[] {
  const wanted = fold(normaliseTagName(value))
  return tags
    .filter((tag) => {
      if (tag.id === value) return true
      const path = fold(normaliseTagName(tag.name))
      const leaf = fold(tagPath(tag.name).at(-1) ?? '')
      return path === wanted || path.startsWith(`${wanted}/`) || leaf === wanted
    })
    .map((tag) => tag.id)
}

/** An interview named by its id, or by words of its title (the last one may be unfinished). */
function interviewsMatching(value: string, registry: Registry): Set<number> {
  const titles = registry.titles()
  const exact = titles.get(value)
  if (exact) return new Set([exact.key])
  const tokens = tokenize(value)
  const found = new Set<number>()
  if (tokens.length === 0) return found
  const sequence: WordSequence = { tokens, prefixLast: true }
  for (const { key, title } of titles.values()) if (containsSequence(title, sequence)) found.add(key)
  return found
}

/** The per-candidate check, over the attributes array. */
export function acceptor(scope: Scope, a: Uint32Array): (num: number) => boolean {
  return (num) => {
    const at = num * ATTR_WIDTH
    if ((scope.kindMask & (1 << ((a[at] as number) & 0xff))) === 0) return false
    if (scope.interviewKeys && !scope.interviewKeys.has(a[at + ATTR_INTERVIEW] as number)) return false
    if (scope.speakerIds && !scope.speakerIds.has(a[at + ATTR_SPEAKER] as number)) return false
    for (const set of scope.tagSets) if (!set.has(num)) return false
    return true
  }
}
