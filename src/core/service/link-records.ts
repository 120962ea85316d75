import { nextTagColour } from '../../shared/codebook'
import type { ArchiveIndex, Source, Tag } from '../../shared/model'
import { newId, originalOf } from '../archive/store'
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
 * People by every name they go by, so that linking a transcript's speakers costs a lookup per
 * speaker, not a scan of every source. Transliterating every name is the expensive part (at 10,000
 * people it was a third of an import), so an index of the archive's sources is kept across saves:
 * a save that only added people extends a copy of the last one, and only a save that changed or
 * removed a person builds it again. Within one save, what the save adds goes into an overlay over
 * that index, so a save that fails leaves the kept index as it was.
 */
class PeopleIndex {
  private readonly byKey: Map<string, Source>
  private readonly bySkeleton: Map<string, Source[]>
  constructor(
    private readonly parent: PeopleIndex | null = null,
    from?: PeopleIndex
  ) {
    this.byKey = new Map(from?.byKey)
    this.bySkeleton = new Map(from?.bySkeleton)
  }
  find(key: string): Source | undefined {
    return this.byKey.get(key) ?? this.parent?.find(key)
  }
  sameSkeleton(skeleton: string): Source[] {
    return [...(this.parent?.sameSkeleton(skeleton) ?? []), ...(this.bySkeleton.get(skeleton) ?? [])]
  }
  add(source: Source): void {
    if (source.kind !== 'person') return
    for (const name of namesOf(source)) this.addName(source, name)
  }
  addName(source: Source, name: string): void {
    const key = nameKey(name)
    if (!this.find(key)) this.byKey.set(key, source)
    const skeleton = looseNameKey(name)
    // Copied, never pushed: the list may be shared with the index this one was copied from.
    if (skeleton) this.bySkeleton.set(skeleton, [...(this.bySkeleton.get(skeleton) ?? []), source])
  }
}

/** The index of a state's sources, by that state's array; and the last one built, to extend. */
const kept = new WeakMap<readonly Source[], PeopleIndex>()
let last: { sources: readonly Source[]; index: PeopleIndex } | null = null

function indexOf(sources: readonly Source[]): PeopleIndex {
  const found = kept.get(sources)
  if (found) return found
  let index: PeopleIndex
  // A save that only appended people leaves every earlier one the very object it was.
  const extends_ = last !== null && last.sources.length <= sources.length && last.sources.every((s, i) => sources[i] === s)
  if (extends_ && last) {
    index = new PeopleIndex(null, last.index)
    for (let i = last.sources.length; i < sources.length; i++) index.add(sources[i]!)
  } else {
    index = new PeopleIndex()
    for (const s of sources) index.add(s)
  }
  kept.set(sources, index)
  last = { sources, index }
  return index
}

/** Per save (keyed by its draft of the sources): the people it added, over the kept index. */
const overlays = new WeakMap<Source[], PeopleIndex>()

function peopleIn(next: ArchiveIndex): PeopleIndex {
  const base = originalOf(next.sources)
  if (base === next.sources) {
    // Not a draft (a plain index being built): nothing to keep, it may change under us.
    const plain = new PeopleIndex()
    for (const s of base) plain.add(s)
    return plain
  }
  let overlay = overlays.get(next.sources)
  if (!overlay) {
    overlay = new PeopleIndex(indexOf(base))
    overlays.set(next.sources, overlay)
  }
  return overlay
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
  const found = people.find(nameKey(label))
  if (found) return found.id
  const twin = people.sameSkeleton(looseNameKey(label)).find((s) => scriptOf(s.name) !== scriptOf(label) && sameNameAcrossScripts(s.name, label))
  if (twin) {
    // The index holds the state's own objects: the alias goes on this save's draft of the person.
    const person = next.sources.find((s) => s.id === twin.id) ?? twin
    person.aliases = [...person.aliases, label.trim()]
    person.updatedAt = now
    people.addName(person, label)
    return person.id
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
