// The API contract, written once. Every door (IPC, HTTP, in-process) and every client is derived
// from this object: a method's name, the schema its input must pass, whether it writes, and (as a
// type only) what it returns.
import { z } from 'zod'
import {
  IdSchema,
  SettingsSchema,
  patchOf,
  createSchemas,
  recordKinds,
  updateSchemas,
  type RecordKind,
  type RecordOf,
  type Segment,
  type Settings
} from '../model'
import type { ImportReport } from '../import-report'
import type { SearchHit } from '../search'
import type { Quote, Tag } from '../model'
import type { ClaimReview, EvidenceProposal } from '../claims'
import type { DraftCheck, DraftExport } from '../drafts'
import { ClaimStatusSchema, StanceSchema, type Claim, type Draft, type Interview, type Source } from '../model'

export interface MethodSpec<I extends z.ZodType, O> {
  input: I
  /** Writing methods need the archive's lock; a read-only archive refuses them. */
  mutates: boolean
  /** Reads files by path on the machine the core runs on: only the desktop and CLI doors carry it. */
  localFiles?: boolean
  /** Phantom: carries the result type, never read at run time. */
  readonly output?: O
}

const spec =
  <O>() =>
  <I extends z.ZodType>(input: I, mutates: boolean, options: { localFiles?: boolean } = {}): MethodSpec<I, O> => ({
    input,
    mutates,
    ...options
  })

const empty = z.object({}).strict()
/** 50 MB of file as base64; the importer refuses larger files with a message of its own. */
export const MAX_UPLOAD_BASE64 = Math.ceil((50 * 1024 * 1024 + 1) / 3) * 4
const byId = z.object({ id: IdSchema }).strict()
/**
 * The `updatedAt` of the record as the caller last saw it. Given, a save over a newer version
 * (another window or tab saved in between) is refused with `conflict` instead of overwriting it.
 * Optional, so scripts that just want to set a field keep working.
 */
const ExpectedUpdatedAt = z.string().datetime({ offset: true }).optional()
type UpdateInput<P extends z.ZodType> = z.ZodObject<{ id: typeof IdSchema; patch: P; expectedUpdatedAt: typeof ExpectedUpdatedAt }, z.core.$strict>
const updateInput = <P extends z.ZodType>(patch: P): UpdateInput<P> => z.object({ id: IdSchema, patch, expectedUpdatedAt: ExpectedUpdatedAt }).strict()

/** What a delete answers: the record is gone, and `trash.restore { id: trashId }` brings it back with what went with it. */
export interface Deleted {
  id: string
  deleted: true
  trashId: string
}

type Crud<K extends RecordKind> = { [P in `${K}.list`]: MethodSpec<typeof empty, RecordOf<K>[]> } & {
  [P in `${K}.get`]: MethodSpec<typeof byId, RecordOf<K>>
} & { [P in `${K}.create`]: MethodSpec<(typeof createSchemas)[K], RecordOf<K>> } & {
  [P in `${K}.update`]: MethodSpec<UpdateInput<(typeof updateSchemas)[K]>, RecordOf<K>>
} & { [P in `${K}.delete`]: MethodSpec<typeof byId, Deleted> }

function crud<K extends RecordKind>(kind: K): Crud<K> {
  return {
    [`${kind}.list`]: spec<RecordOf<K>[]>()(empty, false),
    [`${kind}.get`]: spec<RecordOf<K>>()(byId, false),
    [`${kind}.create`]: spec<RecordOf<K>>()(createSchemas[kind], true),
    [`${kind}.update`]: spec<RecordOf<K>>()(updateInput(updateSchemas[kind]), true),
    [`${kind}.delete`]: spec<Deleted>()(byId, true)
  } as Crud<K>
}

export interface ArchiveInfo {
  archiveId: string
  name: string
  path: string
  readOnly: boolean
  readOnlyReason?: string
  schemaVersion: number
  counts: Record<RecordKind, number>
  /** Set when opening had to recover from damage: what happened and what may be missing. */
  openNotice?: OpenNotice
  /** The demo archive a first start made: the app welcomes the user and offers an empty archive. */
  demo?: true
  /**
   * References that point at nothing (an archive edited by hand, or received from a colleague):
   * the archive works around them, and says so. Absent when there are none.
   */
  brokenReferences?: { count: number; examples: string[] }
}

/** What opening the archive found wrong and put right, for the app to tell the user once. */
export interface OpenNotice {
  message: string
  restoredFrom?: string
  movedAside?: string
}

