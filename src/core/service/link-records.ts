import { nextTagColour } from '../../shared/codebook'
import type { ArchiveIndex, Source, Tag } from '../../shared/model'
import { newId } from '../archive/store'
import { roleOf } from '../import/labels'
import { looseNameKey, sameNameAcrossScripts, scriptOf } from '../text/translit'

/** How two spellings of one name compare: case, spacing and a trailing colon do not count. */
export function nameKey(name: string): string {
  return name.normalize('NFC').replace(/:\s*$/, '').replace(/\s+/g, ' ').trim().toLocaleLowerCase()
}

/** Every name a person goes by: name, short name and aliases. */
export function namesOf(source: Pick<Source, 'name' | 'shortName' | 'aliases'>): string[] {
  return [source.name, ...(source.shortName ? [source.shortName] : []), ...source.aliases]
}

/**
 * People by every name they go by, built once per change and kept up to date as sources are
 * added, so that linking a transcript's speakers costs a lookup per speaker, not a scan of every
 * source. Keyed by the array it indexes: a new change (a new array) builds a new one.
 */
class PeopleIndex {
  readonly byKey = new Map<string, Source>()
  readonly bySkeleton = new Map<string, Source[]>()
  size = 0
  constructor(sources: Source[]) {
    for (const s of sources) this.add(s)
  }
  add(source: Source): void {
    this.size++
    if (source.kind !== 'person') return
    for (const name of namesOf(source)) this.addName(source, name)
  }
  addName(source: Source, name: string): void {
    const key = nameKey(name)
    if (!this.byKey.has(key)) this.byKey.set(key, source)
    const skeleton = looseNameKey(name)
    if (skeleton) this.bySkeleton.set(skeleton, [...(this.bySkeleton.get(skeleton) ?? []), source])
  }
}
const indexes = new WeakMap<Source[], PeopleIndex>()

function peopleIn(next: ArchiveIndex): PeopleIndex {
  let index = indexes.get(next.sources)
  if (!index || index.size !== next.sources.length) {
    index = new PeopleIndex(next.sources)
    indexes.set(next.sources, index)
  }
  return index
}

/** Who the interview's role labels stand for: the interviewer and the person interviewed, when known. */
export interface InterviewRoles {
  interviewer?: string
  interviewee?: string
}

/**
 * Finds the person a speaker label names, or adds one, and returns its id. A role label (Q, A,
 * Interviewer, Reporter, Вопрос, Жауап, Сұхбаттасушы…) is not a person: it stands for the
 * interview's interviewer or interviewee, and links to no one when the interview does not name
 * them. A name written in another script than a known person's ("Лена Моретти" for "Lena
 * Moretti") is that person, and becomes one of their aliases. A person found this way starts
 * unconfirmed: nobody has yet decided how they may be named in print.
 */
export function sourceFor(next: ArchiveIndex, label: string, now: string, roles: InterviewRoles = {}): string | undefined {
  const role = roleOf(label)
  if (role !== null) {
    const person = role === 'interviewer' ? roles.interviewer : roles.interviewee
    return person && roleOf(person) === null ? sourceFor(next, person, now) : undefined
  }
  const people = peopleIn(next)
  const found = people.byKey.get(nameKey(label))
  if (found) return found.id
  const twin = (people.bySkeleton.get(looseNameKey(label)) ?? []).find(
    (s) => scriptOf(s.name) !== scriptOf(label) && sameNameAcrossScripts(s.name, label)
  )
  if (twin) {
    twin.aliases = [...twin.aliases, label.trim()]
    twin.updatedAt = now
    people.addName(twin, label)
    return twin.id
  }
  const source: Source = {
    id: newId(),
    kind: 'person',
    name: label.trim(),
    aliases: [],
    naming: 'unconfirmed',
    consent: 'unknown',
    createdAt: now,
    updatedAt: now
  }
  next.sources.push(source)
  people.add(source)
  return source.id
}

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
    color: nextTagColour(next.tags.map((t) => t.color)),
    ...(description ? { description } : {}),
    createdAt: now,
    updatedAt: now
  }
  next.tags.push(tag)
  return tag.id
}
