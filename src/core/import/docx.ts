// Word documents from transcription services, read with mammoth. Mammoth's document model (runs
// with isBold, paragraphs with style names) is taken through its transformDocument hook, because a
// bold "LENA MORETTI:" is the label and the HTML it would render loses that distinction.
//
// Each Word paragraph is one unit. Unlabelled paragraphs before the first turn describe the
// interview: they go to metadata.notes (a bold or heading first paragraph is also the title).
// Tables whose rows hold speaker / time / text cells are read row by row.
import mammoth from 'mammoth'
import { checkDocxPackage, damagedWordDocument } from './docx-package'
import { guardedAsync } from './guard'
import { isSpeakerLabel } from './labels'
import { MAX_SEGMENTS, tooManySegments } from './segment-cap'
import { joinLines } from './text-cleanup'
import { parseTimecode } from './timecode'
import { assembleTurns, type Block } from './turns'
import { ImportError, type ParsedInterview, type ParsedSegment } from './types'

/** The parts of mammoth's document model this reader looks at. */
interface DocNode {
  type: string
  children?: DocNode[]
  value?: string
  isBold?: boolean
  styleId?: string | null
  styleName?: string | null
}

interface Paragraph {
  text: string
  boldPrefix: string
  allBold: boolean
  heading: boolean
}

function isHeadingStyle(node: DocNode): boolean {
  return /^(?:heading|title|subtitle|заголовок|название|тақырып)/i.test(node.styleName ?? '') || /^(?:heading|title)/i.test(node.styleId ?? '')
}

interface RunText {
  text: string
  bold: boolean
}

function collectRuns(node: DocNode, bold: boolean, out: RunText[]): void {
  switch (node.type) {
    case 'text':
      out.push({ text: node.value ?? '', bold })
      return
    case 'tab':
    case 'break':
      out.push({ text: ' ', bold })
      return
    case 'run':
      for (const child of node.children ?? []) collectRuns(child, node.isBold === true, out)
      return
    case 'noteReference':
    case 'commentReference':
    case 'image':
    case 'checkbox':
    case 'bookmarkStart':
      return
    default:
      for (const child of node.children ?? []) collectRuns(child, bold, out)
  }
}

function readParagraph(node: DocNode): Paragraph {
  const runs: RunText[] = []
  collectRuns(node, false, runs)
  let boldPrefix = ''
  let inPrefix = true
  let allBold = true
  let any = false
  for (const run of runs) {
    const visible = run.text.trim() !== ''
    if (visible) any = true
    if (visible && !run.bold) allBold = false
    if (inPrefix) {
      if (run.bold) boldPrefix += run.text
      else if (visible) inPrefix = false
    }
  }
  return {
    text: joinLines(runs.map((r) => r.text).join('')),
    boldPrefix: boldPrefix.trim(),
    allBold: any && allBold,
    heading: isHeadingStyle(node)
  }
}

function cellText(cell: DocNode): string {
  const parts: string[] = []
  for (const child of cell.children ?? []) {
    if (child.type === 'paragraph') parts.push(readParagraph(child).text)
  }
  return joinLines(parts.join('\n'))
}

const TABLE_HEADER_WORDS = new Set(['speaker', 'name', 'time', 'timecode', 'timestamp', 'start', 'text', 'transcript', 'words', 'спикер', 'время', 'текст'])

/** A table row "Speaker | 00:01:05 | text" as a paragraph "[00:01:05] Speaker: text". */
function readRow(row: DocNode, known: Set<string>): Paragraph | null {
  const cells = (row.children ?? []).filter((c) => c.type === 'tableCell').map(cellText)
  const filled = cells.filter((c) => c !== '')
  if (filled.length === 0) return null
  if (filled.every((c) => TABLE_HEADER_WORDS.has(c.toLowerCase()))) return null
  let time: string | null = null
  let speaker: string | null = null
  const rest: string[] = []
  for (const cell of filled) {
    const bare = cell.replace(/^\[|\]$/g, '')
    if (time === null && parseTimecode(bare) !== null) time = bare
    else if (speaker === null && rest.length === 0 && cell.length <= 60 && isSpeakerLabel(cell, { known })) speaker = cell.replace(/[:：]$/, '')
    else rest.push(cell)
  }
  if (speaker !== null) known.add(speaker)
  const text = `${time === null ? '' : `[${time}] `}${speaker === null ? '' : `${speaker}: `}${rest.join(' ')}`
  return { text, boldPrefix: speaker ?? '', allBold: false, heading: false }
}

function paragraphsOf(node: DocNode, out: Paragraph[], known: Set<string>): void {
  if (node.type === 'paragraph') {
    out.push(readParagraph(node))
    return
  }
  if (node.type === 'table') {
    for (const row of node.children ?? []) {
      if (row.type !== 'tableRow') continue
      const p = readRow(row, known)
      if (p !== null) out.push(p)
    }
    return
  }
  for (const child of node.children ?? []) paragraphsOf(child, out, known)
}

/** Thrown from mammoth's transformDocument hook once the document model is in hand: the HTML it would render next is not needed. */
class GotDocument extends Error {
  constructor(readonly document: DocNode) {
    super('document read')
  }
}

async function readDocument(bytes: Uint8Array): Promise<DocNode> {
  await checkDocxPackage(bytes)
  try {
    await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        transformDocument: (element: DocNode) => {
          throw new GotDocument(element)
        },
        // Images are not transcript; skipping them keeps a photo-heavy document fast.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
        externalFileAccess: false
      }
    )
  } catch (e) {
    if (e instanceof GotDocument) return e.document
    const detail = e instanceof Error ? (e.message.split('\n')[0] ?? '').slice(0, 160) : ''
    throw damagedWordDocument(`its contents cannot be read${detail === '' ? '.' : ` (${detail}).`}`)
  }
  throw damagedWordDocument('it has no readable body.')
}

export const parseDocx = guardedAsync('this Word document', async (bytes: Uint8Array): Promise<Omit<ParsedInterview, 'encoding'>> => {
  const document = await readDocument(bytes)
  const paragraphs: Paragraph[] = []
  paragraphsOf(document, paragraphs, new Set())
  const visible = paragraphs.filter((p) => p.text !== '')
  if (visible.length === 0) throw new ImportError('This Word document has no text in it.')
  if (visible.length > MAX_SEGMENTS) throw tooManySegments()

  const blocks: Block[] = visible.map((p, i) => ({
    kind: p.heading ? 'heading' : 'text',
    text: p.text,
    line: i + 1,
    ...(p.boldPrefix === '' ? {} : { emphasisedPrefix: p.boldPrefix }),
    titleCandidate: i === 0 && p.allBold
  }))
  const assembled = assembleTurns(blocks, { titleAlsoInNotes: true, unitName: 'paragraph' })
  if (assembled.segments.length > 0) return { format: 'docx', ...assembled }

  // No speaker labels anywhere: keep every paragraph as an unlabelled segment rather than lose the text.
  const segments: ParsedSegment[] = visible.map((p) => ({
    speaker: '',
    text: p.text,
    startSeconds: null,
    endSeconds: null,
    offRecord: false,
    tags: []
  }))
  return {
    format: 'docx',
    metadata: {},
    segments,
    warnings: ['No speaker labels ("NAME:") were found; every paragraph became a segment without a speaker.']
  }
})
