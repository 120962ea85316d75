import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createAutosave, type SaveStatus } from '../../src/renderer/src/stores/drafts-autosave'
import type { DraftContent } from '../../src/renderer/src/stores/drafts-logic'

/** An archive stand-in that holds what it is sent, answering each save when the test says so. */
function archive(initial: DraftContent) {
  let held = structuredClone(initial)
  const sent: Partial<DraftContent>[] = []
  const waiting: { patch: Partial<DraftContent>; settle: (fail?: string) => void }[] = []
  return {
    get held() {
      return held
    },
    sent,
    waiting,
    send(_id: string, patch: Partial<DraftContent>): Promise<string> {
      sent.push(structuredClone(patch))
      return new Promise((resolve, reject) => {
        waiting.push({
          patch,
          settle: (fail) => {
            if (fail) return reject(new Error(fail))
            held = { ...held, ...structuredClone(patch) }
            resolve(new Date().toISOString())
          }
        })
      })
    },
    /** Answers the oldest save still waiting. */
    async answer(fail?: string): Promise<void> {
      await vi.waitFor(() => expect(waiting.length).toBeGreaterThan(0))
      waiting.shift()!.settle(fail)
      await Promise.resolve()
    }
  }
}

const start = (): DraftContent => ({ title: 'Bridge', tags: [], quoteStyle: 'block', sections: [{ id: 's', heading: '', blocks: [{ type: 'prose', text: '' }] }] })
const prose = (d: DraftContent): string => (d.sections[0]!.blocks[0] as { text: string }).text

describe('saving behind the editor', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  function setup() {
    const screen = start()
    const store = archive(start())
    const status: SaveStatus = { state: 'saved', error: '', titleMissing: false }
    const saves: string[] = []
    const autosave = createAutosave(status, { current: () => ({ id: 'd', content: screen }), send: (id, patch) => store.send(id, patch), saved: (_id, at) => saves.push(at), delayMs: 600 })
    autosave.base('d', start())
    const type = (text: string): void => {
      ;(screen.sections[0]!.blocks[0] as { text: string }).text = text
      autosave.touched()
    }
    return { screen, store, status, saves, autosave, type }
  }

  it('waits for a pause, then sends only what changed', async () => {
    const { store, status, type } = setup()
    type('The')
    type('The bridge')
    expect(status.state).toBe('pending')
    await vi.advanceTimersByTimeAsync(599)
    expect(store.sent).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(store.sent.map((p) => Object.keys(p))).toEqual([['sections']])
    expect(status.state).toBe('saving')
    await store.answer()
    await vi.waitFor(() => expect(status.state).toBe('saved'))
    expect(prose(store.held)).toBe('The bridge')
  })

  it('sends what was typed during a save in the next save, after the first is answered, never beside it', async () => {
    const { store, status, saves, autosave, type } = setup()
    type('The bridge')
    await vi.advanceTimersByTimeAsync(600)
    expect(store.waiting).toHaveLength(1)
    type('The bridge fell')
    await vi.advanceTimersByTimeAsync(600)
    // The second save waits for the first: two saves are never under way at once.
    expect(store.waiting).toHaveLength(1)
    await store.answer()
    await store.answer()
    expect(await autosave.flush()).toBe(true)
    expect(store.sent.map((p) => prose(p as DraftContent))).toEqual(['The bridge', 'The bridge fell'])
    expect(prose(store.held)).toBe('The bridge fell')
    expect(status.state).toBe('saved')
    expect(saves).toHaveLength(2)
  })

  it('keeps what is on screen when a save fails, says why, and sends it again with the next change', async () => {
    const { store, status, autosave, type } = setup()
    type('The bridge')
    const flushed = autosave.flush()
    await store.answer('The archive is read-only.')
    expect(await flushed).toBe(false)
    expect(status).toMatchObject({ state: 'error', error: 'The archive is read-only.' })
    type('The bridge fell')
    const again = autosave.flush()
    await store.answer()
    expect(await again).toBe(true)
    expect(prose(store.held)).toBe('The bridge fell')
    expect(status).toMatchObject({ state: 'saved', error: '' })
  })

  it('holds back an empty title and says so, saving the rest', async () => {
    const { screen, store, status, autosave, type } = setup()
    screen.title = ''
    type('Text')
    const flushed = autosave.flush()
    await store.answer()
    expect(await flushed).toBe(false)
    expect(status.titleMissing).toBe(true)
    expect(store.held.title).toBe('Bridge')
    expect(prose(store.held)).toBe('Text')
  })

  it('sends nothing for a draft it no longer has as its base (closed or another one opened)', async () => {
    const { store, autosave, type } = setup()
    type('Typed')
    autosave.base('other', start())
    expect(await autosave.flush()).toBe(true)
    expect(store.sent).toEqual([])
  })
})
