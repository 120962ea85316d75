// The fact-check sheet for the copy desk: every claim of a draft (or of the archive) with its
// status, the editor's override and reason, and each piece of evidence with speaker, interview,
// time and the exact words. Built as a Markdown syntax tree (mdast) and written by
// mdast-util-to-markdown with GFM tables, so no transcript text can break out of its cell: a `|`,
// a line break, `<script>` or `[x](javascript:…)` in a quote stays literal text.
import type { Root, RootContent, PhrasingContent, Table, TableRow } from 'mdast'
import { toMarkdown } from 'mdast-util-to-markdown'
import { gfmToMarkdown } from 'mdast-util-gfm'
import { claimStatusLabels, type ClaimReview, type EvidenceView } from '../../shared/claims'
import type { HouseStyle, Source } from '../../shared/model'
import { printedName } from '../../shared/naming'
import { formatTime } from '../../shared/time'

export interface FactcheckInput {
  title: string
  archiveName: string
  claims: ClaimReview[]
  sources: ReadonlyMap<string, Source>
  style: HouseStyle
  /** Quote blocks printed despite an integrity error, with the editor's reason. */
  overrides?: { where: string; quote: string; problem: string; reason: string }[]
  generatedAt?: Date
}

/** Applies `rewrite` (the pseudonyms) to every piece of text in the tree, headings and cells included. */
export function rewriteText(tree: Root, rewrite: (value: string) => string): Root {
  const visit = (node: { type: string; value?: string; children?: unknown[] }): void => {
    if (node.type === 'text' && typeof node.value === 'string') node.value = rewrite(node.value)
    for (const child of node.children ?? []) visit(child as { type: string })
  }
  visit(tree as never)
  return tree
}

const text = (value: string): PhrasingContent => ({ type: 'text', value: value.replace(/\s*[\r\n]+\s*/g, ' ') })
const strong = (value: string): PhrasingContent => ({ type: 'strong', children: [text(value)] })
const cell = (...children: PhrasingContent[]) => ({ type: 'tableCell' as const, children })

/** Who said it, as the sheet may name them: the same naming rules as the export. */
function speakerOf(e: EvidenceView, sources: ReadonlyMap<string, Source>, style: HouseStyle): string {
  const source = e.sourceId ? sources.get(e.sourceId) : undefined
  if (!source) return e.speaker || 'unknown speaker'
  return printedName(source, style, 'first')
}

function statusCell(c: ClaimReview): PhrasingContent[] {
  const chosen = claimStatusLabels[c.status]
  if (!c.overridden) return [strong(chosen), text(c.statusSetBy === 'editor' ? ' (editor, agrees with the evidence)' : ' (from the evidence)')]
  return [
    strong(chosen),
    text(` (editor's choice; the evidence suggests ${claimStatusLabels[c.suggestedStatus].toLowerCase()})`),
    ...(c.overrideReason ? [text(`. Reason: ${c.overrideReason}`)] : [text('. No reason given.')])
  ]
}

function evidenceCells(e: EvidenceView, sources: ReadonlyMap<string, Source>, style: HouseStyle) {
  if (e.missing) return [cell(text(e.stance)), cell(text('—')), cell(text('—')), cell(text('—')), cell(text('The quote or document this evidence pointed at is gone.'))]
  const words = e.offRecord ? '[off the record: not printed here]' : e.text
  const flag = e.quoteStatus === 'changed' ? ' [the transcript has changed since this quote was saved]' : e.quoteStatus === 'missing' ? ' [these words are no longer in the transcript]' : ''
  return [
    cell(text(e.stance)),
    cell(text(speakerOf(e, sources, style))),
    cell(text(e.kind === 'document' ? 'document' : (e.interviewTitle ?? ''))),
    cell(text(e.startSeconds !== undefined && e.startSeconds !== null ? formatTime(e.startSeconds) : e.segmentIndex !== undefined ? `segment ${e.segmentIndex + 1}` : '')),
    cell(text(`${words}${flag}`))
  ]
}

