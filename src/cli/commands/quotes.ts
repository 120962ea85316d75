import { parse } from '../args'
import { openFor } from '../open'
import { inert, printJson } from '../output'

/** `verbatim quotes`: every quote with its tags and whether it still matches its transcript. */
export async function quotesCommand(argv: string[]): Promise<void> {
  const { values } = parse(argv, { archive: { type: 'string' }, json: { type: 'boolean' } })
  const session = await openFor(values.archive, 'read', 'verbatim quotes')
  try {
    const [quotes, tags, interviews] = await Promise.all([
      session.client.call('quotes.list', {}),
      session.client.call('tags.list', {}),
      session.client.call('interviews.list', {})
    ])
    const tagName = new Map(tags.map((t) => [t.id, t.name]))
    const title = new Map(interviews.map((i) => [i.id, i.title]))
    const rows = quotes.map((q) => ({
      id: q.id,
      interviewId: q.interviewId,
      interviewTitle: title.get(q.interviewId),
      text: q.text,
      tags: q.tagIds.map((id) => tagName.get(id) ?? id),
      note: q.note,
      status: q.status,
      matches: q.status === 'exact' || q.status === 'moved',
      currentText: q.currentText,
      spansOffRecord: q.spansOffRecord
    }))
    if (values.json) return printJson({ quotes: rows })
    for (const q of rows) {
      const flag = q.matches ? '' : `  [${q.status.toUpperCase()}]`
      process.stdout.write(`“${inert(q.text)}” — ${inert(q.interviewTitle ?? q.interviewId)}  ${q.tags.map((t) => `#${inert(t)}`).join(' ')}${flag}\n`)
    }
  } finally {
    await session.close()
  }
}
