// The archive's records, defined once. Every type in Verbatim comes from these schemas, and every
// record that crosses a boundary (disk, IPC, HTTP, CLI) is parsed by them.
import { z } from 'zod'

export const SCHEMA_VERSION = 1

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'an id holds only letters, digits, - and _')
const isoTime = z.string().datetime({ offset: true })
const optionalText = (max: number) => z.string().max(max).optional()

export const SegmentSchema = z.object({
  id,
  speaker: z.string().max(200),
  sourceId: id.optional(),
  text: z.string().max(200_000),
  startSeconds: z.number().nonnegative().nullable(),
  endSeconds: z.number().nonnegative().nullable(),
  offRecord: z.boolean(),
  tagIds: z.array(id).default([])
})
export type Segment = z.infer<typeof SegmentSchema>

export const ConsentSchema = z.enum(['unknown', 'on-record', 'background', 'off-record', 'withdrawn'])

export const InterviewMetaSchema = z.object({
  title: z.string().min(1).max(500),
  date: optionalText(40),
  place: optionalText(500),
  interviewer: optionalText(200),
  language: optionalText(40),
  consent: ConsentSchema.default('unknown'),
  recordingFile: optionalText(4096),
  notes: optionalText(100_000)
})

export const InterviewSchema = InterviewMetaSchema.extend({
  id,
  format: optionalText(40),
  encoding: optionalText(40),
  sourceFile: optionalText(4096),
  contentHash: optionalText(128),
  speakers: z.array(z.string().max(200)).default([]),
  segmentCount: z.number().int().nonnegative(),
  wordCount: z.number().int().nonnegative().default(0),
  createdAt: isoTime,
  updatedAt: isoTime
})
export type Interview = z.infer<typeof InterviewSchema>

/** One interview's transcript file: the only part of the archive that grows with words. */
export const TranscriptFileSchema = z.object({
  schemaVersion: z.number().int(),
  interviewId: id,
  segments: z.array(SegmentSchema)
})
export type TranscriptFile = z.infer<typeof TranscriptFileSchema>

export const NamingSchema = z.enum(['on-record', 'first-name', 'anonymous'])

export const SourceSchema = z.object({
  id,
  kind: z.enum(['person', 'document']),
  name: z.string().min(1).max(300),
  role: optionalText(300),
  affiliation: optionalText(300),
  naming: NamingSchema.default('on-record'),
  /** How an anonymous source is described in print: "a police officer in Almaty". */
  anonymousAs: optionalText(300),
  shortName: optionalText(100),
  documentType: optionalText(100),
  url: optionalText(4096),
  credit: optionalText(300),
  notes: optionalText(100_000),
  createdAt: isoTime,
  updatedAt: isoTime
})
export type Source = z.infer<typeof SourceSchema>

export const TagSchema = z.object({
  id,
  /** Nesting is written into the name: `conflict/CSTO` is CSTO under conflict. */
  name: z.string().min(1).max(200),
  description: optionalText(10_000),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is written #rrggbb').default('#8a8f98'),
  createdAt: isoTime,
  updatedAt: isoTime
})
export type Tag = z.infer<typeof TagSchema>

export const AnchorSchema = z.object({ segmentId: id, offset: z.number().int().nonnegative() })
export type Anchor = z.infer<typeof AnchorSchema>

export const QuoteStatusSchema = z.enum(['exact', 'moved', 'changed', 'missing'])

export const QuoteSchema = z.object({
  id,
  interviewId: id,
  start: AnchorSchema,
  end: AnchorSchema,
  /** The exact words as they were when the quote was saved. */
  text: z.string().min(1).max(200_000),
  tagIds: z.array(id).default([]),
  note: optionalText(100_000),
  status: QuoteStatusSchema.default('exact'),
  /** When status is `changed`: what the transcript says now, for the editor to review. */
  currentText: optionalText(200_000),
  /** The quote takes words from an off-the-record segment: it warns, and never leaves the archive. */
  spansOffRecord: z.boolean().default(false),
  /** Who says it: the speakers of the segments it spans, filled in by the archive. */
  speaker: optionalText(400),
  createdAt: isoTime,
  updatedAt: isoTime
})
export type Quote = z.infer<typeof QuoteSchema>

export const ClaimStatusSchema = z.enum(['unverified', 'corroborated', 'disputed', 'false', 'verified-by-document'])
export const EvidenceSchema = z.object({
  id,
  kind: z.enum(['quote', 'document']),
  quoteId: id.optional(),
  sourceId: id.optional(),
  relation: z.enum(['supports', 'contradicts', 'context']),
  note: optionalText(10_000)
})

