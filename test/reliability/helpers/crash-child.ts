// The process the crash tests kill. It opens an archive through the real session (the same code
// the app runs), then makes edits through the API client as fast as it can, forever. Before each
// call it prints `B <op>`; after the call resolves, `A <op with ids>`: an edit is acknowledged the
// moment its `A` line is written (stdout to a pipe is synchronous on Linux and macOS, so a line
// that was written reaches the parent even if the process is killed right after).
//
//   crash-child <archiveDir> <seed> [demoSeedFile]
import { openSession } from '../../../src/core/session'

const [dir, seedArg, demoSeed] = process.argv.slice(2)
if (!dir) throw new Error('usage: crash-child <dir> <seed> [demoSeedFile]')

// mulberry32: the same seed gives the same edits, so a failure can be replayed.
let state = Number(seedArg ?? 1) >>> 0
function random(): number {
  state = (state + 0x6d2b79f5) >>> 0
  let t = state
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)]

const line = (text: string): void => {
  process.stdout.write(`${text}\n`)
}

// A third of the children fold the journal into archive.json after every save, a third every few
// saves, so that kills land in the middle of checkpoints too (by default one comes only after a
// megabyte of saves, which these small archives never reach).
const every = [undefined, 1, 3000][Number(seedArg ?? 0) % 3]
const checkpoints = every ? { checkpointAfterBytes: every } : {}
const session = await openSession(dir, { app: 'crash-child', ...checkpoints, ...(demoSeed ? { seedFile: demoSeed } : {}) })
const { client, store } = session
line(`R ${process.pid}`)

const words = ['Almaty', 'January', 'troops', 'the square', 'state media', 'Khabar', 'a curfew', 'the airport', 'протест', 'Қазақстан']
const sentence = (n: number): string => Array.from({ length: n }, () => pick(words)).join(' ')

const recent = (): Array<{ id: string }> => store.index.interviews.slice(-20)

for (let n = 0; ; n++) {
  const tags = store.index.tags
  const roll = random()
  if (roll < 0.15) {
    line('B {"op":"create","kind":"tags"}')
    const tag = await client.call('tags.create', { name: `tag ${process.pid}-${n}`, color: '#336699' })
    line(`A ${JSON.stringify({ op: 'create', kind: 'tags', id: tag.id, fields: { name: tag.name } })}`)
  } else if (roll < 0.27) {
    line('B {"op":"create","kind":"sources"}')
    const source = await client.call('sources.create', { kind: 'person', name: `Source ${process.pid}-${n}`, naming: 'on-record' })
    line(`A ${JSON.stringify({ op: 'create', kind: 'sources', id: source.id, fields: { name: source.name } })}`)
  } else if (roll < 0.47) {
    // Some transcripts are long, so that a kill lands inside a write that takes a while.
    const count = random() < 0.15 ? 400 : 1 + Math.floor(random() * 6)
    const segments = Array.from({ length: count }, (_, i) => {
      const tag = random() < 0.5 ? pick(tags) : undefined
      return {
        speaker: i % 2 ? 'Saule Bekova' : 'Interviewer',
        text: `${i}: ${sentence(8 + Math.floor(random() * 30))}`,
        startSeconds: i * 5,
        endSeconds: i * 5 + 4,
        offRecord: random() < 0.1,
        tagIds: tag ? [tag.id] : []
      }
    })
    line('B {"op":"create","kind":"interviews"}')
    const interview = await client.call('interviews.create', { title: `Interview ${process.pid}-${n}`, segments })
    const saved = await store.transcript(interview.id)
    const expected = saved.map((s, i) => ({ id: s.id, text: segments[i]?.text, tagIds: segments[i]?.tagIds }))
    line(`A ${JSON.stringify({ op: 'create', kind: 'interviews', id: interview.id, fields: { title: interview.title }, segments: expected })}`)
  } else if (roll < 0.57) {
    // A quote of one whole segment: the words at its anchors are its words.
    const interview = pick(recent())
    if (!interview) continue
    const segment = pick(await store.transcript(interview.id))
    if (!segment || !segment.text) continue
    line(`B ${JSON.stringify({ op: 'create', kind: 'quotes' })}`)
    const quote = await client.call('quotes.create', {
      interviewId: interview.id,
      start: { segmentId: segment.id, offset: 0 },
      end: { segmentId: segment.id, offset: segment.text.length },
      text: segment.text,
      tagIds: []
    })
    line(`A ${JSON.stringify({ op: 'create', kind: 'quotes', id: quote.id, fields: { interviewId: interview.id } })}`)
  } else if (roll < 0.7) {
    // A correction: rewrites the transcript and re-anchors its quotes in the index, in one save.
    const withQuotes = store.index.quotes.map((q) => ({ id: q.interviewId }))
    const interview = pick(random() < 0.7 && withQuotes.length ? withQuotes : recent())
    if (!interview) continue
    const segment = pick(await store.transcript(interview.id))
    if (!segment) continue
    const text = random() < 0.5 ? `${segment.text} (corrected ${n})` : `${sentence(6)} ${n}`
    line(`B ${JSON.stringify({ op: 'update', kind: 'segments', id: interview.id, segmentId: segment.id })}`)
    await client.call('segments.update', { interviewId: interview.id, segmentId: segment.id, text })
    line(`A ${JSON.stringify({ op: 'update', kind: 'segments', id: interview.id, segmentId: segment.id, fields: { text } })}`)
  } else if (roll < 0.8) {
    // Deleting a tag that segments use rewrites their transcripts and the index in one save.
    const used = new Set<string>()
    for (const interview of recent()) {
      for (const s of await store.transcript(interview.id)) for (const id of s.tagIds) used.add(id)
    }
    const tag = pick(tags.filter((t) => used.has(t.id))) ?? pick(tags)
    if (!tag) continue
    line(`B ${JSON.stringify({ op: 'delete', kind: 'tags', id: tag.id })}`)
    await client.call('tags.delete', { id: tag.id })
    line(`A ${JSON.stringify({ op: 'delete', kind: 'tags', id: tag.id })}`)
  } else if (roll < 0.9) {
    const source = pick(store.index.sources)
    if (!source) continue
    const role = `role ${n}`
    line(`B ${JSON.stringify({ op: 'update', kind: 'sources', id: source.id, fields: { role } })}`)
    await client.call('sources.update', { id: source.id, patch: { role } })
    line(`A ${JSON.stringify({ op: 'update', kind: 'sources', id: source.id, fields: { role } })}`)
  } else if (roll < 0.94) {
    const interview = pick(store.index.interviews)
    if (!interview) continue
    line(`B ${JSON.stringify({ op: 'delete', kind: 'interviews', id: interview.id })}`)
    await client.call('interviews.delete', { id: interview.id })
    line(`A ${JSON.stringify({ op: 'delete', kind: 'interviews', id: interview.id })}`)
  } else {
    line('B {"op":"create","kind":"claims"}')
    const claim = await client.call('claims.create', { text: `About ${n} troops had arrived`, status: 'unverified' })
    line(`A ${JSON.stringify({ op: 'create', kind: 'claims', id: claim.id, fields: { text: claim.text } })}`)
  }
}
