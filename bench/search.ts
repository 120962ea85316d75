// How the search index holds up at a newsroom's scale: synthetic interviews (a Zipf-distributed
// vocabulary, a fifth of them in Russian and Kazakh), a few hundred queries of the kinds people
// type, and the cost of saving and loading the index.
//
//   npx tsx bench/search.ts [--interviews N] [--words N] [--queries N] [--compare] [--json]
//   NODE_OPTIONS=--max-old-space-size=8192 npx tsx bench/search.ts --interviews 5000
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import v8 from 'node:v8'
import vm from 'node:vm'
import { SearchIndex, type SegmentInput } from '../src/core/search'

export interface SearchBenchOptions {
  /** Interviews to generate; 5000 unless given. */
  interviews?: number
  /** Words per interview; 10,000 unless given. */
  wordsPerInterview?: number
  /** Queries to time; 400 unless given. */
  queries?: number
  seed?: number
  /** Also time the same queries ranked by MiniSearch.search itself, for comparison. */
  compareMiniSearch?: boolean
  /** Progress lines; silent unless given. */
  log?: (line: string) => void
}

export interface QueryTimes {
  count: number
  medianMs: number
  p95Ms: number
  maxMs: number
  /** CPU time of this process (all its threads, GC included): less disturbed by other load on the machine. */
  cpuMedianMs: number
  cpuP95Ms: number
  meanHits: number
}

export interface SearchBenchResult {
  interviews: number
  words: number
  segments: number
  documents: number
  buildMs: number
  heapUsedMB: number
  rssMB: number
  queries: QueryTimes
  byKind: Record<QueryKind, QueryTimes>
  /** The same queries ranked by MiniSearch.search, when asked for. */
  miniSearchRanking?: { queries: QueryTimes; byKind: Record<QueryKind, QueryTimes> }
  /** Null when the index could not be written as one string (V8 caps a string at about 512 MiB). */
  serializedMB: number | null
  serializeMs: number | null
  loadMs: number | null
  loadedHeapUsedMB: number | null
  /** The loaded index gave the same hits for a sample of the queries. */
  loadedAnswersMatch: boolean | null
  serializeError?: string
}

type QueryKind = 'word' | 'common word' | 'prefix' | 'phrase' | 'filter+word' | 'filter only' | 'cyrillic'

// ---- a deterministic random source ----

function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// ---- vocabulary ----

const ENGLISH = `the of and to a in that it was i he for on is you with they as at be this we had have from
not but by what all were when there she one an so said my them her or if would about out up who been
their can more no will some people then time into just could like than other only over know do its how
after first two also back years any our these where think very after well because go way even new want
day may most us see much here before get right through long still down too did made many say should
city police government square january troops night camera protest official president people news channel
television journalist editor story report law court trial torture victims names august numbers figure
foreign military soldiers crowd buses ceremony investigation shooting order officers cousin print record
war invasion ukraine kharkiv kyiv almaty astana border refugees families children school hospital`.split(/\s+/)

const RUSSIAN = `и в не на я что он с как это по но они мы все она так его за вы от из же бы к до
было когда уже только ещё там если люди время день город площадь январь войска ночь камера протест
правительство президент новости канал телевидение журналист редакция сюжет закон суд пытки жертвы
имена август цифры военные солдаты толпа автобусы вторжение война граница беженцы хабар первым
стал давать регулярные сюжеты очень сухие без оценок ёлка всё её`.split(/\s+/)

const KAZAKH = `және бұл мен біз сіз олар бір үшін деп еді болды алаң адамдар бейбіт түрде жиналды
көңіл күй мерекедей қала үкімет әскер түн қаңтар журналист жаңалықтар арна сот құрбандар шаһар
әкім ұялы байланыс үйге қайттық өшірілді ғаламтор қағаз тіл қазақ орыс соғыс шекара`.split(/\s+/)

const SYLLABLES = ['ka', 'ro', 'mi', 'sta', 'len', 'dor', 'vi', 'tas', 'pel', 'gan', 'zu', 'fer', 'nol', 'qui', 'bre', 'ath', 'ous', 'ing', 'ment', 'tion']
const RU_SYLLABLES = ['ка', 'ро', 'ми', 'ста', 'лен', 'дор', 'ви', 'тас', 'пел', 'ган', 'зу', 'фер', 'ной', 'ние', 'ость', 'ский']

/** Common words first, then a long tail of made-up rarer ones, so term counts grow like real text. */
function vocabulary(base: readonly string[], syllables: readonly string[], tail: number, random: () => number): string[] {
  const words = [...new Set(base)]
  const seen = new Set(words)
  while (words.length < base.length + tail) {
    const n = 2 + Math.floor(random() * 3)
    let w = ''
    for (let i = 0; i < n; i++) w += syllables[Math.floor(random() * syllables.length)]
    if (!seen.has(w)) {
      seen.add(w)
      words.push(w)
    }
  }
  return words
}

