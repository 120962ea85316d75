import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { readFile } from 'node:fs/promises'
import type { SearchHit } from '../../shared/search'
import { writeFileDurably } from '../archive/durable-write'
import { realFs } from '../archive/fs'
import type { ArchiveStore, CommitEvent } from '../archive/store'
import { SearchIndex } from '../search'

export const SEARCH_INDEX_FILE = 'search-index.json'
const SAVE_AFTER_MS = 3_000

interface SavedIndex {
  revision: number
  /** The archive's content when saved: a restore moves `revision` back, so the number alone can lie. */
  fingerprint?: string
  snapshot: ReturnType<SearchIndex['toJSON']>
}

const changed = <T extends { id: string; updatedAt: string }>(before: readonly T[], after: readonly T[]) => {
  const old = new Map(before.map((r) => [r.id, r.updatedAt]))
  const now = new Set(after.map((r) => r.id))
  return {
    upserted: after.filter((r) => old.get(r.id) !== r.updatedAt),
    removed: before.filter((r) => !now.has(r.id)).map((r) => r.id)
  }
}

/**
 * The archive's search index: loaded from search-index.json when it was saved at the archive's
 * current revision, rebuilt from the archive otherwise, then kept in step with every save and
 * written back a few seconds after the last change. It is a cache: losing it costs a rebuild.
 */
export class SearchService {
  /** Null until the first search (or an eager start): a CLI listing never pays for the index. */
  private ready: Promise<SearchIndex> | null = null
  private timer: NodeJS.Timeout | undefined
  private dirty = false
  /** How the index came to be, for the benchmark and the curious. */
  origin: 'loaded' | 'built' = 'built'

  constructor(
    private readonly store: ArchiveStore,
    eager = false
  ) {
    if (eager) this.ensure()
    store.onCommit((event) => {
      // Not loaded: the saved index's revision is now behind, so the next start rebuilds it.
      if (!this.ready) return
      this.ready = this.ready.then(async (index) => {
        await this.follow(index, event)
        return index
      })
      this.scheduleSave()
    })
  }

  private ensure(): Promise<SearchIndex> {
    this.ready ??= this.open()
    return this.ready
  }

  private fingerprint(): string {
    return createHash('sha256').update(JSON.stringify(this.store.index)).digest('hex').slice(0, 32)
  }

  private get file(): string {
    return join(this.store.dir, SEARCH_INDEX_FILE)
  }

  private async open(): Promise<SearchIndex> {
    try {
      const saved = JSON.parse(await readFile(this.file, 'utf8')) as SavedIndex
      if (saved.revision === this.store.index.revision && saved.fingerprint === this.fingerprint()) {
        const index = SearchIndex.fromJSON(saved.snapshot)
        this.origin = 'loaded'
        return index
      }
    } catch {
      // Missing, damaged or from another version of the rules: build it again.
    }
    const index = await this.build()
    this.dirty = true
    this.scheduleSave()
    return index
  }

  private async build(): Promise<SearchIndex> {
    const index = new SearchIndex()
    const archive = this.store.index
    index.setTags(archive.tags)
    for (const interview of archive.interviews) {
      const segments = await this.store.transcript(interview.id).catch(() => [])
      index.addInterview(interview, segments)
    }
    for (const quote of archive.quotes) index.upsertQuote(quote)
    for (const source of archive.sources) index.upsertSource(source)
    this.origin = 'built'
    return index
  }

  private async follow(index: SearchIndex, { previous, next, transcriptsWritten }: CommitEvent): Promise<void> {
    if (JSON.stringify(previous.tags.map((t) => [t.id, t.name])) !== JSON.stringify(next.tags.map((t) => [t.id, t.name]))) {
      index.setTags(next.tags)
    }
    const interviews = changed(previous.interviews, next.interviews)
    for (const id of interviews.removed) index.removeInterview(id)
    const before = new Set(previous.interviews.map((i) => i.id))
    for (const interview of interviews.upserted) {
      // An interview back from the trash brings no write: its words are read from its kept file.
      const segments =
        transcriptsWritten.get(interview.id) ?? (before.has(interview.id) ? undefined : await this.store.transcript(interview.id).catch(() => []))
      if (segments) index.addInterview(interview, segments)
      else index.updateInterview(interview)
    }
    for (const [id, segments] of transcriptsWritten) {
      const interview = next.interviews.find((i) => i.id === id)
      if (interview && !interviews.upserted.includes(interview)) index.replaceSegments(id, segments)
    }
    const quotes = changed(previous.quotes, next.quotes)
    for (const id of quotes.removed) index.removeQuote(id)
    for (const quote of quotes.upserted) index.upsertQuote(quote)
    const sources = changed(previous.sources, next.sources)
    for (const id of sources.removed) index.removeSource(id)
    for (const source of sources.upserted) index.upsertSource(source)
    this.dirty = true
  }

  async search(query: string, limit: number): Promise<SearchHit[]> {
    const index = await this.ensure()
    return index.search(query, { limit }) as SearchHit[]
  }

  private scheduleSave(): void {
    if (this.store.readOnly) return
    clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.save(), SAVE_AFTER_MS)
    this.timer.unref()
  }

  /** Writes the index beside the archive, tagged with the revision it matches. */
  async save(): Promise<void> {
    clearTimeout(this.timer)
    if (!this.dirty || this.store.readOnly || !this.ready) return
    const index = await this.ready
    const revision = this.store.index.revision
    const fingerprint = this.fingerprint()
    this.dirty = false
    try {
      await writeFileDurably(realFs, this.file, JSON.stringify({ revision, fingerprint, snapshot: index.toJSON() }))
    } catch {
      // A full disk costs only a rebuild at the next start.
      this.dirty = true
    }
  }
}
