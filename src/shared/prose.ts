// The editor's own prose in a draft is Markdown, but only its plain parts: paragraphs, emphasis,
// strong, inline code, line breaks, lists and block quotes. Anything else (raw HTML, links,
// images, headings, tables, code fences, rules) stays in the text as the editor typed it, so prose
// can never turn into markup a reader did not see in the editor. Parsed by mdast-util-from-markdown
// (CommonMark); shared so that the editor's live preview and the export read prose the same way.
import type { Nodes, Paragraph, PhrasingContent, Root, RootContent } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'

const PHRASING_KEPT = new Set(['text', 'emphasis', 'strong', 'inlineCode', 'break'])
const BLOCK_KEPT = new Set(['paragraph', 'list', 'listItem', 'blockquote'])

/** The source text of a node, exactly as typed. */
function sourceOf(node: Nodes, text: string): string {
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  return start === undefined || end === undefined ? '' : text.slice(start, end)
}

function phrasing(nodes: PhrasingContent[], text: string): PhrasingContent[] {
  const out: PhrasingContent[] = []
  for (const n of nodes) {
    if (!PHRASING_KEPT.has(n.type)) {
      out.push({ type: 'text', value: sourceOf(n, text) })
      continue
    }
    if ('children' in n) out.push({ ...n, children: phrasing(n.children as PhrasingContent[], text) } as PhrasingContent)
    else out.push(n)
  }
  // Neighbouring text nodes read as one (a literal "[x](y)" next to plain words).
  return out.reduce<PhrasingContent[]>((acc, n) => {
    const last = acc[acc.length - 1]
    if (last?.type === 'text' && n.type === 'text') last.value += n.value
    else acc.push(n)
    return acc
  }, [])
}

function block(node: RootContent, text: string): RootContent {
  if (!BLOCK_KEPT.has(node.type)) {
    const literal: Paragraph = { type: 'paragraph', children: [{ type: 'text', value: sourceOf(node, text) }] }
    return literal
  }
  if (node.type === 'paragraph') return { ...node, children: phrasing(node.children, text) }
  if (node.type === 'list' || node.type === 'listItem' || node.type === 'blockquote') {
    return { ...node, children: node.children.map((c) => block(c as RootContent, text)) } as RootContent
  }
  return node
}

/** Prose as a syntax tree holding only the plain parts; everything else is literal text. */
export function parseProse(text: string): Root {
  const tree = fromMarkdown(text)
  const children = tree.children.map((n) => block(n, text))
  return { type: 'root', children }
}
