import { VerbatimError } from '../../shared/errors'
import { archiveOption, parse } from '../args'
import { openFor } from '../open'
import { formatTime, inert, printJson } from '../output'

export async function transcriptCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, archiveOption)
  const [id] = positionals
  if (!id) throw new VerbatimError('invalid-input', 'Usage: verbatim transcript ID [--archive DIR] [--json]')
  const session = await openFor(values.archive, 'read', 'verbatim transcript')
  try {
    const transcript = await session.client.call('transcript.get', { id })
    if (values.json) return printJson(transcript)
    process.stdout.write(`${inert(transcript.title)}\n\n`)
    for (const s of transcript.segments) {
      const mark = s.offRecord ? ' [OFF THE RECORD]' : ''
      process.stdout.write(`${formatTime(s.startSeconds).padStart(8)}  ${inert(s.speaker) || '—'}${mark}: ${inert(s.text)}\n`)
    }
  } finally {
    await session.close()
  }
}
