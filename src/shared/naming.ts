// How a person is named in print, by their naming rule and the archive's house style. Shared: the
// app shows the same attribution it will export ("copy with attribution", the draft preview).
import type { HouseStyle, Quote, Source } from './model'

export const namingLabels: Record<Source['naming'], string> = {
  unconfirmed: 'Not confirmed yet (printed as anonymous)',
  'on-record': 'On the record, full name',
  'first-name': 'First name only',
  anonymous: 'Anonymous'
}

/** Whether a person's name may appear in print at all. */
export function mayBeNamed(source: Pick<Source, 'kind' | 'naming'>): boolean {
  return source.kind === 'document' || source.naming === 'on-record' || source.naming === 'first-name'
}

/** An anonymous (or not yet confirmed) person in print: their description, or a plain one. */
export function descriptionOf(source: Pick<Source, 'anonymousAs'>): string {
  return source.anonymousAs?.trim() || 'a source who asked not to be named'
}

const words = (name: string): string[] => name.trim().split(/\s+/).filter(Boolean)

/** "a political journalist", "an editor", "the mayor" (a role that brings its own article stays as it is). */
export function withArticle(role: string): string {
  const r = role.trim()
  if (/^(a|an|the|his|her|their|one)\s/i.test(r)) return r
  return `${/^[aeiouаеёиоуыэюяәөұүі]/i.test(r) && !/^(uni|eu|one)/i.test(r) ? 'an' : 'a'} ${r}`
}

/**
 * The name printed for a source. First mention: full name (first name only for a first-name
 * source); later: the short name, or by house style the surname or first name. Anonymous and
 * unconfirmed people: their description every time.
 */
export function printedName(source: Pick<Source, 'kind' | 'name' | 'naming' | 'anonymousAs' | 'shortName'>, style: Pick<HouseStyle, 'laterMention'>, mention: 'first' | 'later'): string {
  if (source.kind === 'document') return source.name
  if (source.naming === 'anonymous' || source.naming === 'unconfirmed') return descriptionOf(source)
  const parts = words(source.name)
  const first = parts[0] ?? source.name
  if (source.naming === 'first-name') return first
  if (mention === 'first') return source.name
  if (source.shortName?.trim()) return source.shortName.trim()
  return style.laterMention === 'first-name' ? first : (parts[parts.length - 1] ?? source.name)
}

/** "Saule Bekova, a political journalist" on first mention; "Bekova" after; "a police officer in Almaty" always. */
export function attributionName(source: Pick<Source, 'kind' | 'name' | 'naming' | 'anonymousAs' | 'shortName' | 'role'>, style: Pick<HouseStyle, 'laterMention'>, mention: 'first' | 'later'): string {
  const name = printedName(source, style, mention)
  if (mention === 'later' || !mayBeNamed(source) || source.kind === 'document' || !source.role?.trim()) return name
  return `${name}, ${withArticle(source.role)}`
}

const MARKS: Record<HouseStyle['quoteMarks'], [string, string]> = { curly: ['“', '”'], straight: ['"', '"'], guillemets: ['«', '»'] }

export function quoteMarks(style: Pick<HouseStyle, 'quoteMarks'>): [string, string] {
  return MARKS[style.quoteMarks]
}

export function dashOf(style: Pick<HouseStyle, 'dash'>): string {
  return style.dash === 'em' ? '—' : style.dash === 'en' ? '–' : '-'
}

/** “words,” says NAME — the line "copy with attribution" and inline quotes print. */
export function attributedQuote(text: string, who: string, style: Pick<HouseStyle, 'quoteMarks' | 'attributionVerb'>): string {
  const [open, close] = quoteMarks(style)
  const words = text.trim().replace(/[.]$/, '')
  return `${open}${words},${close} ${style.attributionVerb} ${who}.`
}

/**
 * Who a quote is a voice of, as sources: by its segments' sources, else by its speaker labels (a
 * label no person answers to is an unconfirmed speaker, printed as anonymous). Shared: the export
 * attributes quotes with it, and the draft editor previews the same attribution.
 */
export function sourcesOfQuote(quote: Pick<Quote, 'sourceIds' | 'speaker'>, sources: readonly Source[]): Source[] {
  const byId = new Map(sources.map((s) => [s.id, s]))
  const found = quote.sourceIds.map((id) => byId.get(id)).filter((s): s is Source => !!s)
  if (found.length) return found
  const byName = new Map(sources.flatMap((s) => [s.name, ...s.aliases].map((n) => [n.toLowerCase(), s] as const)))
  return (quote.speaker ?? '')
    .split(', ')
    .filter(Boolean)
    .map((label) => byName.get(label.toLowerCase()) ?? ({ id: `speaker:${label}`, kind: 'person', name: label, aliases: [], naming: 'unconfirmed', consent: 'unknown', createdAt: '', updatedAt: '' } as Source))
}
