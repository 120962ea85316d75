// The draft editor's pure parts: what a save sends, moving blocks and sections, the numbers claim
// references print as, how each quote block will be attributed, and where a refused export's
// problems are. No Vue, no API: the store wires these to the screen, and tests read them directly.
import { CLAIM_REF, claimIdsInProse } from '../../../shared/claim-refs'
import type { DraftCheck, DraftProblem, Statement } from '../../../shared/drafts'
import { checkExcerpt, excerptText } from '../../../shared/excerpt'
import type { Draft, DraftBlock, DraftSection, HouseStyle, Quote, Source } from '../../../shared/model'
import { attributionName, dashOf, mayBeNamed, quoteMarks, sourcesOfQuote } from '../../../shared/naming'

/** What an editor changes in a draft: everything but the id and the archive's time stamps. */
export type DraftContent = Omit<Draft, 'id' | 'createdAt' | 'updatedAt'>
export const CONTENT_FIELDS = ['title', 'standfirst', 'byline', 'editor', 'tags', 'quoteStyle', 'sections'] as const satisfies readonly (keyof DraftContent)[]

/** A deep copy of a draft's content: the working copy never shares objects with a saved one. */
export function contentOf(draft: DraftContent): DraftContent {
  const out = {} as Record<string, unknown>
  for (const field of CONTENT_FIELDS) if (draft[field] !== undefined) out[field] = structuredClone(toPlain(draft[field]))
  return out as DraftContent
}

/** Vue's proxies cannot be cloned; JSON round trip keeps only data, which is all a draft holds. */
function toPlain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

/**
 * The patch a save sends: the fields that differ from what the archive holds. A title left empty
 * is not sent (a draft needs one); `titleMissing` says so, and the rest is saved.
 */
export function patchOf(saved: DraftContent, now: DraftContent): { patch: Partial<DraftContent>; titleMissing: boolean } {
  const patch: Record<string, unknown> = {}
  let titleMissing = false
  for (const field of CONTENT_FIELDS) {
    const a = JSON.stringify(saved[field] ?? null)
    const b = JSON.stringify(now[field] ?? null)
    if (a === b) continue
    if (field === 'title' && !now.title.trim()) {
      titleMissing = true
      continue
    }
    // An optional text emptied is sent as '' (the schema keeps it), never as a missing field.
    patch[field] = now[field] ?? (field === 'tags' ? [] : '')
  }
  return { patch: patch as Partial<DraftContent>, titleMissing }
}

/** "kabul, CSTO , ,state media" → ["kabul", "CSTO", "state media"]: trimmed, each once, within the schema's bounds. */
export function parseTags(input: string): string[] {
  const seen = new Set<string>()
  for (const raw of input.split(',')) {
    const tag = raw.trim().slice(0, 100)
    if (tag) seen.add(tag)
  }
  return [...seen].slice(0, 50)
}

/** Where a block stands: its section and its place there. */
export interface BlockAt {
  sectionId: string
  index: number
}

/**
 * Moves a block, within a section or into another. `to.index` is where it goes in the target
 * section as it stands before the move (a drop "before block 3" says 3), so both a drag and a
 * keyboard step name the same place. Returns where it ended up, or null when nothing moved.
 */
export function moveBlock(sections: DraftSection[], from: BlockAt, to: BlockAt): BlockAt | null {
  const source = sections.find((s) => s.id === from.sectionId)
  const target = sections.find((s) => s.id === to.sectionId)
  if (!source || !target || from.index < 0 || from.index >= source.blocks.length) return null
  let index = Math.max(0, Math.min(to.index, target.blocks.length))
  if (source === target) {
    if (index === from.index || index === from.index + 1) return null
    if (index > from.index) index--
  }
  const [block] = source.blocks.splice(from.index, 1)
  target.blocks.splice(index, 0, block as DraftBlock)
  return { sectionId: target.id, index }
}

/**
 * One step up or down for Alt+↑/↓: inside the section, and across into the neighbouring section
 * at its edge (the last place of the section above, the first of the one below).
 */
export function stepBlock(sections: DraftSection[], from: BlockAt, direction: -1 | 1): BlockAt | null {
  const s = sections.findIndex((x) => x.id === from.sectionId)
  const section = sections[s]
  if (!section) return null
  const next = from.index + direction
  if (next >= 0 && next < section.blocks.length) return moveBlock(sections, from, { sectionId: section.id, index: direction < 0 ? next : next + 1 })
  const neighbour = sections[s + direction]
  if (!neighbour) return null
  return moveBlock(sections, from, { sectionId: neighbour.id, index: direction < 0 ? neighbour.blocks.length : 0 })
}

