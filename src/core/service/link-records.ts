import type { ArchiveIndex, Source, Tag } from '../../shared/model'
import { newId } from '../archive/store'

/** How two spellings of one name compare: case, spacing and a trailing colon do not count. */
export function nameKey(name: string): string {
  return name.normalize('NFC').replace(/:\s*$/, '').replace(/\s+/g, ' ').trim().toLocaleLowerCase()
}

/** Finds the person source for a speaker name, or adds one. Returns its id. */
export function sourceFor(next: ArchiveIndex, name: string, now: string): string {
  const key = nameKey(name)
  const found = next.sources.find((s) => s.kind === 'person' && (nameKey(s.name) === key || (s.shortName && nameKey(s.shortName) === key)))
  if (found) return found.id
  const source: Source = { id: newId(), kind: 'person', name: name.trim(), naming: 'on-record', createdAt: now, updatedAt: now }
  next.sources.push(source)
  return source.id
}

/** Palette for tags a file brings with it: distinct, readable on light and dark. */
const palette = ['#2b7bd9', '#d9822b', '#2ba84a', '#a23bd1', '#d93b5e', '#1b9e9e', '#8a6d3b', '#5b6bd9']

/** Finds a tag by name (case-insensitive), or adds one. Returns its id. */
export function tagFor(next: ArchiveIndex, name: string, now: string, description?: string): string {
  const key = nameKey(name)
  const found = next.tags.find((t) => nameKey(t.name) === key)
  if (found) {
    if (description && !found.description) Object.assign(found, { description, updatedAt: now })
    return found.id
  }
  const tag: Tag = {
    id: newId(),
    name: name.trim().replace(/\s+/g, ' '),
    color: palette[next.tags.length % palette.length] ?? '#8a8f98',
    ...(description ? { description } : {}),
    createdAt: now,
    updatedAt: now
  }
  next.tags.push(tag)
  return tag.id
}
