import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { openSession } from '../../src/core/session'

const MB = 1024 * 1024
const filler = (label: string, n: number): string => `${label} `.repeat(Math.ceil(n / (label.length + 1))).slice(0, n)

export const BIG = { interviewId: 'int-long', word: 'floodgate', segments: 700 }

/**
 * An archive whose every JSON answer is over 1 MB: a long transcript (700 segments of ~1.8 KB,
 * each with the search word), interviews and quotes with 90 KB notes. Made through a seed file,
 * so it costs one save, not hundreds.
 */
export async function bigArchive(dir: string): Promise<string> {
  const segments = Array.from({ length: BIG.segments }, (_, i) => ({
    id: `s${i}`,
    speaker: i % 2 ? 'Marat Seitkali' : 'Lena Moretti',
    text: `${BIG.word} ${i}: ${filler('the river came over the embankment at night', 1800)}`,
    startSeconds: i * 10,
    endSeconds: i * 10 + 9,
    offRecord: false,
    tagIds: []
  }))
  const notes = filler('a note the editor kept', 90_000)
  const seed = {
    name: 'Big archive',
    sources: [],
    tags: [{ id: 'tag-big', name: 'big', color: '#2b7bd9' }],
    interviews: [
      { id: BIG.interviewId, title: 'A very long interview', consent: 'on-record', segments },
      ...Array.from({ length: 12 }, (_, i) => ({ id: `int-${i}`, title: `Interview ${i}`, consent: 'unknown', notes, segments: [] }))
    ],
    quotes: Array.from({ length: 12 }, (_, i) => ({
      id: `q-${i}`,
      interviewId: BIG.interviewId,
      start: { segmentId: `s${i}`, offset: 0 },
      end: { segmentId: `s${i}`, offset: 9 },
      text: `${BIG.word} ${i}`.padEnd(9).slice(0, 9),
      tagIds: ['tag-big'],
      note: notes,
      status: 'exact',
      spansOffRecord: false
    })),
    claims: [],
    drafts: []
  }
  const seedFile = join(dir, 'seed.json')
  await writeFile(seedFile, JSON.stringify(seed))
  const archive = join(dir, 'archive')
  await (await openSession(archive, { seedFile, create: true })).close()
  return archive
}

export const ONE_MB = MB
