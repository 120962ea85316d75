import { rmSync } from 'node:fs'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ArchiveIndex, Interview, Segment } from '../../shared/model'
import type { SearchHit } from '../../shared/search'
import { VerbatimError } from '../../shared/errors'
import { transcriptPath } from '../archive/layout'
import type { ArchiveStore, CommitEvent } from '../archive/store'
import { checkTranscriptText } from '../archive/validate'
import { SearchIndex, removeIndexFiles, type SearchOptions } from '../search'
import { changedRecords, fingerprintOf, nextSum, recordsSum, type RecordChanges, type SearchedRecord } from '../search/fingerprint'

/** The search index beside archive.json: a cache, made again from the archive whenever it is missing, stale or damaged. */
export const SEARCH_INDEX_FILE = 'search.sqlite'
/** What earlier versions saved (the whole index as one JSON string); removed on sight. */
const LEGACY_INDEX_FILE = 'search-index.json'
/** Characters of transcript indexed per transaction while catching up: each step stays short, so the app stays responsive. */
const CATCH_UP_CHARS = 1_500_000
/** Catching up with more interviews than this builds in bulk: fewer, bigger runs, written once. */
const BULK_INTERVIEWS = 64

interface Verified {
  revision: number
  sum: [number, number]
}

const isCorrupt = (e: unknown): boolean => {
  const code = (e as { code?: unknown } | null)?.code
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
}

const nextTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * The archive's search index (search.sqlite). Opening it costs next to nothing; it is checked
 * against the archive (revision and a fingerprint of the searched records) and, when it is behind,
 * caught up record by record: only what differs is indexed again, in short transactions, in the
 * background. Every save is followed for the price of what it changed, in this process and in a
 * CLI import alike, so the next start (or `verbatim search`) finds it current.
 */
export class SearchService {
  private index: SearchIndex | null = null
  private ready: Promise<SearchIndex> | null = null
  /** Catch-up and followed saves, one after another. */
  private queue: Promise<unknown> = Promise.resolve()
  /** The archive state the open index is known to hold; null until checked. */
  private verified: Verified | null = null
  /** The file was found behind the archive while following saves: left for the next catch-up. */
  private stale = false
  /** A merge of runs due after the last followed save (see compactSoon). */
  private compaction: ReturnType<typeof setTimeout> | null = null
  /** Set by close(): no search, followed save or timer reaches the file from then on. */
  private closing: Promise<void> | null = null
  /** Searches asked for before close(): each is answered before the file is let go. */
  private readonly searches = new Set<Promise<SearchHit[]>>()
  private temporaryDir: string | null = null
  /** How this start found the index: current, caught up, built from nothing, or (read-only, stale) built aside. */
  origin: 'current' | 'caught-up' | 'built' | 'temporary' | null = null
  /** Records (re)indexed while catching up, for tests and the benchmark. */
  readonly caughtUp = { interviews: 0, quotes: 0, sources: 0, removed: 0 }

  constructor(
    private readonly store: ArchiveStore,
    eager = false
  ) {
    if (eager) void this.ensure().catch((e: unknown) => console.error('verbatim: the search index could not be opened:', e))
    store.onCommit((event) => {
      // Closed (or closing): the file is left behind this save, and the next start catches up.
      if (this.closing) return
      void this.enqueue(() => this.follow(event)).catch((e: unknown) => console.error('verbatim: the search index could not follow a save:', e))
    })
  }

