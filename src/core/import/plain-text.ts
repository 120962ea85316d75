// Text in no shape we know: kept, one segment per paragraph, no speakers, so the reporter can
// still read and quote it, with a warning saying nothing was recognised.
import { guarded } from './guard'
import { SegmentList } from './segment-cap'
import { joinLines, splitLines } from './text-cleanup'
import { ImportError, type ParsedInterview } from './types'

export const FORMAT_NOT_RECOGNISED =
  'format not recognised: the file was read as plain text, one segment per paragraph, without speakers or times.'

export const parsePlainText = guarded('this text file', (text: string): Omit<ParsedInterview, 'encoding'> => {
  const segments = new SegmentList()
  let paragraph: string[] = []
  const flush = (): void => {
    const body = joinLines(paragraph.join('\n'))
    paragraph = []
    if (body !== '') segments.push({ speaker: '', text: body, startSeconds: null, endSeconds: null, offRecord: false, tags: [] })
  }
  for (const line of splitLines(text)) {
    if (line.trim() === '') flush()
    else paragraph.push(line)
  }
  flush()
  if (segments.length === 0) throw new ImportError('The file has no text in it.')
  return { format: 'text', metadata: {}, segments: segments.items, warnings: [FORMAT_NOT_RECOGNISED] }
})