/** Moves a list item from one place to another (sections), in place. False when nothing moved. */
export function moveItem<T>(list: T[], from: number, to: number): boolean {
  if (from === to || from < 0 || to < 0 || from >= list.length || to >= list.length) return false
  const [item] = list.splice(from, 1)
  list.splice(to, 0, item as T)
  return true
}

/** A section id the schema accepts, unlikely to meet another. */
export function newSectionId(): string {
  const random = globalThis.crypto?.randomUUID?.().replace(/-/g, '').slice(0, 16) ?? Math.random().toString(36).slice(2, 14)
  return `s-${random}`
}

/**
 * The number each claim prints as, in the order the export numbers its footnotes: claim blocks and
 * references in prose, first appearance first. A claim no longer in the archive gets no number.
 */
export function claimNumbers(draft: Pick<Draft, 'sections'>, exists: (id: string) => boolean): Map<string, number> {
  const out = new Map<string, number>()
  const see = (id: string): void => {
    if (!out.has(id) && exists(id)) out.set(id, out.size + 1)
  }
  for (const section of draft.sections) {
    for (const block of section.blocks) {
      if (block.type === 'claim') see(block.claimId)
      else if (block.type === 'prose') for (const id of claimIdsInProse(block.text)) see(id)
    }
  }
  return out
}

/** Prose text cut into plain runs and claim references, for the preview's numbered markers. */
export function splitClaimRefs(value: string): ({ kind: 'text'; text: string } | { kind: 'claim'; claimId: string })[] {
  const out: ({ kind: 'text'; text: string } | { kind: 'claim'; claimId: string })[] = []
  let at = 0
  for (const m of value.matchAll(CLAIM_REF)) {
    const before = value.slice(at, m.index)
    if (before) out.push({ kind: 'text', text: before })
    out.push({ kind: 'claim', claimId: m[1] as string })
    at = m.index + m[0].length
  }
  if (at < value.length) out.push({ kind: 'text', text: value.slice(at) })
  return out
}

/** Inserts `[[claim:ID]]` at a cursor, with a space before it when it would touch a word. */
export function insertAt(text: string, at: number, insert: string): { text: string; cursor: number } {
  const pos = Math.max(0, Math.min(at, text.length))
  const before = text.slice(0, pos)
  const spaced = before && !/\s$/.test(before) ? ` ${insert}` : insert
  return { text: before + spaced + text.slice(pos), cursor: pos + spaced.length }
}

export interface PersonInPrint {
  source: Source
  /** As the export prints them here. */
  printed: string
  /** Their name is held back (anonymous, or not confirmed yet). */
  heldBack: boolean
}

export interface Attribution {
  people: PersonInPrint[]
  /** "Saule Bekova, a political journalist", "Bekova", "a police officer in Almaty". */
  who: string
  /** The line as printed: “words” / — who, or “words,” says who. */
  printed: string[]
  first: boolean
}

export const blockKeyOf = (sectionId: string, index: number): string => `${sectionId}:${index}`

/**
 * How each quote block will be attributed, walking the draft as the export does: a person's first
 * mention (in a quote, or by name in prose) gives the full name and role, later ones the short
 * name; people who may not be named are their description every time.
 */
export function attributions(draft: Pick<Draft, 'sections' | 'quoteStyle'>, quotes: ReadonlyMap<string, Quote>, sources: readonly Source[], style: HouseStyle): Map<string, Attribution> {
  const out = new Map<string, Attribution>()
  const mentioned = new Set<string>()
  const named = sources.filter((s) => s.kind === 'person' && mayBeNamed(s))
  const [open, close] = quoteMarks(style)
  for (const section of draft.sections) {
    section.blocks.forEach((block, index) => {
      if (block.type === 'prose') {
        for (const s of named) if ([s.name, ...s.aliases].some((n) => n.length > 2 && block.text.includes(n))) mentioned.add(s.id)
        return
      }
      if (block.type !== 'quote') return
      const quote = quotes.get(block.quoteId)
      if (!quote) return
      let first = false
      const people = sourcesOfQuote(quote, sources).map((source) => {
        const firstMention = !mentioned.has(source.id)
        first ||= firstMention
        mentioned.add(source.id)
        return { source, printed: attributionName(source, style, firstMention ? 'first' : 'later'), heldBack: !mayBeNamed(source) }
      })
      const who = people.length ? people.map((p) => p.printed).join(' and ') : 'a source who asked not to be named'
      const words = excerptText(quote.text, block.excerpt)
      const printed = draft.quoteStyle === 'inline' ? [`${open}${words.replace(/[.,;:]+$/, '')},${close} ${style.attributionVerb} ${who}.`] : [`${open}${words}${close}`, `${dashOf(style)} ${who}`]
      out.set(blockKeyOf(section.id, index), { people, who, printed, first })
    })
  }
  return out
}

