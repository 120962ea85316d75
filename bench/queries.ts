// The benchmark's query set, the same for a given seed: what people type into the search box.
import { generateSegments, makeVocabulary, mulberry32, SPEAKERS, TAG_COUNT, type Vocabulary } from './generate'

export const QUERY_CLASSES = ['prefix keystroke', 'rare word', 'common word', 'two words', 'three words', 'phrase', 'Cyrillic', 'Kazakh', 'no hit', 'filter + word'] as const
export type QueryClass = (typeof QUERY_CLASSES)[number]

export interface BenchQuery {
  cls: QueryClass
  q: string
}

const KAZAKH_LETTERS = /[әғқңөұүһі]/u

/** About `perClass` queries of every class over an archive of `interviews` interviews made with `seed`. */
export function makeQueries(options: { seed: number; interviews: number; wordsPerInterview: number; perClass: number; vocab?: Vocabulary }): BenchQuery[] {
  const { seed, interviews, perClass } = options
  const vocab = options.vocab ?? makeVocabulary(seed)
  const random = mulberry32(seed ^ 0x5eed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T
  const rank = (words: readonly string[], from: number, to: number): string => words[from + Math.floor(random() * Math.min(to - from, words.length - from))] ?? 'war'
  const latin = vocab.latin.words
  const russian = vocab.russian.words
  const kazakh = vocab.kazakh.words
  const out: BenchQuery[] = []
  const add = (cls: QueryClass, make: () => string): void => {
    for (let i = 0; i < perClass; i++) out.push({ cls, q: make() })
  }
  // Every keystroke of a word from its second letter, as the search box sends them.
  const typed: string[] = []
  while (typed.length < perClass) {
    const r = random()
    const word = r < 0.3 ? rank(latin, 0, 200) : r < 0.7 ? rank(latin, 200, 20_000) : r < 0.85 ? rank(russian, 0, 5000) : rank(kazakh, 0, 5000)
    for (let n = 2; n <= word.length && typed.length < perClass; n++) typed.push(word.slice(0, n))
  }
  for (const q of typed) out.push({ cls: 'prefix keystroke', q })
  add('rare word', () => `${rank(latin, 2000, 30_000)} `)
  add('common word', () => `${rank(latin, 0, 20)} `)
  add('two words', () => `${rank(latin, 30, 3000)} ${rank(latin, 30, 3000)} `)
  add('three words', () => `${rank(latin, 0, 300)} ${rank(latin, 30, 3000)} ${rank(latin, 30, 3000)} `)
  // Phrases taken from the archive's own text, so that they are found.
  add('phrase', () => {
    const i = Math.floor(random() * interviews)
    const { segments } = generateSegments(i, 400, vocab, seed)
    const words = (pick(segments).text.replace(/[.,]/g, '').toLowerCase().split(' ') as string[]).filter(Boolean)
    const n = 2 + Math.floor(random() * 2)
    const at = Math.floor(random() * Math.max(1, words.length - n))
    return `"${words.slice(at, at + n).join(' ')}"`
  })
  add('Cyrillic', () => (random() < 0.5 ? `${rank(russian, 0, 3000)} ` : rank(russian, 20, 3000).slice(0, 4)))
  const kazakhOwn = kazakh.filter((w) => KAZAKH_LETTERS.test(w))
  add('Kazakh', () => `${rank(kazakhOwn, 0, 3000)} `)
  add('no hit', () => `${pick(['zq', 'xv', 'qj', 'йъ'])}${Math.floor(random() * 1e6).toString(36)}zz `)
  add('filter + word', () => {
    const r = random()
    if (r < 0.4) return `speaker:"${pick(SPEAKERS)}" ${rank(latin, 20, 3000)} `
    if (r < 0.7) return `tag:"topic ${Math.floor(random() * 10)}" ${rank(latin, 0, 500)} `
    return `interview:${pick(['photographer', 'lawyer', 'editor', 'notes'])} ${rank(latin, 20, 3000)} `
  })
  return out
}

export { TAG_COUNT }
