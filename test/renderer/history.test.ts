// The undo history runs steps one at a time, in the order they were asked for: a step that arrives
// while another is saving waits its turn instead of being dropped (issue 10).
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { useHistory } from '../../src/renderer/src/stores/history'
import { useNotices } from '../../src/renderer/src/stores/notices'

/** A step that takes a while, like a save, and records when it ran. */
function slowStep(log: string[], name: string, ms = 20) {
  return async () => {
    log.push(`${name} start`)
    await new Promise((r) => setTimeout(r, ms))
    log.push(`${name} end`)
  }
}

beforeEach(() => setActivePinia(createPinia()))

describe('the undo history', () => {
  it('queues an edit that arrives while another is saving, and runs both in order', async () => {
    const history = useHistory()
    const log: string[] = []
    const first = history.perform({ label: 'A', redo: slowStep(log, 'A'), undo: slowStep(log, 'undo A') })
    expect(history.busy).toBe(true)
    const second = history.perform({ label: 'B', redo: slowStep(log, 'B'), undo: slowStep(log, 'undo B') })
    expect(await Promise.all([first, second])).toEqual([true, true])
    expect(log).toEqual(['A start', 'A end', 'B start', 'B end'])
    expect(history.past.map((e) => e.label)).toEqual(['A', 'B'])
    expect(history.busy).toBe(false)
  })

  it('two quick undos take back the last two edits, newest first; redo brings them back in order', async () => {
    const history = useHistory()
    const log: string[] = []
    await history.perform({ label: 'A', redo: slowStep(log, 'A', 1), undo: slowStep(log, 'undo A', 1) })
    void history.perform({ label: 'B', redo: slowStep(log, 'B'), undo: slowStep(log, 'undo B', 1) })
    // Both undos are asked for while B is still saving.
    await Promise.all([history.undo(), history.undo()])
    expect(log).toEqual(['A start', 'A end', 'B start', 'B end', 'undo B start', 'undo B end', 'undo A start', 'undo A end'])
    expect(history.past).toEqual([])
    await Promise.all([history.redo(), history.redo()])
    expect(history.past.map((e) => e.label)).toEqual(['A', 'B'])
  })

  it('a failed step is reported, not remembered, and the queue carries on', async () => {
    const history = useHistory()
    const failed = history.perform({ label: 'bad', redo: () => Promise.reject(new Error('The disk is full.')), undo: async () => undefined })
    const next = history.perform({ label: 'good', redo: async () => undefined, undo: async () => undefined })
    expect(await failed).toBe(false)
    expect(await next).toBe(true)
    expect(history.past.map((e) => e.label)).toEqual(['good'])
    expect(useNotices().items.map((n) => n.text)).toContain('The disk is full.')
  })

  it('undoes one particular step when asked (a notice’s Undo), leaving later steps done', async () => {
    const history = useHistory()
    const done: string[] = []
    const entry = (label: string) => ({ label, redo: async () => void done.push(label), undo: async () => void done.push(`undo ${label}`) })
    const a = entry('A')
    await history.perform(a)
    await history.perform(entry('B'))
    await history.undoEntry(a)
    expect(done).toEqual(['A', 'B', 'undo A'])
    expect(history.past.map((e) => e.label)).toEqual(['B'])
    expect(history.future.map((e) => e.label)).toEqual(['A'])
    // Asked twice (the notice clicked again): the second does nothing.
    await history.undoEntry(a)
    expect(done).toEqual(['A', 'B', 'undo A'])
  })
})
