// The API fuzz: every method of the contract, called through dispatch (as every door calls it)
// with generated inputs. What must hold: every call gets an envelope (never a throw), no call
// fails as an internal error (a bug), no id or key reaches Object.prototype, and afterwards the
// core still answers every read method correctly.
import fc from 'fast-check'
import { methodNames, contract, type MethodName } from '../../src/shared/api/contract'
import type { Session } from '../../src/core/session'
import { inputFor } from './arbitraries'

/** Methods left out: they read files by path from this machine, or replace the whole archive. */
export const NOT_FUZZED: ReadonlySet<MethodName> = new Set(['import.files', 'backups.restore', 'archive.startEmpty'])

/** The ids the archive holds right now, of the method's own kind first: a fuzz that never names a real record tests only the schema. */
export async function idsFor(session: Session, method: MethodName): Promise<string[]> {
  const index = session.store.index
  const kind = method.split('.')[0] as keyof typeof index
  const own = Array.isArray(index[kind]) ? (index[kind] as { id: string }[]).map((r) => r.id) : []
  const all = [index.interviews, index.sources, index.tags, index.quotes, index.claims, index.drafts].flatMap((list) => list.map((r) => r.id))
  const first = index.interviews[0]
  const segments = first ? (await session.store.transcript(first.id).catch(() => [])).slice(0, 10).map((s) => s.id) : []
  const sections = index.drafts.flatMap((d) => d.sections.map((s) => s.id))
  const merges = index.sourceMerges.map((m) => m.id)
  const ids = [...own, ...own, ...all, ...segments, ...sections, ...merges]
  return ids.length ? ids : ['nothing-here']
}

export interface FuzzFailure {
  method: string
  input: unknown
  problem: string
}

export async function fuzzApi(session: Session, options: { runsPerMethod: number; seed: number }): Promise<FuzzFailure[]> {
  const failures: FuzzFailure[] = []
  for (const method of methodNames.filter((m) => !NOT_FUZZED.has(m))) {
    await fc.assert(
      fc.asyncProperty(inputFor(method, await idsFor(session, method)), async (input) => {
        // As a door carries it: through JSON, where "__proto__" is an own key like any other.
        let wire: unknown
        try {
          wire = JSON.parse(JSON.stringify(input) ?? 'null')
        } catch {
          return
        }
        const envelope = await session.call(method, wire)
        if (!envelope.ok && envelope.error.code === 'internal') failures.push({ method, input: wire, problem: envelope.error.message })
        if (Object.keys(Object.prototype).length > 0 || ({} as Record<string, unknown>).polluted !== undefined) {
          failures.push({ method, input: wire, problem: `Object.prototype was changed: ${Object.keys(Object.prototype).join(', ')}` })
        }
      }),
      { numRuns: options.runsPerMethod, seed: options.seed, endOnFailure: true }
    )
  }
  return failures
}

/** Every read method answers as it should after the fuzz. */
export async function readsStillWork(session: Session): Promise<string[]> {
  const problems: string[] = []
  for (const method of methodNames.filter((m) => !contract[m].mutates && !NOT_FUZZED.has(m))) {
    const input = method.endsWith('.list') || ['archive.info', 'settings.get', 'tags.usage', 'backups.list', 'claims.review', 'factcheck.markdown'].includes(method) ? {} : null
    if (input === null) continue
    const envelope = await session.call(method, input)
    if (!envelope.ok && envelope.error.code !== 'conflict') problems.push(`${method}: ${envelope.error.code} ${envelope.error.message}`)
  }
  return problems
}
