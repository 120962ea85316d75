// Evidence proposals for one claim, on an archive of the bench's size: Verbatim's answer (a few
// index lookups, then scoring the candidates) beside the obvious alternative measured in the same
// run, reading every transcript and scoring every segment the same way.
//
//   npx tsx bench/claims.ts --archive DIR [--claims N]     (an archive the search bench generated)
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import type { Session } from '../src/core/session'
import { openSession } from '../src/core/session'
import { proposeEvidence } from '../src/core/claims/propose'
import type { SearchHit } from '../src/shared/search'
import type { BenchRow } from './table'

export interface ClaimsBenchOptions {
  session: Session
  /** Claims to time; each is built from a segment of a random interview, with a figure. */
  claims?: number
  /** Claims the linear yardstick is timed on (it reads the whole archive each time). */
  yardstickClaims?: number
  seed?: number
}

function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

const percentile = (xs: number[], p: number): number => {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
}

export async function claimsBench(options: ClaimsBenchOptions): Promise<BenchRow[]> {
  const { session } = options
  const random = rng(options.seed ?? 7)
  const interviews = session.store.index.interviews
  if (!interviews.length) return []
  const texts: string[] = []
  for (let i = 0; i < (options.claims ?? 60); i++) {
    const interview = interviews[Math.floor(random() * interviews.length)]
    if (!interview) continue
    const segments = await session.store.transcript(interview.id)
    const seg = segments[Math.floor(random() * segments.length)]
    const words = (seg?.text ?? '').split(/\s+/).filter(Boolean)
    const from = Math.floor(random() * Math.max(1, words.length - 8))
    texts.push(`${words.slice(from, from + 8).join(' ')} ${1000 + Math.floor(random() * 9000)} on ${1 + Math.floor(random() * 28)} January 2022`)
  }
  // Warm the index (a first search opens it) before timing.
  await session.client.call('claims.propose', { text: texts[0] ?? 'warm up' })
  const times: number[] = []
  const cpu: number[] = []
  let proposals = 0
  for (const text of texts) {
    const t = performance.now()
    const c = process.cpuUsage()
    const r = await session.client.call('claims.propose', { text })
    times.push(performance.now() - t)
    const used = process.cpuUsage(c)
    cpu.push((used.user + used.system) / 1000)
    proposals += r.proposals.length
  }
  // The yardstick: every segment of every transcript is a candidate, scored by the same rules.
  const linear: number[] = []
  let agree = 0
  for (const text of texts.slice(0, options.yardstickClaims ?? 3)) {
    const t = performance.now()
    const all: SearchHit[] = []
    for (const interview of interviews) {
      const segments = await session.store.transcript(interview.id)
      segments.forEach((s, i) =>
        all.push({ kind: 'segment', id: s.id, docId: `seg:${interview.id}:${s.id}`, interviewId: interview.id, interviewTitle: interview.title, segmentId: s.id, segmentIndex: i, speaker: s.speaker, text: s.text, snippet: { field: 'text', before: '', match: '', after: '' }, highlights: [], score: 0, ...(s.offRecord ? { offRecord: true as const } : {}) })
      )
    }
    const scan = await proposeEvidence(text, async () => all, { perQuery: Number.MAX_SAFE_INTEGER, shortlist: Number.MAX_SAFE_INTEGER })
    linear.push(performance.now() - t)
    const fast = await session.client.call('claims.propose', { text })
    const best = new Set(scan.slice(0, 5).map((p) => `${p.interviewId}:${p.segmentId}`))
    if (fast.proposals.slice(0, 5).every((p) => best.has(`${p.interviewId}:${p.segmentId}`)) || best.size === 0) agree++
  }
  const words = interviews.reduce((n, i) => n + i.wordCount, 0)
  const p95 = percentile(times, 95)
  const linearMedian = linear.length ? percentile(linear, 50) : NaN
  return [
    {
      what: `evidence proposals for one claim, p50 / p95 over ${times.length} claims`,
      size: interviews.length,
      verbatim: `${percentile(times, 50).toFixed(1)} / ${p95.toFixed(1)} ms (${(proposals / Math.max(1, times.length)).toFixed(1)} proposals each)`,
      ...(linear.length
        ? { yardstick: `score every segment of every transcript: ${linearMedian.toFixed(0)} ms`, ratio: `${(percentile(times, 50) / Math.max(linearMedian, 0.001)).toFixed(3)}x` }
        : {}),
      goal: '< 200 ms (issue: at 1,000 interviews)',
      met: p95 < 200,
      note: `${(words / 1e6).toFixed(1)} M words; CPU time p50 / p95 ${percentile(cpu, 50).toFixed(1)} / ${percentile(cpu, 95).toFixed(1)} ms (less disturbed by other load)${linear.length ? `; top-5 agreement with the full scan on ${agree}/${linear.length} claims` : ''}`
    }
  ]
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const at = process.argv.indexOf('--archive')
  const dir = at > 0 ? process.argv[at + 1] : undefined
  if (!dir) throw new Error('usage: npx tsx bench/claims.ts --archive DIR [--claims N]')
  const n = process.argv.indexOf('--claims')
  const session = await openSession(dir, { mode: 'read' })
  try {
    console.table(await claimsBench({ session, ...(n > 0 ? { claims: Number(process.argv[n + 1]) } : {}) }))
  } finally {
    await session.close()
  }
}
