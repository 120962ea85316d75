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
