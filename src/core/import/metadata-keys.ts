// The words a notes file uses for its details, in the languages of the newsroom's interviews.
// A line "Key: value" in the header whose key is here fills that field; an unknown key goes to the
// notes as written, so nothing the reporter typed is dropped.
import { normalizeDate } from './dates'
import type { ParsedMetadata } from './types'

export type MetadataField =
  | 'title'
  | 'date'
  | 'place'
  | 'interviewer'
  | 'interviewee'
  | 'language'
  | 'recording'
  | 'consent'
  | 'notes'

const KEYS: ReadonlyArray<readonly [MetadataField, readonly string[]]> = [
  [
    'title',
    ['title', 'interview', 'interview notes', 'notes from interview', 'интервью', 'беседа', 'заголовок', 'название', 'сұхбат', 'тақырып', 'атауы']
  ],
  [
    'date',
    ['date', 'date recorded', 'recorded', 'recorded on', 'interview date', 'дата', 'дата записи', 'дата интервью', 'дата беседы', 'когда', 'күні', 'күн', 'жазылған күні', 'сұхбат күні', 'өткен күні']
  ],
  ['place', ['place', 'location', 'where', 'venue', 'место', 'место записи', 'место беседы', 'место интервью', 'город', 'где', 'орны', 'орын', 'мекен', 'мекенжайы', 'жері', 'жазылған жері', 'өткен орны', 'сұхбат орны', 'қала']],
  [
    'interviewer',
    ['interviewer', 'interviewed by', 'reporter', 'интервьюер', 'корреспондент', 'журналист', 'беседовал', 'беседовала', 'беседу вел', 'беседу вела', 'интервью взял', 'интервью взяла', 'сұхбат алған', 'сұхбат алушы', 'сұхбаттасқан', 'сұхбаттасушы', 'сұхбат жүргізген', 'сұхбат жүргізуші', 'тілші']
  ],
  [
    'interviewee',
    ['interviewee', 'narrator', 'respondent', 'source', 'guest', 'speaker', 'собеседник', 'собеседница', 'респондент', 'рассказчик', 'рассказчица', 'интервьюируемый', 'интервьюируемая', 'герой', 'героиня', 'сұхбат беруші', 'сұхбат берген', 'кейіпкер', 'әңгімелесуші']
  ],
  ['language', ['language', 'lang', 'язык', 'язык интервью', 'тіл', 'тілі', 'сұхбат тілі']],
  [
    'recording',
    ['recording', 'recording file', 'audio', 'audio file', 'video', 'file', 'media', 'запись', 'аудио', 'аудиозапись', 'файл', 'жазба', 'аудиожазба', 'дыбыс жазбасы']
  ],
  ['consent', ['consent', 'согласие', 'келісім']],
  ['notes', ['notes', 'note', 'nb', 'comment', 'comments', 'примечание', 'примечания', 'заметки', 'ескерту', 'ескертпе']]
]

const FIELD_BY_KEY = new Map<string, MetadataField>(KEYS.flatMap(([field, keys]) => keys.map((k) => [k, field] as const)))

const TITLE_IS_VALUE = new Set(['title', 'заголовок', 'название', 'тақырып', 'атауы'])

function keyForm(label: string): string {
  return label.replace(/\*\*|__/g, '').replace(/\s+/g, ' ').trim().toLowerCase()
}

const FIELD_CACHE = new Map<string, MetadataField | null>()

export function metadataFieldOf(label: string): MetadataField | null {
  // A file repeats a handful of labels thousands of times.
  const cached = FIELD_CACHE.get(label)
  if (cached !== undefined) return cached
  const field = FIELD_BY_KEY.get(keyForm(label)) ?? null
  if (FIELD_CACHE.size >= 10_000) FIELD_CACHE.clear()
  FIELD_CACHE.set(label, field)
  return field
}

/** Annotation labels ("Note:") in the body of a transcript are the reporter's, not a speaker's. */
export function isAnnotationLabel(label: string): boolean {
  return metadataFieldOf(label) === 'notes'
}

/**
 * A key is only metadata when its value fits it. "Interviewer: How did it start?" at the top of a
 * file with no header is the interviewer's first question, not their name.
 */
