import { join } from 'node:path'

// Where each part of an archive lives inside its folder. docs/archive-format.md describes the same.
export const INDEX_FILE = 'archive.json'
/** The saves since archive.json was last written whole: one JSON line each. */
export const JOURNAL_FILE = 'archive.journal.jsonl'
export const TRANSCRIPTS_DIR = 'interviews'
export const BACKUPS_DIR = 'backups'
export const QUARANTINE_DIR = 'damaged'

export const indexPath = (dir: string): string => join(dir, INDEX_FILE)
export const journalPath = (dir: string): string => join(dir, JOURNAL_FILE)
export const transcriptsPath = (dir: string): string => join(dir, TRANSCRIPTS_DIR)
export const transcriptPath = (dir: string, interviewId: string): string =>
  join(dir, TRANSCRIPTS_DIR, `${interviewId}.json`)
export const backupsPath = (dir: string): string => join(dir, BACKUPS_DIR)
export const quarantinePath = (dir: string): string => join(dir, QUARANTINE_DIR)
