import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { ArchiveIndexSchema, SCHEMA_VERSION, SettingsSchema, type ArchiveIndex, type Segment } from '../../shared/model'
import { writeFileDurably } from './durable-write'
import type { ArchiveFs } from './fs'
import { indexPath, transcriptPath, transcriptsPath } from './layout'
import { indexShape } from './shape'

export interface SeedArchive {
  index: ArchiveIndex
  transcripts: Record<string, Segment[]>
}

export function newId(): string {
  return randomUUID().replace(/-/g, '').slice(0, 16)
}

/** A new archive's index: every collection the schema has, empty; every value at its default. */
export function emptyIndex(now = new Date()): ArchiveIndex {
  const index: Record<string, unknown> = {
    schemaVersion: SCHEMA_VERSION,
    revision: 0,
    archiveId: newId(),
    createdAt: now.toISOString(),
    settings: SettingsSchema.parse({})
  }
  for (const kind of indexShape.collections.keys()) index[kind] = []
  return ArchiveIndexSchema.parse(index)
}

/** Pretty-printed JSON, the way every file of an archive is written: people read them too. */
export function serialise(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
}

export const transcriptText = (interviewId: string, segments: Segment[]): string => serialise({ schemaVersion: SCHEMA_VERSION, interviewId, segments })

/** Present while a new archive's first files are being written. */
export const CREATING_FILE = '.verbatim-creating'
export const creatingPath = (dir: string): string => join(dir, CREATING_FILE)

/** Writes a brand-new archive's first files (the seed's transcripts, then archive.json); returns archive.json's text. */
export async function createArchive(fs: ArchiveFs, dir: string, seed: SeedArchive | null): Promise<string> {
  const index = seed?.index ?? emptyIndex()
  const transcripts = Object.entries(seed?.transcripts ?? {})
  await fs.mkdir(transcriptsPath(dir), { recursive: true })
  // A crash after the seed's transcripts but before archive.json would otherwise leave a folder
  // that looks like an archive whose index was lost (and, having no snapshot yet, could never open).
  if (transcripts.length) await writeFileDurably(fs, creatingPath(dir), `${new Date().toISOString()}\n`)
  for (const [id, segments] of transcripts) await writeFileDurably(fs, transcriptPath(dir, id), transcriptText(id, segments))
  const text = serialise(index)
  await writeFileDurably(fs, indexPath(dir), text)
  await fs.rm(creatingPath(dir), { force: true })
  return text
}
