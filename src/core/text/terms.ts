// The words of a statement that carry its meaning, reduced to what their forms share: "troops"
// and "troop", "регулярные" and "регулярно", "Хабар" and "Хабара". Stemming is Snowball's
// (snowball-stemmers: English for Latin words, Russian for Cyrillic ones); Kazakh, which Snowball
// does not cover, is cut to its first five letters, enough to join a word's case forms.
import snowball from 'snowball-stemmers'
import { fold } from '../search/fold'
import { memo } from './memo'
import { isNumberWord } from './numbers'
import { nameSkeleton, sameSkeleton, scriptOf, toCyrillic, toLatin } from './translit'

const english = snowball.newStemmer('english')
const russian = snowball.newStemmer('russian')

const STOP = new Set(
  `a an the and or but if then than that this these those there here of in on at by for with from to into onto over under about
  as is are was were be been being am do does did done have has had having it its it's they them their theirs he him his she her
  hers we us our you your i me my mine not no nor so too very can could would should will shall may might must just only also
  what which who whom whose when where why how all any both each few more most other some such own same again once out up down
  off further while because until against between through during before after above below s t don now said says say told tell
  like well yes one ones many much even still already yet ever never maybe perhaps really quite rather get got go went gone come
  came make made people thing things lot lots time times way year years day days
  и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было вот от меня еще нет о из ему
  теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они
  тут где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж тогда кто этот того потому
  этого какой совсем ним здесь этом один почти мой тем чтобы нее сейчас были куда зачем всех никогда можно при наконец два об
  другой хоть после над больше тот через эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой перед
  иногда лучше чуть том нельзя такой им более всегда конечно всю между это этим эта очень просто сказал говорит
  және мен да де бен пен ол бұл сол мен сен біз сіз олар не ма ме ба бе па пе үшін деп емес еді бар жоқ осы сондай кейін дейін
  қазір әлі тағы тек бірақ немесе егер
  nobody everyone everybody someone somebody nothing everything something anyone anybody anything today yesterday tomorrow
  later meanwhile however instead although though since while several others none every either neither whatever whoever
  still yet soon once last next first second third another
  никто ничто никого ничего всё сегодня вчера завтра позже однако зато хотя пока поэтому сначала`.split(/\s+/)
)

export interface Term {
  /** The word as the statement writes it. */
  text: string
  /** What its forms share: a Snowball stem of the folded word. */
  stem: string
  /** A capitalised word or an acronym: a person, an organisation, a place. */
  name: boolean
  /** The same name in Latin letters, spelling-blind, to meet it in another script. */
  skeleton: string
}

const WORD = /[\p{L}\p{M}][\p{L}\p{M}\p{N}'’-]*/gu

/** Month and weekday names are read as dates (dates.ts), not as names or terms. */
const CALENDAR = /^(january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|январ\p{L}*|феврал\p{L}*|март\p{L}*|апрел\p{L}*|ма[йяе]|июн\p{L}*|июл\p{L}*|август\p{L}*|сентябр\p{L}*|октябр\p{L}*|ноябр\p{L}*|декабр\p{L}*|қаңтар\p{L}*|ақпан\p{L}*|наурыз\p{L}*|сәуір\p{L}*|мамыр\p{L}*|маусым\p{L}*|шілде\p{L}*|тамыз\p{L}*|қыркүйек\p{L}*|қараша\p{L}*|желтоқсан\p{L}*)$/iu

/**
 * A capital at a sentence's start says nothing about a name: "Officials released" is not a name,
 * "Khabar was" is. There, a word is taken for a name only when it does not look like an ordinary
 * English or Russian word form (plural, past tense, -ing, -ly, -tion; Russian adjective and plural endings).
 */
const ORDINARY_FORM = /(s|ed|ing|ly|tion|ment|ness|ers|ies|ые|ие|ый|ий|ая|ое|ых|ам|ами|ов)$/iu

export const stemOf = memo((word: string): string => {
  const folded = fold(word).replace(/['’]/g, '')
  if (/[әғқңөұүһі]/.test(folded)) return folded.slice(0, 5)
  if (scriptOf(folded) === 'cyrillic') return russian.stem(folded)
  if (scriptOf(folded) === 'latin') return english.stem(folded)
  return folded
})

export const isStopword = memo((word: string): boolean => STOP.has(fold(word)))
const skeletonOf = memo(nameSkeleton)

/** The meaningful words of `text`, each once, in order. */
export function termsOf(text: string): Term[] {
  const out: Term[] = []
  const seen = new Set<string>()
  for (const m of text.matchAll(WORD)) {
    const word = m[0].replace(/['’-]+$/, '')
    if (word.length < 2 || isStopword(word) || CALENDAR.test(word)) continue
    const sentenceStart = /(^|[.!?…:;]\s*|["“«(]\s*)$/u.test(text.slice(0, m.index).trimEnd() === '' ? '' : text.slice(Math.max(0, m.index - 3), m.index))
    // Hyphenated words count by their parts as well ("pro-government": government).
    for (const part of [word, ...(word.includes('-') ? word.split('-') : [])]) {
      if (part.length < 2 || isStopword(part) || isNumberWord(part)) continue
      const stem = stemOf(part)
      if (stem.length < 2 || seen.has(stem)) continue
      seen.add(stem)
      const capital = /^\p{Lu}/u.test(part)
      const acronym = /^\p{Lu}{2,}$/u.test(part)
      const name = acronym || (capital && (!sentenceStart || part !== word || !ORDINARY_FORM.test(part)))
      out.push({ text: part, stem, name, skeleton: name ? skeletonOf(part) : '' })
    }
  }
  return out
}

/**
 * Spellings of a name to look for in other scripts, cut a little short so that an index prefix
 * lookup meets its declined forms too: "Khabar" gives "Хаба", "Mostostroy" "Мостостр".
 */
export function crossScriptSpellings(word: string): string[] {
  const script = scriptOf(word)
  const other = script === 'latin' ? toCyrillic(word) : script === 'cyrillic' ? toLatin(word) : ''
  if (!other) return []
  const cut = Math.max(4, other.length - 2)
  return [...new Set([other, other.slice(0, cut)])]
}

/** Whether a name from a statement stands among a segment's capitalised words, in any script. */
export function hasName(words: TextIndex, skeleton: string): boolean {
  if (!skeleton) return false
  if (words.skeletons.has(skeleton)) return true
  for (const s of words.skeletons) if (sameSkeleton(s, skeleton)) return true
  return false
}

/** The words of a transcript segment, by stem and (for capitalised words) by name skeleton. */
export interface TextIndex {
  stems: Set<string>
  skeletons: Set<string>
}

export function indexText(text: string): TextIndex {
  const stems = new Set<string>()
  const skeletons = new Set<string>()
  for (const m of text.matchAll(WORD)) {
    const word = m[0].replace(/['’-]+$/, '')
    for (const part of [word, ...(word.includes('-') ? word.split('-') : [])]) {
      if (part.length < 2) continue
      stems.add(stemOf(part))
      if (/^\p{Lu}/u.test(part)) skeletons.add(skeletonOf(part))
    }
  }
  return { stems, skeletons }
}
