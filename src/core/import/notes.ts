// Typed notes, plain text or Markdown: a heading or first line naming the interview, a block of
// details (Date:, Место:, Күні:…), then Q:/A: or Name: turns. A paragraph is one unit; a line
// that starts with a label starts a new one even without a blank line before it.
import { guarded } from './guard'
import { assembleTurns, type Block } from './turns'
import { ImportError, type ParsedInterview } from './types'
import { splitLines } from './text-cleanup'

const HEADING = /^#{1,6}[ \t]+\S/
const RULE = /^(?:-{3,}|\*{3,}|_{3,}|={3,})$/

export function notesBlocks(text: string): Block[] {
  const blocks: Block[] = []
  let previousWasText = false
  let seenContent = false
  splitLines(text).forEach((raw, i) => {
    const line = raw.trim()
    const lineNumber = i + 1
    if (line === '' || RULE.test(line)) {
      blocks.push({ kind: 'blank', text: '', line: lineNumber })
      previousWasText = false
      return
    }
    if (HEADING.test(line)) {
      blocks.push({ kind: 'heading', text: line, line: lineNumber })
      previousWasText = false
      seenContent = true
      return
    }
    blocks.push({
      kind: 'text',
      text: line,
      line: lineNumber,
      continuesPrevious: previousWasText,
      titleCandidate: !seenContent
    })
    previousWasText = true
    seenContent = true
  })
  return blocks
}

export const parseNotes = guarded('these notes', (text: string): Omit<ParsedInterview, 'encoding'> => {
  const { metadata, segments, warnings } = assembleTurns(notesBlocks(text), { titleAlsoInNotes: false, unitName: 'line' })
  if (segments.length === 0) {
    throw new ImportError('No interview turns found in these notes: expected lines such as "Q: …", "A: …" or "Name: …".')
  }
  return { format: 'notes', metadata, segments, warnings }
})
