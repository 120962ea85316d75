// The archive's records, defined once. Every type in Verbatim comes from these schemas, and every
// record that crosses a boundary (disk, IPC, HTTP, CLI) is parsed by them.
import { z } from 'zod'
import { nestsWithin } from './json-depth'

export const SCHEMA_VERSION = 2

/** Names JavaScript gives meaning to as object keys: never an id, so no id can reach an object's prototype. */
export const RESERVED_IDS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'an id holds only letters, digits, - and _')
  .refine((value) => !RESERVED_IDS.has(value), { message: 'this id is reserved: choose another' })
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
  /** The sources its segments point at, kept by the archive; absent in archives from before format 2 until a save fills it. */
  sourceIds: z.array(id).optional(),
  /** How many segments were said off the record, kept by the archive (absent: not yet counted). */
  offRecordSegments: z.number().int().nonnegative().optional(),
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

/**
 * How a person may be named in print. `unconfirmed` is where every person found by import starts:
 * nobody has asked them yet, so an export treats them as anonymous until an editor decides.
 */
export const NamingSchema = z.enum(['unconfirmed', 'on-record', 'first-name', 'anonymous'])
export type Naming = z.infer<typeof NamingSchema>

/** What a person agreed to: a signed release, a verbal agreement, nothing yet, or a withdrawal. */
export const SourceConsentSchema = z.enum(['unknown', 'release-signed', 'verbal', 'none', 'withdrawn'])

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is written YYYY-MM-DD')

export const SourceSchema = z.object({
  id,
  kind: z.enum(['person', 'document']),
  /** A person's full name, or a document's title. */
  name: z.string().min(1).max(300),
  /** Other spellings, scripts and initials of the same person: "D. Omarov", "Данияр Омаров". */
  aliases: z.array(z.string().min(1).max(300)).max(200).default([]),
  role: optionalText(300),
  affiliation: optionalText(300),
  naming: NamingSchema.default('unconfirmed'),
  /** How an anonymous source is described in print: "a police officer in Almaty". */
  anonymousAs: optionalText(300),
  /** The name used after the first mention; when absent, house style picks first name or surname. */
  shortName: optionalText(100),
  /** How to reach them: kept in the archive, never exported. */
  contact: optionalText(10_000),
  consent: SourceConsentSchema.default('unknown'),
  /** Nothing they said may be published before this day. */
  embargoUntil: isoDate.optional(),
  /** A document: report, dataset, statement, photo… */
  documentType: optionalText(100),
  publisher: optionalText(300),
  /** A document's date, as written (YYYY-MM-DD where known). */
  date: optionalText(40),
  url: optionalText(4096),
  /** A local file the document lives in. */
  file: optionalText(4096),
  /** A photo's credit line: "Photo: Aigul Nurpeisova / Steppe Notes". */
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
  /** The sources of the segments it spans, filled in by the archive: who the quote is a voice of. */
  sourceIds: z.array(id).default([]),
  /** Where in the recording it starts (its first segment's time), filled in by the archive when known. */
  startSeconds: z.number().nonnegative().optional(),
  createdAt: isoTime,
  updatedAt: isoTime
})
export type Quote = z.infer<typeof QuoteSchema>

export const ClaimStatusSchema = z.enum(['unverified', 'corroborated', 'disputed', 'false', 'verified-by-document'])
export type ClaimStatus = z.infer<typeof ClaimStatusSchema>
export const StanceSchema = z.enum(['supports', 'contradicts', 'context'])
export type Stance = z.infer<typeof StanceSchema>
export const EvidenceSchema = z.object({
  id,
  kind: z.enum(['quote', 'document']),
  quoteId: id.optional(),
  sourceId: id.optional(),
  relation: StanceSchema,
  note: optionalText(10_000)
})
export type Evidence = z.infer<typeof EvidenceSchema>

export const ClaimSchema = z.object({
  id,
  text: z.string().trim().min(1, 'a claim needs its statement').max(10_000),
  /** The status the claim carries: the suggestion from its evidence, or the editor's choice. */
  status: ClaimStatusSchema.default('unverified'),
  /** `suggestion`: status follows the evidence; `editor`: an editor chose it and it stays. */
  statusSetBy: z.enum(['suggestion', 'editor']).default('suggestion'),
  /** Why the editor chose a status other than the suggestion; goes into the fact-check sheet. */
  overrideReason: optionalText(10_000),
  evidence: z.array(EvidenceSchema).default([]),
  note: optionalText(100_000),
  createdAt: isoTime,
  updatedAt: isoTime
})
export type Claim = z.infer<typeof ClaimSchema>

