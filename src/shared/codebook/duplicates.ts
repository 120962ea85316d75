// Suggests tags that are probably one code written twice. Only suggests: `state media` and
// `State Media` may be a slip, `change` and `chance` may both be meant; the editor decides.
import { editDistance } from './edit-distance'
import { caseKey, looseKey, normaliseTagName } from './tag-name'

export type DuplicateReason =
  /** Identical once white space and '/' nesting are tidied. */
  | 'same-name'
  /** Differ only by upper and lower case. */
  | 'case'
  /** Differ only by accents (or ё/е). */
  | 'accents'
  /** One is the other typed twice (`filesfiles`), a slip seen in real coded transcripts. */
  | 'repeated'
  /** A letter or two apart, allowing more for longer names. */
  | 'typo'

export interface DuplicateSuggestion<T> {
  /** The one of the pair that comes first in the input. */
  a: T
  b: T
  reason: DuplicateReason
  /** Edit distance between the names' lower-case, accent-free forms; 0 unless a typo. */
  distance: number
}

const ORDER: readonly DuplicateReason[] = ['same-name', 'case', 'accents', 'repeated', 'typo']

/**
 * How many slips a pair of names may be apart and still look like one name. Short names are
 * left alone: one letter turns `war` into `was` and `CSTO` into `CSO`, different words.
 */
export function allowedTypos(length: number): number {
  if (length < 4) return 0
  if (length < 8) return 1
  return 2
}

// Years and counts that differ are different codes, however close they look (`2021`, `2022`).
const digitsOf = (key: string): string => key.replace(/\D+/gu, ' ').trim()

interface Keys {
  normal: string
  lower: string
  loose: string
  length: number
}

function keysOf(name: string): Keys {
  const loose = looseKey(name)
  return { normal: normaliseTagName(name), lower: caseKey(name), loose, length: Array.from(loose).length }
}

function isRepeat(short: string, long: string): boolean {
  return short.length > 0 && (long === short + short || long === `${short} ${short}`)
}

function compare(x: Keys, y: Keys): { reason: DuplicateReason; distance: number } | null {
  if (x.normal === y.normal) return { reason: 'same-name', distance: 0 }
  if (x.lower === y.lower) return { reason: 'case', distance: 0 }
  if (x.loose === y.loose) return { reason: 'accents', distance: 0 }
  if (isRepeat(x.loose, y.loose) || isRepeat(y.loose, x.loose)) return { reason: 'repeated', distance: 0 }
  const allowed = allowedTypos(Math.min(x.length, y.length))
  if (allowed === 0 || Math.abs(x.length - y.length) > allowed) return null
  if (digitsOf(x.loose) !== digitsOf(y.loose)) return null
  const distance = editDistance(x.loose, y.loose, allowed)
  return distance <= allowed ? { reason: 'typo', distance } : null
}

/** Pairs of tags that look like duplicates, the surest first; each pair once. */
export function suggestDuplicates<T extends { id: string; name: string }>(tags: readonly T[]): Array<DuplicateSuggestion<T>> {
  const keys = tags.map((tag) => keysOf(tag.name))
  const found: Array<DuplicateSuggestion<T> & { order: number }> = []
  for (let i = 0; i < tags.length; i++) {
    for (let j = i + 1; j < tags.length; j++) {
      const a = tags[i]
      const b = tags[j]
      const ka = keys[i]
      const kb = keys[j]
      if (!a || !b || !ka || !kb || a.id === b.id) continue
      const match = compare(ka, kb)
      if (match) found.push({ a, b, ...match, order: found.length })
    }
  }
  found.sort((x, y) => ORDER.indexOf(x.reason) - ORDER.indexOf(y.reason) || x.distance - y.distance || x.order - y.order)
  return found.map(({ a, b, reason, distance }) => ({ a, b, reason, distance }))
}

/**
 * The existing tags a new name is probably a duplicate of, the surest first: what the tag field
 * warns about before it creates "Warning" beside "warnings".
 */
export function nameLooksLike<T extends { id: string; name: string }>(name: string, tags: readonly T[]): Array<{ tag: T; reason: DuplicateReason }> {
  const mine = keysOf(name)
  if (!mine.loose) return []
  const found: Array<{ tag: T; reason: DuplicateReason; distance: number }> = []
  for (const tag of tags) {
    const match = compare(mine, keysOf(tag.name))
    if (match) found.push({ tag, ...match })
  }
  found.sort((x, y) => ORDER.indexOf(x.reason) - ORDER.indexOf(y.reason) || x.distance - y.distance)
  return found.map(({ tag, reason }) => ({ tag, reason }))
}
