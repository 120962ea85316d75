import { VerbatimError } from '../../shared/errors'
import type { ArchiveIndex, RecordKind, RecordOf } from '../../shared/model'

const nouns: Record<RecordKind, string> = {
  interviews: 'interview',
  sources: 'source',
  tags: 'tag',
  quotes: 'quote',
  claims: 'claim',
  drafts: 'draft'
}

export function collection<K extends RecordKind>(index: ArchiveIndex | Readonly<ArchiveIndex>, kind: K): RecordOf<K>[] {
  return index[kind] as RecordOf<K>[]
}

export function findRecord<K extends RecordKind>(index: ArchiveIndex | Readonly<ArchiveIndex>, kind: K, id: string): RecordOf<K> {
  const found = collection(index, kind).find((r) => r.id === id)
  if (!found) throw new VerbatimError('not-found', `No ${nouns[kind]} with id ${id}.`)
  return found
}

export const nounOf = (kind: RecordKind): string => nouns[kind]

/** What the app calls a record in a sentence: a title, a name, a quote's or claim's first words. */
export function labelOf(kind: RecordKind, record: { id: string; name?: string; title?: string; text?: string }): string {
  const raw = record.title ?? record.name ?? record.text ?? record.id
  const oneLine = raw.replace(/\s+/g, ' ').trim()
  const short = oneLine.length > 80 ? `${oneLine.slice(0, 79).trimEnd()}…` : oneLine
  return kind === 'quotes' || kind === 'claims' ? `“${short}”` : short
}