export const DraftBlockSchema = z.discriminatedUnion('type', [
  /** Markdown written by the editor; `[[claim:ID]]` ties the sentence it stands in to a claim. */
  z.object({ type: z.literal('prose'), text: z.string().max(200_000) }),
  z.object({
    type: z.literal('quote'),
    quoteId: id,
    /** The words as printed when the editor trimmed them (… for an omission, [words] for an insertion). */
    excerpt: optionalText(200_000),
    /** The editor prints this block despite an integrity error, and says why (fact-check sheet). */
    override: optionalText(2000)
  }),
  z.object({ type: z.literal('claim'), claimId: id }),
  z.object({
    type: z.literal('image'),
    path: z.string().max(4096),
    caption: optionalText(2000),
    sourceId: id.optional()
  })
])
export type DraftBlock = z.infer<typeof DraftBlockSchema>
export const DraftSectionSchema = z.object({
  id,
  heading: z.string().max(500).default(''),
  blocks: z.array(DraftBlockSchema).default([])
})
export type DraftSection = z.infer<typeof DraftSectionSchema>
export const DraftSchema = z.object({
  id,
  title: z.string().min(1).max(500),
  standfirst: optionalText(2000),
  byline: optionalText(300),
  /** Who edited the piece, for the front matter. */
  editor: optionalText(300),
  /** CMS tags for the front matter. */
  tags: z.array(z.string().min(1).max(100)).max(50).default([]),
  /** Quote blocks print as block quotes, or inline in a paragraph with attribution. */
  quoteStyle: z.enum(['block', 'inline']).default('block'),
  sections: z.array(DraftSectionSchema).default([]),
  createdAt: isoTime,
  updatedAt: isoTime
})
export type Draft = z.infer<typeof DraftSchema>

/** House style for exports: how quotes are marked and people named. */
export const HouseStyleSchema = z.object({
  /** “curly”, "straight" or «guillemets». */
  quoteMarks: z.enum(['curly', 'straight', 'guillemets']).default('curly'),
  dash: z.enum(['em', 'en', 'hyphen']).default('em'),
  attributionVerb: z.enum(['says', 'said']).default('says'),
  /** After the first mention a person is named by surname or by first name. */
  laterMention: z.enum(['surname', 'first-name']).default('surname')
})
export type HouseStyle = z.infer<typeof HouseStyleSchema>

export const SettingsSchema = z.object({
  name: z.string().min(1).max(200).default('Verbatim archive'),
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  houseStyle: HouseStyleSchema.default({ quoteMarks: 'curly', dash: 'em', attributionVerb: 'says', laterMention: 'surname' })
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
  drafts: z.array(DraftSchema),
  /** Merges of two people, kept so that each can be undone (the newest few). */
  sourceMerges: z.array(z.lazy(() => SourceMergeSchema)).default([]),
  /** Deleted records and what their delete took with them, newest first, so that a delete can be undone. */
  trash: z.array(z.lazy(() => TrashEntrySchema)).default([]),
  /** Set on the demo archive a first start creates: the app welcomes the user and offers to start empty. */
  demo: z.literal(true).optional()
})
export type ArchiveIndex = z.infer<typeof ArchiveIndexSchema>

/**
 * One merge of a person into another, with what it moved: undoing it moves exactly these back.
 * Segment labels stay as the transcript wrote them; only the source they point at changes.
 */
export const SourceMergeSchema = z.object({
  id,
  /** The person merged away, as they were. */
  from: SourceSchema,
  intoId: id,
  /** The other person's aliases before the merge. */
  intoAliasesBefore: z.array(z.string().max(300)),
  segments: z.array(z.object({ interviewId: id, segmentIds: z.array(id) })),
  quoteIds: z.array(id),
  evidence: z.array(z.object({ claimId: id, evidenceId: id })),
  createdAt: isoTime
})
export type SourceMerge = z.infer<typeof SourceMergeSchema>

const at = z.number().int().nonnegative()

/**
 * What one delete removed or changed, kept so that `trash.restore` can put exactly that back: the
 * record itself and everything its cascade took (an interview's quotes, evidence links, draft
 * blocks, a person's segment links, a tag's uses). Positions are where each part was, so a
 * restore puts it back in its place; a deleted interview's transcript file stays on disk until
 * the entry is purged.
 */
/** Deeper than any record the app writes (a draft: sections, blocks, fields), far below a stack overflow. */
const MAX_RECORD_DEPTH = 32

