import { SCHEMA_VERSION } from '../../shared/model'
import { v1ToV2 } from './migrations'

type Raw = { schemaVersion: number } & Record<string, unknown>

/**
 * One step per format version: steps[n] turns a version-n archive.json into version n+1.
 * Format 1 is the first; the table grows with the format, and an archive is migrated in memory
 * on open and written in the new format by its next save.
 */
export const steps: Record<number, (raw: Raw) => Raw> = { 1: v1ToV2 }

export function migrate(raw: Raw, table: Record<number, (raw: Raw) => Raw> = steps, target = SCHEMA_VERSION): Raw {
  let current = raw
  while (current.schemaVersion < target) {
    const step = table[current.schemaVersion]
    if (!step) throw new Error(`no migration from archive format ${current.schemaVersion}`)
    current = { ...step(current), schemaVersion: current.schemaVersion + 1 }
  }
  return current
}
