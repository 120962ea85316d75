// A draft, checked and turned into the article a CMS takes: Markdown (CommonMark with YAML front
// matter and GFM footnotes), built as a syntax tree so that no transcript or prose text can become
// HTML, a link, a heading or a table. Every quote is the transcript's exact words (or a faithful
// excerpt of them), every person is named by their naming rule in house style, every claim's
// evidence is a footnote, and the finished text is read once more for anything confidential.
import type { BlockContent, FootnoteDefinition, ListItem, Paragraph, PhrasingContent, Root, RootContent } from 'mdast'
import { toMarkdown } from 'mdast-util-to-markdown'
import { gfmToMarkdown } from 'mdast-util-gfm'
import { frontmatterToMarkdown } from 'mdast-util-frontmatter'
import { stringify as toYaml } from 'yaml'
import { claimStatusLabels, type ClaimReview } from '../../shared/claims'
import { CLAIM_REF } from '../../shared/claim-refs'
import { checkExcerpt, excerptText } from '../../shared/excerpt'
import type { ArchiveIndex, Draft, DraftBlock, HouseStyle, Quote, Source } from '../../shared/model'
import { attributionName, dashOf, mayBeNamed, printedName, quoteMarks, sourcesOfQuote } from '../../shared/naming'
import { parseProse } from '../../shared/prose'
import { formatTime } from '../../shared/time'
import { rewriteText } from '../claims/factcheck'
import { LeakCheck, pseudonymise, type ProtectedPerson } from './protect'
import type { DraftCheck, DraftProblem, HeldBack, ProblemKind, Statement } from '../../shared/drafts'
import { statementsOf } from './statements'

export type { DraftCheck, DraftProblem, ProblemKind, Statement }

export interface ExportInput {
  draft: Draft
  index: Readonly<ArchiveIndex>
  /** The claims the draft states, reviewed (evidence with exact words, speakers, times). */
  claims: ReadonlyMap<string, ClaimReview>
  people: readonly ProtectedPerson[]
  leakCheck: LeakCheck
  /** Today, for the front matter. */
  date?: string
}

export interface ExportResult {
  markdown: string
  tree: Root
  /** People whose names the export held back, and why (said to the editor, never printed). */
  heldBack: HeldBack[]
  problems: DraftProblem[]
  /** Quote blocks printed despite an integrity error, for the fact-check sheet. */
  overrides: { where: string; quote: string; problem: string; reason: string }[]
}


const SAFE_IMAGE = /^(?![a-z][a-z0-9+.-]*:)(?!\/\/)[^\s<>"]+$|^https?:\/\/[^\s<>"]+$/i