export const TrashEntrySchema = z.object({
  id,
  kind: z.enum(['interviews', 'sources', 'tags', 'quotes', 'claims', 'drafts']),
  /** The deleted record, as it was (parsed by its own schema on restore). */
  record: z
    .record(z.string(), z.unknown())
    .refine((r) => typeof r.id === 'string', 'a deleted record keeps its id')
    // Any record kind fits here, so its shape is checked on restore; its depth is bounded now, or
    // a hand-edited entry nested thousands deep would make every later checkpoint overflow the stack.
    .refine((r) => nestsWithin(r, MAX_RECORD_DEPTH), `a deleted record nests no deeper than ${MAX_RECORD_DEPTH} levels`),
  /** What the app called it: a title, a name, a quote's first words. */
  label: z.string().max(500),
  deletedAt: isoTime,
  /** Where the record stood in its list, so that it comes back in its place. */
  position: at.optional(),
  /** An interview's quotes, each at its place in the archive's list. */
  quotes: z.array(z.object({ at, quote: QuoteSchema })).default([]),
  /** Evidence taken off claims, each at its place in the claim's list. */
  evidence: z.array(z.object({ claimId: id, at, evidence: EvidenceSchema })).default([]),
  /** Blocks taken out of drafts, each at its place in its section. */
  blocks: z.array(z.object({ draftId: id, sectionId: id, at, block: DraftBlockSchema })).default([]),
  /** Image blocks whose credit (source) was taken off. */
  imageCredits: z.array(z.object({ draftId: id, sectionId: id, at })).default([]),
  /** Segments whose link to a deleted person was taken off. */
  segmentSources: z.array(z.object({ interviewId: id, segmentIds: z.array(id) })).default([]),
  /** Quotes a deleted tag was taken off, with its place in each quote's tags. */
  quoteTags: z.array(z.object({ quoteId: id, at })).default([]),
  /** Segments a deleted tag was taken off. */
  segmentTags: z.array(z.object({ interviewId: id, segmentIds: z.array(id) })).default([])
})
export type TrashEntry = z.infer<typeof TrashEntrySchema>
/** What a cascade removed: a trash entry without its record and stamps. */
export type Removed = Omit<TrashEntry, 'id' | 'kind' | 'record' | 'label' | 'deletedAt'>

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

/**
 * A caller who names a status chooses it (a script setting `status: "false"` means it); only
 * `statusSetBy: "suggestion"` hands the status back to the evidence.
 */
function statusChosen<T extends { status?: ClaimStatus; statusSetBy?: 'suggestion' | 'editor' }>(input: T): T {
  return input.status !== undefined && input.statusSetBy === undefined ? { ...input, statusSetBy: 'editor' } : input
}

/** Fields the archive owns: a caller never sets them. */
const managed = { id: true, createdAt: true, updatedAt: true } as const

/**
 * What a caller may send to create a record: strict like a patch, so a misspelt field (`colour`
 * for `color`) is an error rather than silently dropped.
 */
export const createSchemas = {
  interviews: InterviewSchema.omit({ ...managed, segmentCount: true, wordCount: true, sourceIds: true, offRecordSegments: true })
    .extend({
      segments: z.array(SegmentSchema.omit({ id: true }).extend({ id: id.optional() }).strict()).default([])
    })
    .strict(),
  sources: SourceSchema.omit(managed).strict(),
  /** Without a colour, the archive gives a new tag the palette colour its tags use least. */
  tags: TagSchema.omit(managed).extend({ color: TagSchema.shape.color.unwrap().optional() }).strict(),
  quotes: QuoteSchema.omit({ ...managed, status: true, currentText: true, spansOffRecord: true, speaker: true, sourceIds: true, startSeconds: true }).strict(),
  claims: ClaimSchema.omit(managed)
    .extend({
      status: ClaimStatusSchema.optional(),
      evidence: z.array(EvidenceSchema.omit({ id: true }).extend({ id: id.optional() }).strict()).default([])
    })
    .strict()
    .transform(statusChosen),
  drafts: DraftSchema.omit(managed).strict()
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
  // `embargoUntil: null` lifts an embargo: a date field cannot be emptied with "" as a text field can.
  sources: patchOf(SourceSchema.omit(managed)).extend({ embargoUntil: isoDate.nullable().optional() }),
  tags: patchOf(TagSchema.omit(managed)),
  quotes: patchOf(QuoteSchema.pick({ tagIds: true, note: true })),
  claims: patchOf(
    ClaimSchema.omit(managed).extend({
      evidence: z.array(EvidenceSchema.omit({ id: true }).extend({ id: id.optional() }))
    })
  ).transform(statusChosen),
  drafts: patchOf(DraftSchema.omit(managed))
} as const

export { patchOf }

export { id as IdSchema }
