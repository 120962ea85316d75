// What each archive format change does to an older archive.json, step by step (migrate.ts runs them).

type Raw = { schemaVersion: number } & Record<string, unknown>
type RawRecord = Record<string, unknown>

/**
 * Format 2 (claims and sources): a person created by import is `unconfirmed` until an editor sets
 * how they may be named; format 1 made them `on-record`, which an export would print. A source the
 * import made is recognised exactly: created in the same save as an interview that names it as a
 * speaker, and never edited since (no role, affiliation, description, short name or notes).
 */
export function v1ToV2(raw: Raw): Raw {
  const interviews = Array.isArray(raw.interviews) ? (raw.interviews as RawRecord[]) : []
  const importedAt = new Map<string, Set<string>>()
  for (const i of interviews) {
    if (typeof i.createdAt !== 'string' || !Array.isArray(i.speakers)) continue
    const names = importedAt.get(i.createdAt) ?? new Set<string>()
    for (const s of i.speakers) if (typeof s === 'string') names.add(s.trim().toLowerCase())
    importedAt.set(i.createdAt, names)
  }
  const sources = Array.isArray(raw.sources) ? (raw.sources as RawRecord[]) : []
  return {
    ...raw,
    sources: sources.map((s) => {
      const untouched =
        s.kind === 'person' &&
        s.naming === 'on-record' &&
        s.createdAt === s.updatedAt &&
        !s.role && !s.affiliation && !s.anonymousAs && !s.shortName && !s.notes
      const byImport = untouched && typeof s.name === 'string' && importedAt.get(String(s.createdAt))?.has(s.name.trim().toLowerCase())
      return byImport ? { ...s, naming: 'unconfirmed' } : s
    })
  }
}