export function valueFits(field: MetadataField, value: string): boolean {
  const v = value.trim()
  if (field === 'interviewer' || field === 'interviewee') {
    return v !== '' && v.length <= 120 && !/[?!]$/.test(v) && v.split(/\s+/).length <= 8
  }
  if (field === 'date') return v.length <= 60 && /\d/.test(v)
  if (field === 'language') return v.length <= 40
  return v.length <= 500
}

/** A recording line names a file ("marat.m4a", "D:\\audio\\x.wav") or says there is none ("none, typed notes"). */
function looksLikeMediaReference(value: string): boolean {
  return /\.[A-Za-z0-9]{2,5}$/.test(value) || /[\\/]/.test(value)
}

function trimValue(value: string): string {
  return value.replace(/\*\*|__/g, '').replace(/\s+/g, ' ').trim().replace(/[.;,]$/, '').trim()
}

/** Puts one `Key: value` into the metadata; returns the line for the notes when it fits no field. */
export function applyMetadata(metadata: ParsedMetadata, field: MetadataField, label: string, rawValue: string): string | null {
  const value = trimValue(rawValue)
  const asWritten = `${label.replace(/\*\*|__/g, '').trim()}: ${rawValue.trim()}`
  if (value === '') return null
  switch (field) {
    case 'title':
      if (metadata.title !== undefined) return asWritten
      // "Title: X" names the interview X; "Интервью: Ольга Кравец, редактор" is a title as a whole.
      metadata.title = TITLE_IS_VALUE.has(keyForm(label)) ? value : `${label.replace(/\*\*|__/g, '').trim()}: ${rawValue.trim()}`
      return null
    case 'date':
      metadata.date = normalizeDate(value)
      return null
    case 'place':
      metadata.place = value
      return null
    case 'interviewer':
      metadata.interviewer = value
      return null
    case 'interviewee':
      metadata.interviewee = value
      return null
    case 'language':
      metadata.language = value
      return null
    case 'recording':
      if (looksLikeMediaReference(value)) {
        metadata.recordingFile = value
        return null
      }
      return asWritten
    case 'consent':
      metadata.consent = value
      return null
    case 'notes':
      return rawValue.trim()
  }
}

const INLINE_FIELDS = new Set<MetadataField>(['interviewer', 'interviewee', 'place', 'date', 'language', 'consent'])

/**
 * Details written inside a sentence of a description ("Recorded in Almaty. Interviewer: Lena
 * Moretti."). Only fields not already set are filled; the sentence stays in the notes as written.
 */
export function applyInlineMetadata(metadata: ParsedMetadata, text: string): void {
  if (text.length > 2000) return
  for (const sentence of text.split(/(?<=[.;!?])\s+/)) {
    const colon = sentence.indexOf(':')
    if (colon <= 0 || colon > 40) continue
    const label = sentence.slice(0, colon).trim()
    const field = metadataFieldOf(label)
    const value = sentence.slice(colon + 1)
    if (field === null || !INLINE_FIELDS.has(field) || !valueFits(field, value)) continue
    const key = field === 'recording' ? 'recordingFile' : field
    if (key === 'notes' || key === 'title' || metadata[key] !== undefined) continue
    applyMetadata(metadata, field, label, value)
  }
}

/** "Interview notes: Yerlan Dzhaksybekov", "Интервью: Ольга Кравец, редактор новостей", "Interview with Timur Akhmetov, media lawyer". */
export function intervieweeFromTitle(title: string): string | null {
  let name: string | null = null
  const colon = title.indexOf(':')
  if (colon !== -1) name = title.slice(colon + 1)
  else {
    const m = /^(?:interview|conversation|talk|notes)\s+(?:notes\s+)?with\s+(.{1,120})$/i.exec(title.trim())
    if (m) name = m[1] ?? null
  }
  if (name === null) name = title
  const cut = name.split(/,| [—–-] |\(|;/)[0]?.trim() ?? ''
  return looksLikePersonName(cut) ? cut : null
}

/** Two to five capitalised words of letters: a person, not a topic. */
export function looksLikePersonName(s: string): boolean {
  const words = s.split(/\s+/).filter((w) => w !== '')
  if (words.length < 2 || words.length > 5) return false
  return words.every((w) => /^\p{Lu}[\p{L}\p{M}.'’-]*$/u.test(w))
}