export const ClaimSchema = z.object({
  id,
  text: z.string().min(1).max(10_000),
  status: ClaimStatusSchema.default('unverified'),
  evidence: z.array(EvidenceSchema).default([]),
  note: optionalText(100_000),
  createdAt: isoTime,
  updatedAt: isoTime
})
export type Claim = z.infer<typeof ClaimSchema>

export const DraftBlockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('prose'), text: z.string().max(200_000) }),
  z.object({ type: z.literal('quote'), quoteId: id }),
  z.object({ type: z.literal('claim'), claimId: id }),
  z.object({
    type: z.literal('image'),
    path: z.string().max(4096),
    caption: optionalText(2000),
    sourceId: id.optional()
  })
])
export const DraftSectionSchema = z.object({
  id,
  heading: z.string().max(500).default(''),
  blocks: z.array(DraftBlockSchema).default([])
})
export const DraftSchema = z.object({
  id,
  title: z.string().min(1).max(500),
  byline: optionalText(300),
  sections: z.array(DraftSectionSchema).default([]),
  createdAt: isoTime,
  updatedAt: isoTime
})
export type Draft = z.infer<typeof DraftSchema>

export const SettingsSchema = z.object({
  name: z.string().min(1).max(200).default('Verbatim archive'),
  theme: z.enum(['system', 'light', 'dark']).default('system')
})
export type Settings = z.infer<typeof SettingsSchema>

/** archive.json: everything but the transcripts' words. */
export const ArchiveIndexSchema = z.object({
  schemaVersion: z.number().int(),
  /** Counts saves: a cache (the search index) made at another revision is stale. */
  revision: z.number().int().nonnegative().default(0),
  archiveId: id,
  createdAt: isoTime,
  settings: SettingsSchema,
  interviews: z.array(InterviewSchema),
  sources: z.array(SourceSchema),
  tags: z.array(TagSchema),
  quotes: z.array(QuoteSchema),
  claims: z.array(ClaimSchema),
  drafts: z.array(DraftSchema)
})
export type ArchiveIndex = z.infer<typeof ArchiveIndexSchema>

/** The record kinds that share list/get/create/update/delete. */
export const recordSchemas = {
  interviews: InterviewSchema,
  sources: SourceSchema,
  tags: TagSchema,
  quotes: QuoteSchema,
  claims: ClaimSchema,
  drafts: DraftSchema
} as const
export type RecordKind = keyof typeof recordSchemas
export const recordKinds = Object.keys(recordSchemas) as RecordKind[]
export type RecordOf<K extends RecordKind> = z.infer<(typeof recordSchemas)[K]>

/** Fields the archive owns: a caller never sets them. */
const managed = { id: true, createdAt: true, updatedAt: true } as const

export const createSchemas = {
  interviews: InterviewSchema.omit({ ...managed, segmentCount: true, wordCount: true }).extend({
    segments: z.array(SegmentSchema.omit({ id: true }).extend({ id: id.optional() })).default([])
  }),
  sources: SourceSchema.omit(managed),
  tags: TagSchema.omit(managed),
  quotes: QuoteSchema.omit({ ...managed, status: true, currentText: true, spansOffRecord: true, speaker: true }),
  claims: ClaimSchema.omit(managed).extend({
    evidence: z.array(EvidenceSchema.omit({ id: true }).extend({ id: id.optional() })).default([])
  }),
  drafts: DraftSchema.omit(managed)
} as const

type Unwrapped<T> = T extends z.ZodDefault<infer Inner> ? Inner : T
type PatchShape<T extends z.ZodRawShape> = { [K in keyof T]: z.ZodOptional<Unwrapped<T[K]>> }

/**
 * A patch names only the fields it changes. `.partial()` alone would not do: zod fills a missing
 * field that has a default, and a patch of `{ title }` would reset `consent` to its default.
 */
function patchOf<T extends z.ZodRawShape>(schema: z.ZodObject<T>): z.ZodObject<PatchShape<T>, z.core.$strict> {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [
      key,
      (field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType)).optional()
    ])
  )
  return z.object(shape).strict() as unknown as z.ZodObject<PatchShape<T>, z.core.$strict>
}

export const updateSchemas = {
  interviews: patchOf(InterviewMetaSchema),
  sources: patchOf(SourceSchema.omit(managed)),
  tags: patchOf(TagSchema.omit(managed)),
  quotes: patchOf(QuoteSchema.pick({ tagIds: true, note: true })),
  claims: patchOf(
    ClaimSchema.omit(managed).extend({
      evidence: z.array(EvidenceSchema.omit({ id: true }).extend({ id: id.optional() }))
    })
  ),
  drafts: patchOf(DraftSchema.omit(managed))
} as const

export { patchOf }

export { id as IdSchema }