/** The draft's problems, block by block, and how its statements of fact stand. */
export function checkDraft(draft: Draft, index: Readonly<ArchiveIndex>): DraftCheck {
  const quotes = new Map(index.quotes.map((q) => [q.id, q]))
  const claims = new Map(index.claims.map((c) => [c.id, c]))
  const problems: DraftProblem[] = []
  for (const section of draft.sections) {
    section.blocks.forEach((block, blockIndex) => {
      const at = { sectionId: section.id, blockIndex }
      if (block.type === 'quote') {
        const quote = quotes.get(block.quoteId)
        if (!quote) {
          problems.push({ ...at, kind: 'missing quote', message: `The quote this block shows (${block.quoteId}) is no longer in the archive.` })
          return
        }
        if (quote.spansOffRecord) problems.push({ ...at, kind: 'leak', message: `“${short(quote.text)}” takes words said off the record: it can never be printed.` })
        const integrity: string[] = []
        if (quote.status === 'changed') integrity.push('The transcript was corrected after this quote was saved: review the quote before printing it.')
        if (quote.status === 'missing') integrity.push('These words are no longer in the transcript.')
        for (const p of checkExcerpt(quote.text, block.excerpt)) integrity.push(p.message)
        for (const message of integrity) problems.push({ ...at, kind: 'integrity', message, ...(block.override?.trim() ? { overridden: block.override.trim() } : {}) })
      } else if (block.type === 'claim') {
        if (!claims.has(block.claimId)) problems.push({ ...at, kind: 'integrity', message: `This block states a claim (${block.claimId}) that is no longer in the archive.` })
      } else if (block.type === 'image') {
        if (!SAFE_IMAGE.test(block.path.trim())) problems.push({ ...at, kind: 'integrity', message: `The image path “${short(block.path)}” is not a file or a web address.` })
      } else {
        for (const m of block.text.matchAll(CLAIM_REF)) {
          if (!claims.has(m[1] as string)) problems.push({ ...at, kind: 'integrity', message: `The text refers to a claim (${m[1]}) that is no longer in the archive.` })
        }
      }
    })
  }
  const statements = statementsOf(draft)
  const counts: DraftCheck['counts'] = { corroborated: 0, disputed: 0, unverified: 0, false: 0, 'verified-by-document': 0, unsourced: 0 }
  for (const s of statements) {
    const tied = s.claimIds.map((id) => claims.get(id)).filter((c) => c !== undefined)
    if (!tied.length) {
      counts.unsourced++
      problems.push({ sectionId: s.sectionId, blockIndex: s.blockIndex, kind: 'unsourced', message: `“${short(s.sentence)}” states ${s.reasons.join(', ')} and is tied to no claim.` })
      continue
    }
    // A sentence tied to several claims is as strong as its weakest.
    const order = ['false', 'disputed', 'unverified', 'corroborated', 'verified-by-document'] as const
    const weakest = order.find((st) => tied.some((c) => c.status === st)) ?? 'unverified'
    counts[weakest]++
  }
  return { problems, statements, counts }
}

const short = (s: string, n = 80): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s)

const text = (value: string): PhrasingContent => ({ type: 'text', value })
const para = (...children: PhrasingContent[]): Paragraph => ({ type: 'paragraph', children })

