// Saving behind the editor. The screen changes at once; a save follows a moment after the last
// change and sends only the fields that differ from what the archive holds. One save at a time:
// what is typed while a save is under way goes in the next one, so no keystroke is dropped and
// no older save can land after a newer one. No Vue and no API here: the drafts store hands in
// how to read the screen's copy and how to send a patch, which keeps this testable on its own.
import { contentOf, patchOf, type DraftContent } from './drafts-logic'

export type SaveState = 'saved' | 'pending' | 'saving' | 'error'

/** What the header shows: Saved, Saving…, or why not. */
export interface SaveStatus {
  state: SaveState
  error: string
  /** The title is empty: everything else is saved, the title waits for one. */
  titleMissing: boolean
}

export interface AutosaveOptions {
  /** The open draft's id and content as on screen, or null when none is open. */
  current(): { id: string; content: DraftContent } | null
  /** Sends a patch; resolves with the record's new `updatedAt`. */
  send(id: string, patch: Partial<DraftContent>): Promise<string>
  /** After each save the archive accepted. */
  saved?(id: string, updatedAt: string): void
  delayMs?: number
}

export interface Autosave {
  /** What the archive holds now for the open draft (on opening it, or after the archive changed it). */
  base(id: string | null, content: DraftContent | null): void
  /** Something changed on screen: save after the pause (0: at once, still after any save under way). */
  touched(delayMs?: number): void
  /** Saves everything on screen now; false when a save failed or the title is missing. */
  flush(): Promise<boolean>
  /** Forgets a pending save (the draft was closed or replaced). */
  cancel(): void
}

export function createAutosave(status: SaveStatus, options: AutosaveOptions): Autosave {
  const delay = options.delayMs ?? 600
  let baseId: string | null = null
  let saved: DraftContent | null = null
  let timer: ReturnType<typeof setTimeout> | undefined
  let inFlight: Promise<unknown> | null = null

  function base(id: string | null, content: DraftContent | null): void {
    baseId = id
    saved = content ? contentOf(content) : null
  }

  function touched(delayMs = delay): void {
    if (status.state !== 'saving') status.state = 'pending'
    clearTimeout(timer)
    timer = setTimeout(() => void flush(), delayMs)
  }

  function cancel(): void {
    clearTimeout(timer)
  }

  async function flush(): Promise<boolean> {
    clearTimeout(timer)
    for (;;) {
      if (inFlight) {
        await inFlight.catch(() => undefined)
        continue
      }
      const now = options.current()
      if (!now || !saved || now.id !== baseId) return true
      const { patch, titleMissing } = patchOf(saved, now.content)
      status.titleMissing = titleMissing
      if (!Object.keys(patch).length) {
        status.state = 'saved'
        status.error = ''
        return !titleMissing
      }
      status.state = 'saving'
      // What the archive will hold once this save is accepted: the next save sends what differs from it.
      const sent = { ...saved, ...contentOf(patch as DraftContent) }
      const call = options.send(now.id, patch)
      inFlight = call
      try {
        const updatedAt = await call
        if (baseId === now.id) {
          saved = sent
          status.error = ''
          options.saved?.(now.id, updatedAt)
        }
      } catch (e) {
        status.state = 'error'
        status.error = e instanceof Error ? e.message : String(e)
        return false
      } finally {
        inFlight = null
      }
    }
  }

  return { base, touched, flush, cancel }
}
