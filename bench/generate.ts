// Synthetic archives for the benchmarks, the same for a given seed: interviews whose words follow
// Zipf's law (a few very common words, a long tail of rare ones), four in five in English and one
// in five in Russian or Kazakh (with its own letters), two or three speakers each, and quotes,
// claims, sources and tags on a share of them.
//
// `generateArchive` writes an archive folder directly (archive.json and one transcript file per
// interview, in the format docs/archive-format.md describes): saving 5,000 interviews one by one
// through the API would measure the save path, which the archive bench does on its own.
// `generateInterview` gives one transcript file in an importable format, for the import bench.
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { z } from 'zod'
import { ArchiveIndexSchema, SCHEMA_VERSION, type Segment } from '../src/shared/model'

/** Records as written before the schema fills in its defaults. */
type Input = z.input<typeof ArchiveIndexSchema>

// ---- a deterministic random source ----

export function mulberry32(seed: number): () => number {
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
after first two also back years any our these where think very well because go way even new want
day may most us see much here before get right through long still down too did made many say should
city police government square january troops night camera protest official president news channel
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
const KZ_SYLLABLES = ['қа', 'рө', 'мә', 'ста', 'лең', 'дор', 'ғи', 'тас', 'үл', 'ган', 'зұ', 'фер', 'ной', 'ніқ', 'өсть', 'һан']

/** Common words first, then a long tail of made-up rarer ones, so word counts grow like real text. */
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

/** Samples rank r with probability proportional to 1 / (r + 2.7): Zipf's law with Mandelbrot's shift. */
export class Zipf {
  private readonly cumulative: Float64Array
  constructor(readonly words: readonly string[]) {
    this.cumulative = new Float64Array(words.length)
    let sum = 0
    for (let r = 0; r < words.length; r++) this.cumulative[r] = sum += 1 / (r + 2.7)
    for (let r = 0; r < words.length; r++) this.cumulative[r] = (this.cumulative[r] ?? 0) / sum
  }
  word(random: () => number): string {
    const x = random()
    let lo = 0
    let hi = this.cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((this.cumulative[mid] ?? 1) < x) lo = mid + 1
      else hi = mid
    }
    return this.words[lo] ?? ''
  }
}

export interface Vocabulary {
  latin: Zipf
  russian: Zipf
  kazakh: Zipf
}

export function makeVocabulary(seed: number): Vocabulary {
  const random = mulberry32(seed)
  return {
    latin: new Zipf(vocabulary(ENGLISH, SYLLABLES, 60_000, random)),
    russian: new Zipf(vocabulary(RUSSIAN, RU_SYLLABLES, 30_000, random)),
    kazakh: new Zipf(vocabulary(KAZAKH, KZ_SYLLABLES, 15_000, random))
  }
}

export const SPEAKERS = ['Saule Bekova', 'Marat Seitkali', 'Aigul Nurpeisova', 'Yerlan Dzhaksybekov', 'Timur Akhmetov', 'Olga Kravets', 'Дана Әбілқасымова', 'Ольга Кравец', 'Тимур Ахметов']
const TITLES = ['on the January events', 'on state media', 'photographer', 'lawyer', 'editor', 'notes', 'about Kharkiv', 'о войне', 'туралы']
export const TAG_COUNT = 50

export type Language = 'en' | 'ru' | 'kk'
export const languageOf = (i: number): Language => (i % 5 === 4 ? (i % 10 === 9 ? 'kk' : 'ru') : 'en')

/** One interview's segments, about `words` words, in its language. */
export function generateSegments(i: number, words: number, vocab: Vocabulary, seed: number): { title: string; speakers: string[]; segments: Segment[] } {
  const random = mulberry32(seed * 7919 + i)
  const language = languageOf(i)
  const zipf = language === 'en' ? vocab.latin : language === 'ru' ? vocab.russian : vocab.kazakh
  const interviewer = language === 'en' ? 'Lena Moretti' : 'Лена Моретти'
  const guest = SPEAKERS[i % SPEAKERS.length] as string
  const third = i % 3 === 0 ? (SPEAKERS[(i + 4) % SPEAKERS.length] as string) : null
  const segments: Segment[] = []
  let written = 0
  let at = 0
  for (let n = 0; written < words; n++) {
    const length = Math.min(words - written, 8 + Math.floor(random() * 110))
    const parts: string[] = []
    for (let k = 0; k < length; k++) {
      let w = zipf.word(random)
      if (k === 0) w = w.charAt(0).toUpperCase() + w.slice(1)
      parts.push(w)
      if (k % 12 === 11) parts[parts.length - 1] += random() < 0.5 ? ',' : '.'
    }
    const speaker = n % 2 === 0 ? interviewer : third && n % 5 === 3 ? third : guest
    segments.push({
      id: `s${n}`,
      speaker,
      text: parts.join(' '),
      startSeconds: at,
      endSeconds: at + length / 2.5,
      offRecord: random() < 0.01,
      tagIds: random() < 0.02 ? [`t${Math.floor(random() * TAG_COUNT)}`] : []
    })
    at += length / 2.5
    written += length
  }
  const speakers = [...new Set(segments.map((s) => s.speaker))]
  return { title: `${guest} ${TITLES[i % TITLES.length]} ${i}`, speakers, segments }
}

export interface GeneratedArchive {
  dir: string
  interviews: number
  words: number
  segments: number
  quotes: number
  claims: number
  sources: number
  bytes: number
}

const iso = (n: number): string => new Date(Date.UTC(2023, 0, 1) + n * 60_000).toISOString()