/** Builds the article, pseudonyms applied; the caller checks it for leaks. */
export function exportDraft(input: ExportInput): ExportResult {
  const { draft, index, people } = input
  const style: HouseStyle = index.settings.houseStyle
  const check = checkDraft(draft, index)
  const problems = [...check.problems]
  const quotes = new Map(index.quotes.map((q) => [q.id, q]))
  const claimsById = new Map(index.claims.map((c) => [c.id, c]))
  const sourcesById = new Map(index.sources.map((s) => [s.id, s]))
  const mentioned = new Set<string>()
  const printedSources = new Map<string, Source>()
  const footnotes = new Map<string, string>() // claim id → footnote label
  const [open, close] = quoteMarks(style)
  const dash = dashOf(style)
  const overrides: ExportResult['overrides'] = []
  const protect = (value: string): string => pseudonymise(value, people).text

  // Names an on-record person by prose counts as their first mention: a later quote uses the short name.
  const named = index.sources.filter((s) => s.kind === 'person' && mayBeNamed(s))
  const notePersonMentions = (prose: string): void => {
    for (const s of named) if ([s.name, ...s.aliases].some((n) => n.length > 2 && prose.includes(n))) mentioned.add(s.id)
  }
  const attribution = (sources: Source[]): string => {
    const names = sources.map((s) => {
      printedSources.set(s.id, s)
      const first = !mentioned.has(s.id)
      mentioned.add(s.id)
      return attributionName(s, style, first ? 'first' : 'later')
    })
    return names.length ? names.join(' and ') : 'a source who asked not to be named'
  }
  const footnoteFor = (claimId: string): PhrasingContent | null => {
    if (!claimsById.has(claimId)) return null
    let label = footnotes.get(claimId)
    if (!label) {
      label = `claim-${footnotes.size + 1}`
      footnotes.set(claimId, label)
    }
    return { type: 'footnoteReference', identifier: label, label }
  }

  const body: RootContent[] = []
  if (draft.standfirst?.trim()) body.push(para({ type: 'emphasis', children: [text(draft.standfirst.trim())] }))
  draft.sections.forEach((section) => {
    if (section.heading.trim()) body.push({ type: 'heading', depth: 2, children: [text(section.heading.trim())] })
    section.blocks.forEach((block, blockIndex) => {
      const where = `${section.heading.trim() ? `“${short(section.heading, 40)}”` : 'untitled section'}, block ${blockIndex + 1}`
      body.push(...renderBlock(block, blockIndex, where))
    })
  })

  function renderBlock(block: DraftBlock, blockIndex: number, where: string): RootContent[] {
    void blockIndex
    if (block.type === 'prose') {
      notePersonMentions(block.text)
      const tree = parseProse(block.text)
      return tree.children.map((n) => withClaimRefs(n))
    }
    if (block.type === 'quote') {
      const quote = quotes.get(block.quoteId)
      if (!quote || quote.spansOffRecord) return []
      const excerpt = excerptText(quote.text, block.excerpt)
      const problem = checkExcerpt(quote.text, block.excerpt)[0]?.message ?? (quote.status === 'changed' || quote.status === 'missing' ? 'The transcript changed after the quote was saved.' : undefined)
      if (problem && block.override?.trim()) overrides.push({ where, quote: excerpt, problem, reason: block.override.trim() })
      const who = attribution(sourcesOfQuote(quote, index.sources))
      if (draft.quoteStyle === 'inline') {
        const words = excerpt.replace(/[.,;:]+$/, '')
        return [para(text(`${open}${words},${close} ${style.attributionVerb} ${who}.`))]
      }
      return [{ type: 'blockquote', children: [para(text(`${open}${excerpt}${close}`)), para(text(`${dash} ${who}`))] }]
    }
    if (block.type === 'claim') {
      const claim = claimsById.get(block.claimId)
      if (!claim) return []
      const ref = footnoteFor(claim.id)
      return [para(text(claim.text), ...(ref ? [ref] : []))]
    }
    const source = block.sourceId ? sourcesById.get(block.sourceId) : undefined
    if (source) printedSources.set(source.id, source)
    const credit = source ? (source.credit?.trim() || (source.kind === 'document' ? source.name : printedName(source, style, 'first'))) : undefined
    const out: RootContent[] = []
    if (SAFE_IMAGE.test(block.path.trim())) out.push(para({ type: 'image', url: block.path.trim(), alt: block.caption ?? '' }))
    const caption = [block.caption?.trim(), credit ? `Photo: ${credit}` : undefined].filter(Boolean).join(' ')
    if (caption) out.push(para({ type: 'emphasis', children: [text(caption)] }))
    return out
  }

  function withClaimRefs(node: RootContent): RootContent {
    if ('children' in node) {
      const children: unknown[] = []
      for (const child of node.children as RootContent[]) {
        if (child.type === 'text') children.push(...splitRefs(child.value))
        else children.push(withClaimRefs(child))
      }
      return { ...node, children } as RootContent
    }
    return node
  }

  function splitRefs(value: string): PhrasingContent[] {
    const out: PhrasingContent[] = []
    let at = 0
    for (const m of value.matchAll(CLAIM_REF)) {
      const before = value.slice(at, m.index).replace(/\s+$/, '')
      if (before) out.push(text(before))
      const ref = footnoteFor(m[1] as string)
      if (ref) out.push(ref)
      at = m.index + m[0].length
    }
    const rest = value.slice(at)
    if (rest) out.push(text(rest))
    return out
  }

  // Claims stated in claim blocks and prose, each a footnote with its evidence.
  const definitions: FootnoteDefinition[] = []
  for (const [claimId, label] of footnotes) {
    const review = input.claims.get(claimId)
    const claim = claimsById.get(claimId)
    if (!claim) continue
    const status = claimStatusLabels[claim.status]
    const override = review?.overridden ? ` (the editor's choice; the evidence suggests ${claimStatusLabels[review.suggestedStatus].toLowerCase()}${claim.overrideReason ? `: ${claim.overrideReason}` : ''})` : ''
    const children: BlockContent[] = [para(text(`${status}${override}. ${review?.reason ?? ''}`.trim()))]
    const items: ListItem[] = (review?.evidence ?? []).map((e) => {
      const source = e.sourceId ? sourcesById.get(e.sourceId) : undefined
      if (source) printedSources.set(source.id, source)
      const who = source ? printedName(source, style, 'first') : e.speaker || 'unknown'
      const at = [e.interviewTitle, e.startSeconds !== undefined && e.startSeconds !== null ? formatTime(e.startSeconds) : undefined].filter(Boolean).join(', ')
      const words = e.offRecord ? 'words said off the record, not printed' : e.missing ? 'evidence no longer in the archive' : e.kind === 'document' ? (e.note ?? '') : `${open}${e.text}${close}`
      return { type: 'listItem', spread: false, children: [para(text(`${e.stance}: ${who}${at ? ` (${at})` : ''}${words ? `: ${words}` : ''}`))] }
    })
    if (items.length) children.push({ type: 'list', ordered: false, spread: false, children: items })
    definitions.push({ type: 'footnoteDefinition', identifier: label, label, children })
  }

  // The sources as printed: the people and documents the article rests on.
  const list: ListItem[] = [...printedSources.values()].map((s) => {
    const line =
      s.kind === 'document'
        ? [s.name, s.publisher, s.date].filter(Boolean).join(', ')
        : mayBeNamed(s)
          ? attributionName(s, style, 'first')
          : printedName(s, style, 'first')
    return { type: 'listItem', spread: false, children: [para(text(line))] }
  })
  if (list.length) body.push({ type: 'heading', depth: 2, children: [text('Sources')] }, { type: 'list', ordered: false, spread: false, children: list })
  body.push(...definitions)

  const front: Record<string, unknown> = {
    title: protect(draft.title),
    ...(draft.standfirst?.trim() ? { standfirst: protect(draft.standfirst.trim()) } : {}),
    ...(draft.byline?.trim() ? { byline: protect(draft.byline.trim()) } : {}),
    ...(draft.editor?.trim() ? { editor: protect(draft.editor.trim()) } : {}),
    date: input.date ?? new Date().toISOString().slice(0, 10),
    tags: draft.tags.map(protect)
  }
  const tree = rewriteText({ type: 'root', children: [{ type: 'yaml', value: toYaml(front).trimEnd() }, ...body] }, protect)
  const markdown = toMarkdown(tree, { extensions: [gfmToMarkdown(), frontmatterToMarkdown(['yaml'])], bullet: '-', emphasis: '_', rule: '-' })

  // The leak check reads what would be written, block by block (to name the block) and whole.
  for (const section of draft.sections) {
    section.blocks.forEach((block, blockIndex) => {
      for (const leak of input.leakCheck.check(protect(blockWords(block, quotes)))) {
        problems.push({ sectionId: section.id, blockIndex, kind: 'leak', message: describeLeak(leak) })
      }
    })
  }
  if (!problems.some((p) => p.kind === 'leak')) {
    for (const leak of input.leakCheck.check(markdown)) problems.push({ sectionId: '', blockIndex: -1, kind: 'leak', message: `${describeLeak(leak)} (in the front matter, a caption, a footnote or the source list)` })
  }
  const heldBack = people
    .filter((p) => printedSources.has(p.sourceId) || markdownMentionedBefore(p, draft))
    .map((p) => ({ sourceId: p.sourceId, name: p.name, why: p.why, printedAs: p.description }))
  return { markdown, tree, heldBack, problems, overrides }
}

function markdownMentionedBefore(p: ProtectedPerson, draft: Draft): boolean {
  const all = JSON.stringify(draft)
  return p.spellings.some((s) => all.includes(s))
}

function blockWords(block: DraftBlock, quotes: ReadonlyMap<string, Quote>): string {
  if (block.type === 'prose') return block.text
  if (block.type === 'image') return block.caption ?? ''
  if (block.type === 'quote') {
    const q = quotes.get(block.quoteId)
    return q ? excerptText(q.text, block.excerpt) : ''
  }
  return ''
}

function describeLeak(leak: { kind: 'name' | 'off-record'; found: string }): string {
  return leak.kind === 'name' ? `It would print “${leak.found}”, the name of a source who may not be named.` : `It would print words said off the record: “${short(leak.found)}”.`
}