export function factcheckTree(input: FactcheckInput): Root {
  const { claims, sources, style } = input
  const header: TableRow = {
    type: 'tableRow',
    children: ['#', 'Claim', 'Status', 'Independent sources', 'Stance', 'Speaker', 'Interview', 'Time', 'Exact words'].map((h) => cell(text(h)))
  }
  const rows: TableRow[] = []
  claims.forEach((c, i) => {
    const lead = [cell(text(String(i + 1))), cell(text(c.text)), cell(...statusCell(c)), cell(text(String(c.distinctSources)))]
    const blank = [cell(), cell(), cell(), cell()]
    const evidence = c.evidence.length ? c.evidence : null
    if (!evidence) rows.push({ type: 'tableRow', children: [...lead, cell(text('—')), cell(), cell(), cell(), cell(text('No evidence linked.'))] })
    else evidence.forEach((e, k) => rows.push({ type: 'tableRow', children: [...(k === 0 ? lead : blank), ...evidenceCells(e, sources, style)] }))
  })
  const table: Table = { type: 'table', align: [], children: [header, ...rows] }
  const when = (input.generatedAt ?? new Date()).toISOString().slice(0, 16).replace('T', ' ')
  const children: RootContent[] = [
    { type: 'heading', depth: 1, children: [text(`Fact-check sheet: ${input.title}`)] },
    {
      type: 'paragraph',
      children: [text(`${claims.length} claim${claims.length === 1 ? '' : 's'} from the archive “${input.archiveName}”, ${when} UTC. Off-the-record words are not printed; people who may not be named appear as described.`)]
    },
    table
  ]
  const conflicts = claims.flatMap((c, i) => c.conflicts.map((k) => ({ n: i + 1, k })))
  if (conflicts.length) {
    children.push({ type: 'heading', depth: 2, children: [text('Where sources disagree')] })
    children.push({
      type: 'list',
      ordered: false,
      spread: false,
      children: conflicts.map(({ n, k }) => ({
        type: 'listItem',
        spread: false,
        children: [
          {
            type: 'paragraph',
            children: [
              text(
                `Claim ${n} (${k.about}): ${nameOfSide(k.a, sources, style)} says “${k.a.said}”${at(k.a)}; ${nameOfSide(k.b, sources, style)} says “${k.b.said}”${at(k.b)}.`
              )
            ]
          }
        ]
      }))
    })
  }
  if (input.overrides?.length) {
    children.push({ type: 'heading', depth: 2, children: [text('Quotes printed despite a check')] })
    children.push({
      type: 'list',
      ordered: false,
      spread: false,
      children: input.overrides.map((o) => ({
        type: 'listItem',
        spread: false,
        children: [{ type: 'paragraph', children: [text(`${o.where}: “${o.quote}”. ${o.problem} Editor's reason: ${o.reason}`)] }]
      }))
    })
  }
  return { type: 'root', children }
}

function nameOfSide(side: { speaker: string; sourceId?: string }, sources: ReadonlyMap<string, Source>, style: HouseStyle): string {
  const s = side.sourceId ? sources.get(side.sourceId) : undefined
  return s ? printedName(s, style, 'first') : side.speaker
}

function at(side: { interviewTitle?: string; startSeconds?: number | null }): string {
  const parts = [side.interviewTitle, side.startSeconds !== undefined && side.startSeconds !== null ? formatTime(side.startSeconds) : undefined].filter(Boolean)
  return parts.length ? ` (${parts.join(', ')})` : ''
}

export function factcheckMarkdown(input: FactcheckInput, rewrite: (value: string) => string = (v) => v): string {
  return toMarkdown(rewriteText(factcheckTree(input), rewrite), { extensions: [gfmToMarkdown()], bullet: '-', emphasis: '_' })
}