/** Writes an archive of `interviews` interviews of about `wordsPerInterview` words into `dir`. */
export async function generateArchive(options: { dir: string; interviews: number; wordsPerInterview: number; seed: number; vocab?: Vocabulary }): Promise<GeneratedArchive> {
  const { dir, interviews: count, wordsPerInterview, seed } = options
  const vocab = options.vocab ?? makeVocabulary(seed)
  const random = mulberry32(seed)
  await mkdir(join(dir, 'interviews'), { recursive: true })
  const tags: Input['tags'] = Array.from({ length: TAG_COUNT }, (_, t) => ({
    id: `t${t}`, name: t < 10 ? `topic ${t}` : `topic ${t % 10}/sub ${t}`, color: '#8a8f98', createdAt: iso(0), updatedAt: iso(0)
  }))
  const sources: Input['sources'] = SPEAKERS.map((name, s) => ({
    id: `src${s}`, kind: 'person', name, role: s % 2 ? 'journalist' : 'witness', naming: 'on-record', notes: vocab.latin.word(random), createdAt: iso(0), updatedAt: iso(0)
  }))
  const interviews: Input['interviews'] = []
  const quotes: Input['quotes'] = []
  const claims: Input['claims'] = []
  let words = 0
  let segmentCount = 0
  let bytes = 0
  for (let i = 0; i < count; i++) {
    const g = generateSegments(i, wordsPerInterview, vocab, seed)
    const id = `i${i}`
    const text = JSON.stringify({ schemaVersion: SCHEMA_VERSION, interviewId: id, segments: g.segments })
    await writeFile(join(dir, 'interviews', `${id}.json`), text)
    bytes += text.length
    const wordCount = g.segments.reduce((n, s) => n + s.text.split(' ').length, 0)
    words += wordCount
    segmentCount += g.segments.length
    interviews.push({
      id, title: g.title, place: i % 3 === 0 ? 'Almaty' : 'Kyiv', consent: 'on-record', speakers: g.speakers,
      segmentCount: g.segments.length, wordCount, createdAt: iso(i), updatedAt: iso(i)
    })
    // Quotes on two interviews in five, claims backed by some of them.
    if (i % 5 < 2) {
      for (let q = 0; q < 3; q++) {
        const segment = g.segments[(q * 31 + i) % g.segments.length] as Segment
        const quoteText = segment.text.slice(0, Math.min(segment.text.length, 60 + q * 20))
        const quote: Input['quotes'][number] = {
          id: `q${i}-${q}`, interviewId: id, start: { segmentId: segment.id, offset: 0 }, end: { segmentId: segment.id, offset: quoteText.length },
          text: quoteText, tagIds: [`t${(i + q) % TAG_COUNT}`], note: q === 0 ? 'check this figure' : undefined, status: 'exact',
          spansOffRecord: false, speaker: segment.speaker, createdAt: iso(i), updatedAt: iso(i)
        }
        quotes.push(quote)
        if (q === 0 && i % 10 === 0) {
          claims.push({
            id: `c${i}`, text: `A claim checked against ${g.title}`, status: 'corroborated', note: undefined,
            evidence: [{ id: `e${i}`, kind: 'quote', quoteId: quote.id, relation: 'supports' }], createdAt: iso(i), updatedAt: iso(i)
          })
        }
      }
    }
  }
  // Through the schema, so every field the format has gets its default.
  const archive = ArchiveIndexSchema.parse({
    schemaVersion: SCHEMA_VERSION, revision: 1, archiveId: `bench${seed}`, createdAt: iso(0),
    settings: { name: 'Benchmark archive', theme: 'system' }, interviews, sources, tags, quotes, claims, drafts: []
  } satisfies Input)
  await writeFile(join(dir, 'archive.json'), JSON.stringify(archive))
  return { dir, interviews: count, words, segments: segmentCount, quotes: quotes.length, claims: claims.length, sources: sources.length, bytes }
}

// ---- one importable transcript file (the import bench) ----

const pad = (n: number) => String(n).padStart(2, '0')
const clock = (s: number) => `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(Math.floor(s % 60))}`
let importVocab: Vocabulary | null = null

/** One interview of about `wordCount` words, in one of the formats Verbatim imports. */
export function generateInterview(index: number, wordCount: number): { name: string; text: string } {
  importVocab ??= makeVocabulary(1)
  const { segments } = generateSegments(index, wordCount, importVocab, 1)
  const turns = segments.map((s) => ({ speaker: s.speaker, text: s.text, at: s.startSeconds ?? 0 }))
  switch (index % 4) {
    case 0:
      return {
        name: `interview-${index}.vtt`,
        text: `WEBVTT\n\n${turns.map((t, i) => `${i + 1}\n${clock(t.at)}.000 --> ${clock(t.at + 5)}.000\n<v ${t.speaker}>${t.text}`).join('\n\n')}\n`
      }
    case 1:
      return {
        name: `interview-${index}.srt`,
        text: turns.map((t, i) => `${i + 1}\r\n${clock(t.at)},000 --> ${clock(t.at + 5)},000\r\n${t.speaker.toUpperCase()}: ${t.text}`).join('\r\n\r\n')
      }
    case 2:
      return {
        name: `interview-${index}.md`,
        text: `# Interview ${index}\n\nDate: 2023-03-20\nInterviewer: Lena Moretti\n\n${turns.map((t) => `${t.speaker}: [${clock(t.at)}] ${t.text}`).join('\n\n')}\n`
      }
    default:
      return {
        name: `interview-${index}.csv`,
        text: `timestamp,speaker,words,tags\n${turns.map((t, i) => `[${clock(t.at)}],${t.speaker === 'Lena Moretti' ? 'LM:' : 'SP:'},"${t.text}",${i % 5 === 0 ? 'career;protest' : ''}`).join('\n')}\n`
      }
  }
}
