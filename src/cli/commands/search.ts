import { VerbatimError } from '../../shared/errors'
import { parse } from '../args'
import { openFor } from '../open'
import { printJson } from '../output'

/**
 * `verbatim search QUERY`: `hits` holds transcript segments, best first, in the documented shape;
 * quotes, sources and interviews that match come in `others`.
 */
export async function searchCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, { archive: { type: 'string' }, json: { type: 'boolean' }, limit: { type: 'string' } })
  const query = positionals.join(' ').trim()
  if (!query) throw new VerbatimError('invalid-input', 'Usage: verbatim search QUERY [--archive DIR] [--json] [--limit N]')
  const limit = values.limit === undefined ? 50 : Number(values.limit)
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new VerbatimError('invalid-input', '--limit takes a whole number from 1 to 1000.')
  const session = await openFor(values.archive, 'read', 'verbatim search')
  try {
    const { hits } = await session.client.call('search.query', { query, limit })
    const segments = hits
      .filter((h) => h.kind === 'segment')
      .map((h) => ({
        interviewId: h.interviewId,
        segmentIndex: h.segmentIndex,
        speaker: h.speaker ?? '',
        text: h.text,
        segmentId: h.segmentId,
        interviewTitle: h.interviewTitle,
        offRecord: h.offRecord === true,
        score: h.score
      }))
    const others = hits.filter((h) => h.kind !== 'segment').map((h) => ({ kind: h.kind, id: h.id, interviewId: h.interviewId, text: h.text, score: h.score }))
    if (values.json) return printJson({ hits: segments, others })
    for (const h of segments) process.stdout.write(`${h.interviewTitle ?? h.interviewId} #${h.segmentIndex}  ${h.speaker}: ${h.text}\n`)
    for (const o of others) process.stdout.write(`${o.kind} ${o.id}: ${o.text}\n`)
    if (hits.length === 0) process.stdout.write('No matches.\n')
  } finally {
    await session.close()
  }
}