/** What a quote block says about itself as the editor types: faithful, or every reason it is not. */
export interface QuoteVerdict {
  kind: 'as-said' | 'faithful' | 'error'
  messages: string[]
  /** Words said off the record: never printed, whatever the override. */
  offRecord: boolean
  /** The quote's words changed in the transcript, or are gone. */
  changed: boolean
  missing: boolean
}

export function quoteVerdict(quote: Quote | undefined, excerpt: string | undefined): QuoteVerdict {
  if (!quote) return { kind: 'error', messages: ['This quote is no longer in the archive. Remove the block or pick another quote.'], offRecord: false, changed: false, missing: true }
  const messages: string[] = []
  if (quote.status === 'changed') messages.push('The transcript was corrected after this quote was saved: review the quote before printing it.')
  if (quote.status === 'missing') messages.push('These words are no longer in the transcript.')
  messages.push(...checkExcerpt(quote.text, excerpt).map((p) => p.message))
  const trimmed = excerpt !== undefined && excerpt.trim() !== ''
  return {
    kind: messages.length ? 'error' : trimmed ? 'faithful' : 'as-said',
    messages,
    offRecord: quote.spansOffRecord,
    changed: quote.status === 'changed',
    missing: quote.status === 'missing'
  }
}

/** The check's problems and statements, by block. */
export function byBlock(check: DraftCheck | null): { problems: Map<string, DraftProblem[]>; statements: Map<string, Statement[]>; section: Map<string, DraftProblem[]> } {
  const problems = new Map<string, DraftProblem[]>()
  const statements = new Map<string, Statement[]>()
  const section = new Map<string, DraftProblem[]>()
  for (const p of check?.problems ?? []) {
    if (p.kind === 'unsourced') continue
    const map = p.blockIndex >= 0 ? problems : section
    const key = p.blockIndex >= 0 ? blockKeyOf(p.sectionId, p.blockIndex) : p.sectionId
    map.set(key, [...(map.get(key) ?? []), p])
  }
  for (const s of check?.statements ?? []) {
    const key = blockKeyOf(s.sectionId, s.blockIndex)
    statements.set(key, [...(statements.get(key) ?? []), s])
  }
  return { problems, statements, section }
}

/** One problem of a refused export, with the block it names when it names one. */
export interface RefusalLine {
  kind: string
  text: string
  sectionId?: string
  blockIndex?: number
}

/**
 * A refused export's message lists each problem as "- kind (where): message", where is
 * “Heading”, block N / section N, block N / the draft. Each line is tied back to its block so the
 * editor can go to it; a line that names no block still shows.
 */
export function refusalLines(message: string, draft: Pick<Draft, 'sections'>): RefusalLine[] {
  const lines = message.split('\n').filter((l) => l.startsWith('- '))
  if (!lines.length) return [{ kind: 'refused', text: message }]
  return lines.map((line) => {
    const m = /^- ([a-z ]+?) \((.+?)\): (.*)$/s.exec(line)
    if (!m) return { kind: 'refused', text: line.slice(2) }
    const [, kind, where, text] = m as unknown as [string, string, string, string]
    const out: RefusalLine = { kind, text }
    const block = /, block (\d+)$/.exec(where)
    const name = block ? where.slice(0, block.index) : where
    const numbered = /^section (\d+)$/.exec(name)
    const heading = /^“(.*)”$/s.exec(name)?.[1]
    const section = numbered ? draft.sections[Number(numbered[1]) - 1] : heading !== undefined ? draft.sections.find((s) => s.heading.trim() === heading) : undefined
    if (section) {
      out.sectionId = section.id
      if (block) out.blockIndex = Number(block[1]) - 1
    }
    return out
  })
}

/** A file name for what the app saves beside an export: the title, made safe. */
export function fileBase(title: string): string {
  const base = title.normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 80).toLowerCase()
  return base || 'draft'
}

/** A block as a one-line label: for the picker, the problem list and undo's notice. */
export function blockLabel(block: DraftBlock, quotes: ReadonlyMap<string, Quote>): string {
  if (block.type === 'prose') return block.text.trim() ? short(block.text.trim(), 60) : 'empty prose'
  if (block.type === 'quote') return `quote “${short(quotes.get(block.quoteId)?.text ?? 'missing', 50)}”`
  if (block.type === 'claim') return 'claim'
  return `image ${block.path || '(no path yet)'}`
}

export const short = (s: string, n = 80): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s)