/**
 * What one save changed, pushed to every open window (server-sent events on the browser host,
 * IPC in the desktop app) so a second window shows an edit without reloading. Small by design:
 * ids and stamps, never records; a window fetches what it shows.
 */
export interface ArchiveChange {
  /** The archive's revision after the save. */
  revision: number
  /** Records created or changed, with their new `updatedAt` (a window that made the change already has it). */
  changed: { kind: RecordKind; id: string; updatedAt: string }[]
  deleted: { kind: RecordKind; id: string }[]
  /** Interviews whose transcript words were rewritten. */
  transcripts: string[]
  /** More changed than is worth listing (an import, a merge): reload these kinds whole. */
  reloadKinds: RecordKind[]
  settings: boolean
  /** The whole archive was replaced (a backup was restored): reload everything. */
  reset: boolean
}

export interface BackupSummary {
  id: string
  createdAt: string
  interviews: number
  quotes: number
  claims: number
}

export interface Transcript {
  id: string
  title: string
  segments: Segment[]
}

/** What correcting a segment did: the segment as saved, and every quote on that interview re-anchored. */
export interface SegmentEdit {
  segment: Segment
  interview: RecordOf<'interviews'>
  quotes: Quote[]
}

/** What deleting a record would take with it, for the question asked before it goes. */
export interface Impact {
  kind: RecordKind
  id: string
  label: string
  /** One sentence: "3 quotes and 1 claim's evidence go with it." or "Nothing else points at it." */
  summary: string
  counts: Partial<Record<'interviews' | 'segments' | 'quotes' | 'evidence' | 'claims' | 'drafts' | 'blocks', number>>
  /** The claims and drafts that would lose something, by name. */
  claims: { id: string; text: string }[]
  drafts: { id: string; title: string }[]
}

/** One delete the trash keeps, as the app lists it. */
export interface TrashSummary {
  /** The trash entry's id: what trash.restore takes. */
  id: string
  kind: RecordKind
  recordId: string
  label: string
  deletedAt: string
  /** What went with it, in words ("2 quotes, 1 piece of evidence"); empty when nothing did. */
  took: string
}

/** What a restore put back: the record (unless it was back already) and how many of its parts were missing. */
export interface TrashRestore {
  kind: RecordKind
  id: string
  label: string
  restored: { record: boolean; quotes: number; evidence: number; blocks: number; links: number }
}

/** A person's page: where they speak, what they said that was saved, and which claims rest on them. */
export interface SourceProfile {
  source: Source
  interviews: { id: string; title: string; date?: string; segments: number }[]
  quotes: Quote[]
  claims: { id: string; text: string; status: Claim['status']; stance: 'supports' | 'contradicts' | 'context' }[]
  /** Merges into this person that can still be undone. */
  merges: { id: string; name: string; createdAt: string }[]
}

const recordKindSchema = z.enum(['interviews', 'sources', 'tags', 'quotes', 'claims', 'drafts'])