/** Samples rank r with probability proportional to 1 / (r + 2.7), Zipf's law with Mandelbrot's shift. */
class Zipf {
  private readonly cumulative: Float64Array
  constructor(readonly words: readonly string[]) {
    this.cumulative = new Float64Array(words.length)
    let sum = 0
    for (let r = 0; r < words.length; r++) this.cumulative[r] = sum += 1 / (r + 2.7)
    for (let r = 0; r < words.length; r++) this.cumulative[r] = (this.cumulative[r] ?? 0) / sum
  }
  rank(random: () => number): number {
    const x = random()
    let lo = 0
    let hi = this.cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((this.cumulative[mid] ?? 1) < x) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  word(random: () => number): string {
    return this.words[this.rank(random)] ?? ''
  }
}

const NAMES = ['Lena Moretti', 'Saule Bekova', 'Marat Seitkali', 'Aigul Nurpeisova', 'Yerlan Dzhaksybekov', 'Timur Akhmetov', 'Olga Kravets', 'Дана Әбілқасымова', 'Ольга Кравец', 'Лена Моретти']
const TITLES = ['on the January events', 'on state media', 'photographer', 'lawyer', 'editor', 'notes', 'about Kharkiv', 'о войне', 'туралы']

interface Generated {
  title: string
  segments: SegmentInput[]
  /** A few word runs taken from the text, for phrase queries that must find something. */
  phrases: string[]
}

function generateInterview(i: number, words: number, random: () => number, latin: Zipf, russian: Zipf, kazakh: Zipf): Generated {
  const cyrillic = i % 5 === 4
  const zipf = cyrillic ? (i % 10 === 9 ? kazakh : russian) : latin
  const interviewer = cyrillic ? 'Лена Моретти' : 'Lena Moretti'
  const guest = NAMES[1 + (i % (NAMES.length - 1))] ?? 'Guest'
  const segments: SegmentInput[] = []
  const phrases: string[] = []
  let written = 0
  let n = 0
  while (written < words) {
    const length = Math.min(words - written, 8 + Math.floor(random() * 110))
    const parts: string[] = []
    for (let k = 0; k < length; k++) {
      let w = zipf.word(random)
      if (k === 0) w = w.charAt(0).toUpperCase() + w.slice(1)
      parts.push(w)
      if (k % 12 === 11) parts[parts.length - 1] += random() < 0.5 ? ',' : '.'
    }
    const text = parts.join(' ')
    if (n % 40 === 7 && parts.length > 4) phrases.push(parts.slice(1, 4).join(' ').replace(/[.,]/g, ''))
    segments.push({ id: `s${n}`, speaker: n % 2 === 0 ? interviewer : guest, text, tagIds: random() < 0.02 ? [`t${Math.floor(random() * 50)}`] : [] })
    written += length
    n++
  }
  return { title: `${guest} ${TITLES[i % TITLES.length]} ${i}`, segments, phrases }
}

// ---- measuring ----

const exposedGc = (() => {
  v8.setFlagsFromString('--expose-gc')
  return vm.runInNewContext('gc') as () => void
})()

function memory(): { heapUsedMB: number; rssMB: number } {
  exposedGc()
  const m = process.memoryUsage()
  return { heapUsedMB: Math.round(m.heapUsed / 2 ** 20), rssMB: Math.round(m.rss / 2 ** 20) }
}

function stats(times: readonly number[], cpu: readonly number[], hits: readonly number[]): QueryTimes {
  const quantile = (xs: readonly number[], q: number): number => {
    const sorted = [...xs].sort((a, b) => a - b)
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
  }
  const round = (x: number): number => Math.round(x * 100) / 100
  return {
    count: times.length,
    medianMs: round(quantile(times, 0.5)),
    p95Ms: round(quantile(times, 0.95)),
    maxMs: round(quantile(times, 1)),
    cpuMedianMs: round(quantile(cpu, 0.5)),
    cpuP95Ms: round(quantile(cpu, 0.95)),
    meanHits: round(hits.reduce((a, b) => a + b, 0) / Math.max(1, hits.length))
  }
}

function timeQueries(index: SearchIndex, queries: ReadonlyArray<{ kind: QueryKind; q: string }>): { queries: QueryTimes; byKind: Record<QueryKind, QueryTimes> } {
  for (const { q } of queries.slice(0, 20)) index.search(q) // warm up the JIT
  const all = { times: [] as number[], cpu: [] as number[], hits: [] as number[] }
  const byKind = new Map<QueryKind, typeof all>()
  for (const { kind, q } of queries) {
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    const found = index.search(q, { limit: 50 })
    const ms = performance.now() - t0
    const c = process.cpuUsage(c0)
    const cpuMs = (c.user + c.system) / 1000
    const bucket = byKind.get(kind) ?? { times: [], cpu: [], hits: [] }
    for (const b of [all, bucket]) {
      b.times.push(ms)
      b.cpu.push(cpuMs)
      b.hits.push(found.length)
    }
    byKind.set(kind, bucket)
  }
  return {
    queries: stats(all.times, all.cpu, all.hits),
    byKind: Object.fromEntries([...byKind].map(([k, v]) => [k, stats(v.times, v.cpu, v.hits)])) as Record<QueryKind, QueryTimes>
  }
}

function makeQueries(count: number, random: () => number, latin: Zipf, russian: Zipf, kazakh: Zipf, phrases: readonly string[], titles: readonly string[]): Array<{ kind: QueryKind; q: string }> {
  const midWord = (z: Zipf): string => z.words[20 + Math.floor(random() * Math.min(3000, z.words.length - 20))] ?? 'war'
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T
  const makers: Array<[QueryKind, () => string]> = [
    ['word', () => `${midWord(latin)} `],
    ['word', () => `${midWord(latin)} ${midWord(latin)} `],
    ['common word', () => `${latin.words[Math.floor(random() * 20)]} `],
    ['prefix', () => midWord(latin).slice(0, 3 + Math.floor(random() * 3))],
    ['prefix', () => `${midWord(latin)} ${midWord(latin).slice(0, 3)}`],
    ['phrase', () => `"${pick(phrases)}"`],
    ['filter+word', () => `speaker:"${pick(NAMES)}" ${midWord(latin)} `],
    ['filter+word', () => `tag:t${Math.floor(random() * 50)} ${midWord(latin)} `],
    ['filter+word', () => `interview:${pick(titles).split(' ').at(-1)} ${midWord(latin)} `],
    ['filter only', () => `speaker:"${pick(NAMES)}"`],
    ['cyrillic', () => `${midWord(random() < 0.5 ? russian : kazakh)} `],
    ['cyrillic', () => midWord(russian).slice(0, 4)]
  ]
  return Array.from({ length: count }, (_, i) => {
    const [kind, make] = makers[i % makers.length] ?? makers[0]!
    return { kind, q: make() }
  })
}

export async function runSearchBench(options: SearchBenchOptions = {}): Promise<SearchBenchResult> {
  const interviewCount = options.interviews ?? 5000
  const wordsPer = options.wordsPerInterview ?? 10_000
  const queryCount = options.queries ?? 400
  const log = options.log ?? (() => {})
  const random = mulberry32(options.seed ?? 2022)
  const latin = new Zipf(vocabulary(ENGLISH, SYLLABLES, 60_000, random))
  const russian = new Zipf(vocabulary(RUSSIAN, RU_SYLLABLES, 30_000, random))
  const kazakh = new Zipf(vocabulary(KAZAKH, RU_SYLLABLES.map((s) => s.replace('а', 'ә').replace('о', 'ө')), 15_000, random))

  let index: SearchIndex | null = new SearchIndex()
  index.setTags(Array.from({ length: 50 }, (_, i) => ({ id: `t${i}`, name: `topic ${i}` })))
  const phrases: string[] = []
  const titles: string[] = []
  let segments = 0
  let generateMs = 0
  const started = performance.now()
  for (let i = 0; i < interviewCount; i++) {
    const g0 = performance.now()
    const g = generateInterview(i, wordsPer, random, latin, russian, kazakh)
    generateMs += performance.now() - g0
    index.addInterview({ id: `i${i}`, title: g.title, place: i % 3 === 0 ? 'Almaty' : 'Kyiv' }, g.segments)
    for (let q = 0; q < 5; q++) {
      const segment = g.segments[(q * 31) % g.segments.length]
      if (!segment) continue
      const text = segment.text.slice(0, 80)
      index.upsertQuote({ id: `q${i}-${q}`, interviewId: `i${i}`, start: { segmentId: segment.id, offset: 0 }, end: { segmentId: segment.id, offset: text.length }, text, note: q === 0 ? 'check this figure' : undefined, tagIds: [`t${q * 7}`] })
    }
    segments += g.segments.length
    if (phrases.length < 2000) phrases.push(...g.phrases.slice(0, 3))
    titles.push(g.title)
    if ((i + 1) % Math.max(1, Math.floor(interviewCount / 10)) === 0) log(`  indexed ${i + 1}/${interviewCount} interviews`)
  }
  for (let s = 0; s < 2000; s++) index.upsertSource({ id: `src${s}`, name: NAMES[s % NAMES.length] ?? 'x', role: 'journalist', notes: latin.word(random) })
  const buildMs = performance.now() - started - generateMs
  const mem = memory()
  log(`built in ${(buildMs / 1000).toFixed(1)} s (+${(generateMs / 1000).toFixed(1)} s generating text); heap ${mem.heapUsedMB} MB, rss ${mem.rssMB} MB`)

  const queries = makeQueries(queryCount, random, latin, russian, kazakh, phrases, titles)
  const timed = timeQueries(index, queries)
  let miniSearchRanking: SearchBenchResult['miniSearchRanking']
  if (options.compareMiniSearch) {
    index.useMiniSearchRanking = true
    miniSearchRanking = timeQueries(index, queries)
    index.useMiniSearchRanking = false
  }
  const result: SearchBenchResult = {
    interviews: interviewCount,
    words: interviewCount * wordsPer,
    segments,
    documents: index.documentCount,
    buildMs: Math.round(buildMs),
    ...mem,
    ...timed,
    miniSearchRanking,
    serializedMB: null,
    serializeMs: null,
    loadMs: null,
    loadedHeapUsedMB: null,
    loadedAnswersMatch: null
  }
  log(`queries: median ${result.queries.medianMs} ms, p95 ${result.queries.p95Ms} ms, max ${result.queries.maxMs} ms`)
  if (miniSearchRanking) log(`  ranked by MiniSearch.search: median ${miniSearchRanking.queries.medianMs} ms, p95 ${miniSearchRanking.queries.p95Ms} ms`)

  const sample = queries.filter((_, i) => i % 10 === 0).map(({ q }) => q)
  const expected = sample.map((q) => JSON.stringify(index?.search(q, { limit: 20 })))
  // Held in an object so the string can be let go before the loaded index's heap is measured.
  const saved: { json: string | null } = { json: null }
  try {
    const s0 = performance.now()
    const json = JSON.stringify(index)
    saved.json = json
    result.serializeMs = Math.round(performance.now() - s0)
    result.serializedMB = Math.round(Buffer.byteLength(json) / 2 ** 20)
    log(`serialized: ${result.serializedMB} MB in ${result.serializeMs} ms`)
  } catch (error) {
    result.serializeError = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
    log(`could not serialize: ${result.serializeError}`)
  }
  index = null
  if (saved.json !== null) {
    memory()
    const l0 = performance.now()
    const loaded = SearchIndex.fromJSON(saved.json)
    result.loadMs = Math.round(performance.now() - l0)
    saved.json = null
    result.loadedHeapUsedMB = memory().heapUsedMB
    result.loadedAnswersMatch = sample.every((q, i) => JSON.stringify(loaded.search(q, { limit: 20 })) === expected[i])
    log(`loaded in ${result.loadMs} ms; heap ${result.loadedHeapUsedMB} MB; same answers: ${result.loadedAnswersMatch}`)
  }
  return result
}

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`)
  return at >= 0 ? process.argv[at + 1] : undefined
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const number = (name: string): number | undefined => {
    const value = argument(name)
    return value === undefined ? undefined : Number(value)
  }
  const result = await runSearchBench({
    interviews: number('interviews'),
    wordsPerInterview: number('words'),
    queries: number('queries'),
    compareMiniSearch: process.argv.includes('--compare'),
    log: (line) => console.error(line)
  })
  if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 2))
  else {
    console.log(`${result.interviews} interviews, ${(result.words / 1e6).toFixed(1)}M words, ${result.segments} segments, ${result.documents} documents`)
    console.log(`build ${(result.buildMs / 1000).toFixed(1)} s; heap ${result.heapUsedMB} MB, rss ${result.rssMB} MB`)
    const show = (label: string, r: { queries: QueryTimes; byKind: Record<string, QueryTimes> }): void => {
      const line = (t: QueryTimes): string =>
        `median ${t.medianMs} ms, p95 ${t.p95Ms} ms, max ${t.maxMs} ms (cpu median ${t.cpuMedianMs}, p95 ${t.cpuP95Ms}), ${t.meanHits} hits`
      console.log(`${label} (${r.queries.count}): ${line(r.queries)}`)
      for (const [kind, t] of Object.entries(r.byKind)) console.log(`  ${kind.padEnd(12)} ${line(t)}`)
    }
    show('queries', result)
    if (result.miniSearchRanking) show('same queries ranked by MiniSearch.search', result.miniSearchRanking)
    if (result.serializedMB !== null) console.log(`serialized ${result.serializedMB} MB in ${result.serializeMs} ms; loaded in ${result.loadMs} ms (heap ${result.loadedHeapUsedMB} MB); same answers: ${result.loadedAnswersMatch}`)
    else console.log(`serializing failed: ${result.serializeError}`)
  }
}
