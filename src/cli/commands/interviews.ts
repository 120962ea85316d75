import { archiveOption, parse } from '../args'
import { openFor } from '../open'
import { printJson, printTable } from '../output'

export async function interviewsCommand(argv: string[]): Promise<void> {
  const { values } = parse(argv, archiveOption)
  const session = await openFor(values.archive, 'read', 'verbatim interviews')
  try {
    const interviews = await session.client.call('interviews.list', {})
    if (values.json) return printJson(interviews)
    printTable([
      ['ID', 'DATE', 'TITLE', 'SEGMENTS', 'SPEAKERS'],
      ...interviews.map((i) => [i.id, i.date ?? '', i.title, String(i.segmentCount), i.speakers.join(', ')])
    ])
  } finally {
    await session.close()
  }
}
