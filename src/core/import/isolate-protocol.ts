// The messages between isolate.ts (the app's thread) and worker-main.ts (the import worker).
import type { CodebookEntry, ParsedInterview } from './types'

export interface WorkerJob {
  id: number
  kind: 'interview' | 'codebook'
  /** The file's name: its extension breaks ties between formats. */
  name: string
  bytes: Uint8Array
}

export type WorkerReply =
  | { id: number; ok: true; kind: 'interview'; interview: PackedInterview }
  | { id: number; ok: true; kind: 'codebook'; entries: CodebookEntry[] }
  /** An ImportError's message (with its "line N: " when it has one) and line. */
  | { id: number; ok: false; message: string; line?: number }

/**
 * A ParsedInterview as typed arrays (moved between threads, not copied) plus one string of all
 * the words (copied in one piece). Structured cloning a transcript of 100,000 segments costs the
 * app's thread a deserialisation of 100,000 objects; this costs one string copy and a slice per
 * segment.
 */
export interface PackedInterview {
  format: ParsedInterview['format']
  encoding: string
  metadata: ParsedInterview['metadata']
  warnings: string[]
  speakers: string[]
  tagNames: string[]
  /** Every segment's text, joined without separators. */
  text: string
  /** Where each segment's text ends in the joined string, in UTF-16 code units. */
  textEnds: Uint32Array
  speaker: Uint32Array
  /** NaN where the time is not known. */
  start: Float64Array
  end: Float64Array
  offRecord: Uint8Array
  /** Segment i's tags are tagRefs[tagsFrom[i] … tagsFrom[i + 1]), indices into tagNames. */
  tagsFrom: Uint32Array
  tagRefs: Uint32Array
}

export function packInterview(parsed: ParsedInterview): { packed: PackedInterview; transfer: ArrayBuffer[] } {
  const n = parsed.segments.length
  const speakerIndex = new Map<string, number>()
  const tagIndex = new Map<string, number>()
  const textEnds = new Uint32Array(n)
  const speaker = new Uint32Array(n)
  const start = new Float64Array(n)
  const end = new Float64Array(n)
  const offRecord = new Uint8Array(n)
  const tagsFrom = new Uint32Array(n + 1)
  const refs: number[] = []
  const texts: string[] = []
  let at = 0
  parsed.segments.forEach((s, i) => {
    texts.push(s.text)
    at += s.text.length
    textEnds[i] = at
    let who = speakerIndex.get(s.speaker)
    if (who === undefined) {
      who = speakerIndex.size
      speakerIndex.set(s.speaker, who)
    }
    speaker[i] = who
    start[i] = s.startSeconds ?? Number.NaN
    end[i] = s.endSeconds ?? Number.NaN
    offRecord[i] = s.offRecord ? 1 : 0
    tagsFrom[i] = refs.length
    for (const tag of s.tags) {
      let t = tagIndex.get(tag)
      if (t === undefined) {
        t = tagIndex.size
        tagIndex.set(tag, t)
      }
      refs.push(t)
    }
  })
  tagsFrom[n] = refs.length
  const text = texts.join('')
  const tagRefs = Uint32Array.from(refs)
  const packed: PackedInterview = {
    format: parsed.format,
    encoding: parsed.encoding,
    metadata: parsed.metadata,
    warnings: parsed.warnings,
    speakers: [...speakerIndex.keys()],
    tagNames: [...tagIndex.keys()],
    text,
    textEnds,
    speaker,
    start,
    end,
    offRecord,
    tagsFrom,
    tagRefs
  }
  const transfer = [textEnds, speaker, start, end, offRecord, tagsFrom, tagRefs].map((a) => a.buffer as ArrayBuffer)
  return { packed, transfer }
}

export function unpackInterview(p: PackedInterview): ParsedInterview {
  const joined = p.text
  const segments: ParsedInterview['segments'] = new Array<ParsedInterview['segments'][number]>(p.textEnds.length)
  let from = 0
  for (let i = 0; i < p.textEnds.length; i++) {
    const to = p.textEnds[i] ?? from
    const start = p.start[i] ?? Number.NaN
    const end = p.end[i] ?? Number.NaN
    const tags: string[] = []
    for (let k = p.tagsFrom[i] ?? 0; k < (p.tagsFrom[i + 1] ?? 0); k++) tags.push(p.tagNames[p.tagRefs[k] ?? 0] ?? '')
    segments[i] = {
      speaker: p.speakers[p.speaker[i] ?? 0] ?? '',
      text: joined.slice(from, to),
      startSeconds: Number.isNaN(start) ? null : start,
      endSeconds: Number.isNaN(end) ? null : end,
      offRecord: p.offRecord[i] === 1,
      tags
    }
    from = to
  }
  return { format: p.format, encoding: p.encoding, metadata: p.metadata, segments, warnings: p.warnings }
}
