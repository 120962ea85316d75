// What the Sources view works out, kept apart from the store so it can be tested without a window:
// which people and documents a filter shows, the edit form's copy of a source, and the patch that
// saves only what the editor changed.
import type { InputOf } from '../../../shared/api/contract'
import type { Source } from '../../../shared/model'

export type SourcePatch = InputOf<'sources.update'>['patch']

export const consentLabels: Record<Source['consent'], string> = {
  unknown: 'Not recorded',
  'release-signed': 'Release signed',
  verbal: 'Verbal agreement',
  none: 'No agreement',
  withdrawn: 'Consent withdrawn'
}

/** Short labels for the list's badges; the form uses namingLabels from shared/naming. */
export const namingBadges: Record<Source['naming'], string> = {
  unconfirmed: 'Not confirmed',
  'on-record': 'On the record',
  'first-name': 'First name only',
  anonymous: 'Anonymous'
}

export interface SourceFilter {
  kind: '' | Source['kind']
  naming: '' | Source['naming']
  query: string
}

/** Case and accents do not count when looking a name up: "lindqvist" finds "Lindqvist", "cafe" finds "Café". */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim()
}

export function matchesQuery(source: Pick<Source, 'name' | 'aliases' | 'shortName'>, query: string): boolean {
  const q = fold(query)
  if (!q) return true
  return [source.name, source.shortName ?? '', ...source.aliases].some((name) => fold(name).includes(q))
}

/** The list as the filter asks: people first, then documents, each by name. */
export function filterSources(list: readonly Source[], filter: SourceFilter): Source[] {
  return list
    .filter(
      (s) =>
        (!filter.kind || s.kind === filter.kind) &&
        (!filter.naming || (s.kind === 'person' && s.naming === filter.naming)) &&
        matchesQuery(s, filter.query)
    )
    .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'person' ? -1 : 1))
}

/** The edit form's copy of a source: every field as text, so an input can hold it. */
export interface SourceDraft {
  name: string
  aliases: string[]
  role: string
  affiliation: string
  shortName: string
  contact: string
  naming: Source['naming']
  anonymousAs: string
  consent: Source['consent']
  embargoUntil: string
  documentType: string
  publisher: string
  date: string
  url: string
  file: string
  credit: string
  notes: string
}

const textFields = ['role', 'affiliation', 'shortName', 'contact', 'anonymousAs', 'documentType', 'publisher', 'date', 'url', 'file', 'credit', 'notes'] as const

export function draftOf(source: Source): SourceDraft {
  const draft = {
    name: source.name,
    aliases: [...source.aliases],
    naming: source.naming,
    consent: source.consent,
    embargoUntil: source.embargoUntil ?? ''
  } as SourceDraft
  for (const f of textFields) draft[f] = source[f] ?? ''
  return draft
}

/** What the form says is wrong before it is sent, or null. The archive checks the same again. */
export function draftProblem(draft: SourceDraft, kind: Source['kind']): string | null {
  if (!draft.name.trim()) return kind === 'person' ? 'A person needs a name.' : 'A document needs a title.'
  if (kind === 'person' && draft.naming === 'anonymous' && !draft.anonymousAs.trim()) {
    return 'Say how to describe them in print, for example “a lawyer in Almaty”.'
  }
  return null
}

/**
 * Only what changed goes into the patch. An emptied text field is sent as "" (the archive keeps no
 * text there); an emptied embargo as null, which lifts it.
 */
export function patchFrom(draft: SourceDraft, source: Source): SourcePatch {
  const patch: SourcePatch = {}
  const name = draft.name.trim()
  if (name && name !== source.name) patch.name = name
  const aliases = [...new Set(draft.aliases.map((a) => a.trim()).filter(Boolean))]
  if (aliases.join('\n') !== source.aliases.join('\n')) patch.aliases = aliases
  for (const f of textFields) {
    const value = draft[f].trim()
    if (value !== (source[f] ?? '')) patch[f] = value
  }
  if (draft.naming !== source.naming) patch.naming = draft.naming
  if (draft.consent !== source.consent) patch.consent = draft.consent
  const embargo = draft.embargoUntil.trim()
  if (embargo !== (source.embargoUntil ?? '')) patch.embargoUntil = embargo || null
  return patch
}

/** Adds a name typed into the alias field, unless it is already one of theirs. */
export function withAlias(aliases: readonly string[], typed: string, name: string): string[] {
  const alias = typed.trim().replace(/\s+/g, ' ')
  if (!alias || fold(alias) === fold(name) || aliases.some((a) => fold(a) === fold(alias))) return [...aliases]
  return [...aliases, alias]
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`

/** "3 segments in 2 interviews, 1 quote and 1 piece of document evidence": what a merge moved ("" for nothing). */
export function movedSummary(moved: { interviews: number; segments: number; quotes: number; evidence: number }): string {
  const parts = [
    moved.segments ? `${plural(moved.segments, 'segment')} in ${plural(moved.interviews, 'interview')}` : '',
    moved.quotes ? plural(moved.quotes, 'quote') : '',
    moved.evidence ? `${plural(moved.evidence, 'piece')} of document evidence` : ''
  ].filter(Boolean)
  if (!parts.length) return ''
  return parts.length === 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`
}
