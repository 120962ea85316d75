import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import { describeIssues } from '../../shared/api/dispatch'
import {
  ClaimSchema,
  DraftSchema,
  InterviewSchema,
  QuoteSchema,
  SegmentSchema,
  SourceSchema,
  SettingsSchema,
  TagSchema,
  type ArchiveIndex
} from '../../shared/model'
import { summarise } from '../service/interviews'
import { quoteSpeakers } from '../service/people'
import { emptyIndex, type SeedArchive } from './store'

// The seed file is written by people: it leaves out what the archive fills in itself.
const stamps = { createdAt: true, updatedAt: true } as const
const SeedSchema = z.object({
  name: z.string(),
  /** The demo archive: the app welcomes the user to it and offers to start an empty one. */
  demo: z.boolean().default(false),
  sources: z.array(SourceSchema.omit(stamps)),
  tags: z.array(TagSchema.omit(stamps)),
  interviews: z.array(
    InterviewSchema.omit({ ...stamps, segmentCount: true, wordCount: true, speakers: true }).extend({
      segments: z.array(SegmentSchema.extend({ offRecord: z.boolean().default(false) }))
    })
  ),
  quotes: z.array(QuoteSchema.omit(stamps)),
  claims: z.array(ClaimSchema.omit(stamps)),
  drafts: z.array(DraftSchema.omit(stamps))
})

/** Reads a seed file (the demo archive in resources/) into a new archive's first state. */
export async function loadSeed(file: string, now = new Date()): Promise<SeedArchive> {
  const parsed = SeedSchema.safeParse(JSON.parse(await readFile(file, 'utf8')))
  if (!parsed.success) throw new Error(`${file}: ${describeIssues(parsed.error)}`)
  const seed = parsed.data
  const at = { createdAt: now.toISOString(), updatedAt: now.toISOString() }
  const transcripts: SeedArchive['transcripts'] = {}
  const index: ArchiveIndex = {
    ...emptyIndex(now),
    ...(seed.demo ? { demo: true as const } : {}),
    settings: SettingsSchema.parse({ name: seed.name }),
    sources: seed.sources.map((r) => ({ ...r, ...at })),
    tags: seed.tags.map((r) => ({ ...r, ...at })),
    interviews: seed.interviews.map(({ segments, ...meta }) => {
      transcripts[meta.id] = segments
      return { ...meta, ...at, ...summarise(segments) }
    }),
    // Who says a quote and when are filled in from its transcript, as for a quote made in the app.
    quotes: seed.quotes.map((r) => ({ ...r, ...quoteSpeakers(transcripts[r.interviewId] ?? [], r), ...at })),
    claims: seed.claims.map((r) => ({ ...r, ...at })),
    drafts: seed.drafts.map((r) => ({ ...r, ...at }))
  }
  return { index, transcripts }
}