export const contract = {
  ...crud('interviews'),
  ...crud('sources'),
  ...crud('tags'),
  ...crud('quotes'),
  ...crud('claims'),
  ...crud('drafts'),
  'archive.info': spec<ArchiveInfo>()(empty, false),
  'transcript.get': spec<Transcript>()(byId, false),
  'settings.get': spec<Settings>()(empty, false),
  'settings.update': spec<Settings>()(patchOf(SettingsSchema), true),
  'search.query': spec<{ hits: SearchHit[] }>()(
    z.object({ query: z.string().max(1000), limit: z.number().int().min(1).max(1000).default(50) }).strict(),
    false
  ),
  'segments.update': spec<SegmentEdit>()(
    z
      .object({
        interviewId: IdSchema,
        segmentId: IdSchema,
        text: z.string().max(200_000).optional(),
        speaker: z.string().max(200).optional(),
        offRecord: z.boolean().optional()
      })
      .strict(),
    true
  ),
  'quotes.accept': spec<Quote>()(byId, true),
  'tags.merge': spec<{ tag: Tag; moved: { quotes: number; segments: number } }>()(
    z.object({ from: IdSchema, into: IdSchema }).strict(),
    true
  ),
  'tags.usage': spec<Record<string, { quotes: number; segments: number }>>()(empty, false),
  'backups.list': spec<BackupSummary[]>()(empty, false),
  'backups.create': spec<BackupSummary>()(empty, true),
  'backups.restore': spec<ArchiveInfo>()(z.object({ id: z.string().min(1).max(100) }).strict(), true),
  'records.impact': spec<Impact>()(z.object({ kind: recordKindSchema, id: IdSchema }).strict(), false),
  'trash.list': spec<TrashSummary[]>()(empty, false),
  'trash.restore': spec<TrashRestore>()(byId, true),
  /**
   * Puts the open archive (the demo, say) aside in a folder beside it, and opens a new, empty
   * archive where it was: the app's own way to start fresh without deleting anything.
   */
  'archive.startEmpty': spec<ArchiveInfo & { keptAt: string }>()(empty, true),
  'sources.merge': spec<{ source: Source; mergeId: string; moved: { interviews: number; segments: number; quotes: number; evidence: number } }>()(
    z.object({ from: IdSchema, into: IdSchema }).strict(),
    true
  ),
  'sources.unmerge': spec<{ source: Source }>()(z.object({ mergeId: IdSchema }).strict(), true),
  'sources.profile': spec<SourceProfile>()(byId, false),
  'speakers.reassign': spec<{ interview: Interview; changed: number; quotes: Quote[] }>()(
    z
      .object({
        interviewId: IdSchema,
        speaker: z.string().max(200),
        segmentIds: z.array(IdSchema).max(100_000).optional(),
        sourceId: IdSchema.optional(),
        rename: z.string().max(200).optional()
      })
      .strict(),
    true
  ),
  'claims.review': spec<{ claims: ClaimReview[] }>()(
    z
      .object({
        ids: z.array(IdSchema).max(10_000).optional(),
        draftId: IdSchema.optional(),
        status: ClaimStatusSchema.optional(),
        sourceId: IdSchema.optional()
      })
      .strict(),
    false
  ),
  'claims.propose': spec<{ proposals: EvidenceProposal[] }>()(
    z
      .object({
        claimId: IdSchema.optional(),
        text: z.string().max(10_000).optional(),
        includeOffRecord: z.boolean().default(false),
        limit: z.number().int().min(1).max(200).default(30)
      })
      .strict(),
    false
  ),
  'claims.addEvidence': spec<{ claim: Claim; quote: Quote }>()(
    z
      .object({
        claimId: IdSchema,
        interviewId: IdSchema,
        segmentId: IdSchema,
        stance: StanceSchema,
        start: z.number().int().nonnegative().optional(),
        end: z.number().int().nonnegative().optional(),
        note: z.string().max(10_000).optional(),
        tagIds: z.array(IdSchema).max(100).optional()
      })
      .strict(),
    true
  ),
  'drafts.check': spec<DraftCheck>()(byId, false),
  'drafts.export': spec<DraftExport>()(
    z.object({ id: IdSchema, format: z.enum(['md', 'html']).default('md'), sectionId: IdSchema.optional() }).strict(),
    false
  ),
  'drafts.makeClaim': spec<{ claim: Claim; draft: Draft }>()(
    z.object({ id: IdSchema, sectionId: IdSchema, blockIndex: z.number().int().nonnegative(), start: z.number().int().nonnegative() }).strict(),
    true
  ),
  'factcheck.markdown': spec<{ markdown: string; claims: number }>()(z.object({ draftId: IdSchema.optional() }).strict(), false),
  'import.files': spec<ImportReport>()(
    z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(100_000), allowDuplicate: z.boolean().default(false) }).strict(),
    true,
    { localFiles: true }
  ),
  // One request carries at most one file's worth of bytes (the app sends one file per call), so
  // the host holds one such body at a time per window, never a batch of hundreds of megabytes.
  'import.upload': spec<ImportReport>()(
    z
      .object({
        files: z
          .array(z.object({ name: z.string().min(1).max(1000), data: z.string().max(MAX_UPLOAD_BASE64) }).strict())
          .min(1)
          .max(1000)
          .refine((files) => files.reduce((n, f) => n + f.data.length, 0) <= MAX_UPLOAD_BASE64, {
            message: 'Together these files are over 50 MB: send them one file per call.'
          }),
        allowDuplicate: z.boolean().default(false)
      })
      .strict(),
    true
  )
}

export type Contract = typeof contract
export type MethodName = keyof Contract
export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>
export type ParsedInputOf<M extends MethodName> = z.output<Contract[M]['input']>
export type OutputOf<M extends MethodName> = NonNullable<Contract[M]['output']>

export const methodNames = Object.keys(contract) as MethodName[]

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name)
}

export { recordKinds }