  private get file(): string {
    return join(this.store.dir, SEARCH_INDEX_FILE)
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task, task)
    this.queue = result.catch(() => undefined)
    return result
  }

  /** The index, current with the archive as it was when asked. */
  private ensure(): Promise<SearchIndex> {
    this.ready ??= this.enqueue(() => this.openCurrent()).catch((e: unknown) => {
      this.ready = null
      throw e
    })
    return this.ready
  }

  /** Searches the index as it is once every save so far has been followed. Refused once closing. */
  async search(query: string, limit: number, options: Omit<SearchOptions, 'limit'> = {}): Promise<SearchHit[]> {
    if (this.closing) throw new VerbatimError('not-found', 'The archive was closed; its search index is no longer open.')
    const searching = this.searchIndex(query, { ...options, limit })
    this.searches.add(searching)
    try {
      return await searching
    } finally {
      this.searches.delete(searching)
    }
  }

  private async searchIndex(query: string, options: SearchOptions): Promise<SearchHit[]> {
    const run = async (): Promise<SearchHit[]> => {
      for (;;) {
        const index = await this.ensure()
        // In the queue, after every save followed so far.
        const hits = await this.enqueue(async () => (this.index === index ? index.search(query, options) : null))
        // null: another search found the index damaged and let it go meanwhile.
        if (hits) return hits
      }
    }
    try {
      return await run()
    } catch (e) {
      if (!isCorrupt(e)) throw e
      // Damaged since it was opened: start it again from the archive.
      await this.enqueue(() => this.discard(true))
      return run()
    }
  }

  /**
   * Lets the file go (the session closes, or an archive is restored under it), for good: what is
   * already under way (a catch-up, saves being followed, searches asked for) is waited for, a
   * merge of runs that is due is done now, and nothing touches the file afterwards. A save that
   * lands later is not followed (the next start finds the file behind and catches up); a search
   * asked for later is refused.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.compaction) {
        clearTimeout(this.compaction)
        this.compaction = null
        if (this.index) this.compactNow(this.index)
      }
      // Work under way may queue more (a catch-up after a followed save, the next step of a
      // search): wait until none is left.
      let pending: Promise<unknown>
      do {
        pending = this.queue
        await Promise.allSettled([pending, ...this.searches])
      } while (pending !== this.queue || this.searches.size > 0)
      await this.discard(false)
    })()
    return this.closing
  }

  private async discard(removeFile: boolean): Promise<void> {
    this.index?.close()
    this.index = null
    this.ready = null
    this.verified = null
    this.stale = false
    if (removeFile && !this.temporaryDir && !this.store.readOnly) removeIndexFiles(this.file)
    if (this.temporaryDir) await rm(this.temporaryDir, { recursive: true, force: true })
    this.temporaryDir = null
  }

  private openFile(): SearchIndex {
    if (!this.index) {
      rmSync(join(this.store.dir, LEGACY_INDEX_FILE), { force: true })
      this.index = SearchIndex.open(this.file, { autoCompact: false })
    }
    return this.index
  }

  private async openCurrent(): Promise<SearchIndex> {
    if (this.store.readOnly) return this.openReadOnly()
    const index = this.openFile()
    const archive = this.store.index
    const sum = recordsSum(archive)
    if (this.holds(index, archive, sum)) {
      this.origin = 'current'
      this.verified = { revision: archive.revision, sum }
      return index
    }
    const empty = index.documentCount === 0
    await this.catchUp(index, archive, sum)
    this.origin = empty ? 'built' : 'caught-up'
    return index
  }

  /** Whether the index was last brought to exactly this state of the archive. */
  private holds(index: SearchIndex, archive: Readonly<ArchiveIndex>, sum: [number, number]): boolean {
    return index.getMeta('revision') === String(archive.revision) && index.getMeta('fingerprint') === fingerprintOf(archive.archiveId, sum)
  }

  /**
   * A read-only archive (a CLI search beside the running app) reads the index as it is when it is
   * current, or ahead (the app saved again after this process read archive.json); when it is
   * behind, it must not write it (another process owns it), so a temporary index is built aside
   * and removed on close.
   */
  private async openReadOnly(): Promise<SearchIndex> {
    const archive = this.store.index
    const sum = recordsSum(archive)
    try {
      const index = SearchIndex.open(this.file, { readonly: true })
      // Ahead of what this process read: the app saved again since; its index answers for newer words.
      const ahead = Number(index.getMeta('revision') ?? -1) > archive.revision && (index.getMeta('fingerprint') ?? '').startsWith(`${archive.archiveId}:`)
      if (ahead || this.holds(index, archive, sum)) {
        this.index = index
        this.origin = 'current'
        return index
      }
      index.close()
    } catch {
      // Missing or unreadable: built aside below.
    }
    this.temporaryDir = await mkdtemp(join(tmpdir(), 'verbatim-search-'))
    const index = SearchIndex.open(join(this.temporaryDir, SEARCH_INDEX_FILE))
    this.index = index
    await this.catchUp(index, archive, sum)
    this.origin = 'temporary'
    return index
  }

  /** Brings the index to `archive`: what is missing or changed is indexed, what is gone removed. */
  private async catchUp(index: SearchIndex, archive: Readonly<ArchiveIndex>, sum: [number, number]): Promise<void> {
    index.setTags(archive.tags)
    const indexed = index.versions('interviews')
    const versions = await this.interviewVersions(archive.interviews)
    const present = new Set(archive.interviews.map((i) => i.id))
    const gone = [...indexed.keys()].filter((id) => !present.has(id))
    index.batch(() => gone.forEach((id) => index.removeInterview(id)))
    this.caughtUp.removed += gone.length
    let group: Array<[Interview, Segment[], string]> = []
    let chars = 0
    const write = async (): Promise<void> => {
      const batch = group
      index.batch(() => batch.forEach(([interview, segments, version]) => index.addInterview(interview, segments, version)))
      this.caughtUp.interviews += batch.length
      group = []
      chars = 0
      await nextTick()
    }
    const todo = archive.interviews.filter((interview) => indexed.get(interview.id) !== versions.get(interview.id))
    const bulk = todo.length > BULK_INTERVIEWS
    if (bulk) index.beginBulk()
    // Transcripts are read a few ahead, so the disk works while the index does.
    const reads = new Map<string, Promise<Segment[]>>()
    const readAhead = (from: number): void => {
      for (const next of todo.slice(from, from + 4)) if (!reads.has(next.id)) reads.set(next.id, this.readTranscript(next.id))
    }
    for (const [n, interview] of todo.entries()) {
      readAhead(n)
      const segments = await (reads.get(interview.id) as Promise<Segment[]>)
      reads.delete(interview.id)
      group.push([interview, segments, versions.get(interview.id) ?? ''])
      for (const s of segments) chars += s.text.length
      if (chars >= CATCH_UP_CHARS) await write()
    }
    if (group.length > 0) await write()
    if (bulk) index.endBulk()
    for (const kind of ['quotes', 'sources'] as const) {
      const indexedRecords = index.versions(kind)
      const records = archive[kind] as ReadonlyArray<ArchiveIndex['quotes'][number] | ArchiveIndex['sources'][number]>
      const ids = new Set(records.map((r) => r.id))
      const changed = records.filter((r) => indexedRecords.get(r.id) !== r.updatedAt)
      const removed = [...indexedRecords.keys()].filter((id) => !ids.has(id))
      for (let i = 0; i < Math.max(changed.length, 1); i += 2000) {
        index.batch(() => {
          for (const id of i === 0 ? removed : []) {
            if (kind === 'quotes') index.removeQuote(id)
            else index.removeSource(id)
          }
          for (const r of changed.slice(i, i + 2000)) {
            if (kind === 'quotes') index.upsertQuote(r as ArchiveIndex['quotes'][number], r.updatedAt)
            else index.upsertSource(r as ArchiveIndex['sources'][number], r.updatedAt)
          }
        })
        await nextTick()
      }
      this.caughtUp[kind] += changed.length
      this.caughtUp.removed += removed.length
    }
    index.batch(() => this.mark(index, archive, sum))
    this.verified = { revision: archive.revision, sum }
    this.stale = false
  }

  private mark(index: SearchIndex, archive: Readonly<ArchiveIndex>, sum: [number, number]): void {
    index.setMeta('revision', String(archive.revision))
    index.setMeta('fingerprint', fingerprintOf(archive.archiveId, sum))
  }

  /**
   * What an interview looked like when indexed: its last change and its transcript file's identity
   * (a tag removed from segments rewrites the file without touching the interview record).
   */
  private async interviewVersions(interviews: readonly Interview[]): Promise<Map<string, string>> {
    const versions = new Map<string, string>()
    for (let i = 0; i < interviews.length; i += 64) {
      await Promise.all(
        interviews.slice(i, i + 64).map(async (interview) => {
          const file = await stat(transcriptPath(this.store.dir, interview.id)).catch(() => null)
          versions.set(interview.id, `${interview.updatedAt}|${file ? `${file.ino}:${file.size}:${file.mtimeMs}` : 'none'}`)
        })
      )
    }
    return versions
  }

  /**
   * Reads a transcript for indexing without keeping it: the store caches every transcript it
   * reads, which for a whole archive would hold all its words in memory. A file the store would
   * repair goes through the store.
   */
  private async readTranscript(interviewId: string): Promise<Segment[]> {
    const text = await readFile(transcriptPath(this.store.dir, interviewId), 'utf8').catch(() => null)
    const parsed = text === null ? null : checkTranscriptText(text, interviewId)
    if (parsed && typeof parsed !== 'string') return parsed.segments
    return this.store.transcript(interviewId).catch(() => [])
  }

  /** One save, applied to an index known to hold the state before it; a stale index waits for its catch-up instead. */
  private async follow(event: CommitEvent): Promise<void> {
    if (this.store.readOnly || this.temporaryDir || this.stale) return
    const { previous, next, transcriptsWritten } = event
    // Already in: a catch-up that ran after this save took it in.
    if (this.verified && next.revision <= this.verified.revision) return
    const index = this.openFile()
    if (!this.verified) {
      // Opened for this save (a CLI import): check once that the file holds the state before it.
      const sum = recordsSum(previous)
      if (!this.holds(index, previous, sum)) return this.catchUpLater()
      this.verified = { revision: previous.revision, sum }
    }
    if (this.verified.revision !== previous.revision) {
      this.verified = null
      return this.catchUpLater()
    }
    let sum = this.verified.sum
    const change = <T extends SearchedRecord>(kind: 'interviews' | 'quotes' | 'sources' | 'tags', before: readonly T[], after: readonly T[]): RecordChanges<T> => {
      const changes = changedRecords(before, after)
      sum = nextSum(sum, kind, changes)
      return changes
    }
    const tags = change('tags', previous.tags, next.tags)
    const interviews = change('interviews', previous.interviews, next.interviews)
    const quotes = change('quotes', previous.quotes, next.quotes)
    const sources = change('sources', previous.sources, next.sources)
    const touched = new Map(interviews.upserted.map((i) => [i.id, i]))
    for (const id of transcriptsWritten.keys()) {
      const interview = next.interviews.find((i) => i.id === id)
      if (interview) touched.set(id, interview)
    }
    const versions = await this.interviewVersions([...touched.values()])
    const before = new Map(interviews.replaced.map((i) => [i.id, i]))
    // An interview back from the trash (trash.restore) brings no transcript write: its words are read from its kept file.
    const returning = new Map<string, Segment[]>()
    for (const id of touched.keys()) {
      if (!transcriptsWritten.has(id) && !previous.interviews.some((i) => i.id === id)) returning.set(id, await this.readTranscript(id))
    }
    index.batch(() => {
      if (tags.upserted.length + tags.removed.length > 0) index.setTags(next.tags)
      for (const { id } of interviews.removed) index.removeInterview(id)
      for (const [id, interview] of touched) {
        const version = versions.get(id)
        const segments = transcriptsWritten.get(id)
        const was = before.get(id) ?? previous.interviews.find((i) => i.id === id)
        if (!was) {
          index.addInterview(interview, segments ?? returning.get(id) ?? [], version)
          continue
        }
        if (was.title !== interview.title || was.place !== interview.place || was.notes !== interview.notes || !segments) index.updateInterview(interview, version)
        if (segments) index.replaceSegments(id, segments, version)
      }
      for (const { id } of quotes.removed) index.removeQuote(id)
      for (const quote of quotes.upserted) index.upsertQuote(quote, quote.updatedAt)
      for (const { id } of sources.removed) index.removeSource(id)
      for (const source of sources.upserted) index.upsertSource(source, source.updatedAt)
      this.mark(index, next, sum)
    })
    this.verified = { revision: next.revision, sum }
    this.compactSoon(index)
  }

  /**
   * The file is behind the archive (new, or left behind by a crash or a restore): this process
   * writes the archive, so it brings the index up to date after this save, once, and follows
   * saves again from there. A CLI import thus leaves it current for the next `verbatim search`.
   */
  private catchUpLater(): void {
    this.stale = true
    this.ready = null
    void this.ensure().catch((e: unknown) => console.error('verbatim: the search index could not catch up:', e))
  }

  /**
   * Merges small runs once the save has been answered: the next search need not wait for it.
   * While closing, at once (close() is waiting for the queue).
   */
  private compactSoon(index: SearchIndex): void {
    if (this.closing) return this.compactNow(index)
    if (this.compaction) return
    this.compaction = setTimeout(() => {
      this.compaction = null
      this.compactNow(index)
    }, 50)
    this.compaction.unref?.()
  }

  /** Queues a merge of `index`'s runs; it is skipped if that index was let go before its turn came. */
  private compactNow(index: SearchIndex): void {
    void this.enqueue(async () => {
      if (this.index === index) index.compact()
    }).catch((e: unknown) => console.error('verbatim: the search index could not merge its runs:', e))
  }
}
