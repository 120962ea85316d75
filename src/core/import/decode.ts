// Bytes to text. A byte-order mark decides when there is one. Without one, bytes that are valid
// UTF-8 are UTF-8: legacy 8-bit Cyrillic is practically never valid UTF-8 by accident. Otherwise
// both Cyrillic decodings are made and the one that reads more like Russian wins. A detector's
// guess is no help on a short file: chardet called most KOI8-R texts of a few words Windows-1251.
import { isUtf8 } from 'node:buffer'
import chardet from 'chardet'
import iconv from 'iconv-lite'
import { ImportError } from './types'

export interface Decoded {
  text: string
  /** utf-8, utf-16le, utf-16be, windows-1251, koi8-r, pt154, windows-1252, or what the detector named for CJK text. */
  encoding: string
  warnings: string[]
}

/** Legacy detection looks at the first megabyte: plenty to tell encodings apart, bounded in time. */
const SAMPLE_BYTES = 1 << 20

function binaryError(): ImportError {
  return new ImportError(
    'This looks like a binary file (an image, a recording, a program or an archive), not a transcript. Verbatim imports text transcripts, captions (.vtt, .srt), Word .docx, CSV and OHMS XML.'
  )
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b)
}

interface Utf8Stats {
  /** Well-formed multi-byte sequences. */
  multi: number
  /** Bytes that are no part of a well-formed sequence. */
  invalid: number
}

/** Counts well-formed and broken UTF-8 sequences (overlongs and surrogates are broken). */
export function utf8Stats(bytes: Uint8Array): Utf8Stats {
  let multi = 0
  let invalid = 0
  const n = bytes.length
  let i = 0
  while (i < n) {
    const b = bytes[i] ?? 0
    if (b < 0x80) {
      i++
      continue
    }
    let need: number
    let lo = 0x80
    let hi = 0xbf
    if (b >= 0xc2 && b <= 0xdf) need = 1
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2
      if (b === 0xe0) lo = 0xa0
      if (b === 0xed) hi = 0x9f
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3
      if (b === 0xf0) lo = 0x90
      if (b === 0xf4) hi = 0x8f
    } else {
      invalid++
      i++
      continue
    }
    let ok = i + need < n
    for (let k = 1; ok && k <= need; k++) {
      const c = bytes[i + k] ?? 0
      const min = k === 1 ? lo : 0x80
      const max = k === 1 ? hi : 0xbf
      if (c < min || c > max) ok = false
    }
    if (ok) {
      multi++
      i += need + 1
    } else {
      invalid++
      i++
    }
  }
  return { multi, invalid }
}

// How common each pair of Russian letters is inside a word, 0 (never seen) to 9 (most common), on
// a log scale; `^` and `$` stand for the start and end of a word. Row = first letter, column =
// second, both in RUSSIAN_ALPHABET order. Counted once over 1.2 million letter pairs of running
// Russian text (the fortunes-ru collection); only these statistics are kept. A wrong decoding
// scrambles letters, so its pairs fall to 0-2 and its words start and end on unlikely letters.
const RUSSIAN_ALPHABET = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюя^$'
const RUSSIAN_PAIRS = [
  '36767747756887846788556566700037709',
  '63523733270574680752704212547443606',
  '82475840580564685676613445317611508',
  '72327722160572580633620142000114006',
  '83634845370564784764713544026624607',
  '57877856767788956888446676600115509',
  '02322112301334502425012013200000006',
  '64227832170433750341500160000422006',
  '85656623360456760542602132036503507',
  '56767715768777855778347776500035709',
  '12325400301454631366022434100000408',
  '81523603370463581767712414000323108',
  '84354856380653583164721142206827707',
  '74331831370455785452741330207433608',
  '84356843380621780566741553718724608',
  '38888747767788857888556576500055609',
  '71110720170461484844610433105522505',
  '85666845480556685466745445307625607',
  '74735853270886677569635464135634807',
  '83724841280653794774622342427824608',
  '56677617545667536677236476600046408',
  '50010510160242260523530001003112005',
  '61512401150043571534501012010220007',
  '70422600360420050020500303005001005',
  '71300842070531630307600026000530005',
  '60300730070652553224540200000602005',
  '60100840070000410200500000000400003',
  '00000420000000000000000000000000401',
  '05645703437567505566216256301001308',
  '05455631540705732175030346200106609',
  '03333001403544404537033103000010105',
  '27246302424434413557013353600023107',
  '03545605534556604457115453500005409',
  '88988828883988989898867686412175700',
  '00000000000000000000000000000000000'
].join('')

function pairScore(a: string, b: string): number {
  const i = RUSSIAN_ALPHABET.indexOf(a)
  const j = RUSSIAN_ALPHABET.indexOf(b)
  if (i === -1 || j === -1) return 0
  return Number(RUSSIAN_PAIRS[i * RUSSIAN_ALPHABET.length + j] ?? '0')
}

const CYRILLIC = /[\u0400-\u04FF]/
const LATIN = /[A-Za-z\u00C0-\u024F]/
const WORD = /[\p{L}\p{M}]+/gu
// Box drawing and the like: KOI8-R's upper half read through the wrong table.
const PSEUDOGRAPHICS = /[\u2219\u221A\u2248\u2264\u2265\u2320\u2321\u2500-\u25FF\u00B2\u00F7]/g
const RUSSIAN_LETTERS = /^[а-яё]$/

/**
 * How much a decoding reads like Russian: frequent letter pairs score; words whose case flips
 * inside them ("йПЗДБ"), letters Russian does not use, words mixing Latin and Cyrillic and
 * pseudographics where punctuation should be all cost. A wrong Cyrillic decoding swaps case,
 * scrambles letters and turns dashes and quotes into box drawing.
 */
export function russianScore(text: string): number {
  let score = -3 * (text.match(PSEUDOGRAPHICS)?.length ?? 0)
  const words: string[] = []
  let upper = 0
  let cased = 0
  WORD.lastIndex = 0
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const word = m[0]
    if (!CYRILLIC.test(word)) continue
    if (LATIN.test(word)) {
      score -= word.length
      continue
    }
    const tail = word.slice(1)
    const tailLower = tail.toLowerCase()
    if (tail !== tailLower && word !== word.toUpperCase()) {
      score -= 2 * word.length
      continue
    }
    // Case after the first letter: sentence capitals say nothing, all-capital words do.
    cased += tail.length
    if (tail !== tailLower) upper += tail.length
    words.push(word)
  }
  const mostlyCapitals = upper * 2 > cased
  for (const word of words) {
    // Many writers type е for ё, so the statistics barely know ё; score it as е.
    const lower = word.toLowerCase().replace(/ё/g, 'е')
    // The case of the text as a whole: small words in a text of capitals, or long capital words
    // in a text of small letters, are what a swapped-case reading produces.
    if (mostlyCapitals && word === lower && word.length >= 2) score -= 1
    if (!mostlyCapitals && word !== lower && word === word.toUpperCase() && word.length > 4) score -= 0.5 * (word.length - 4)
    let previous = '^'
    for (const ch of lower) {
      if (!RUSSIAN_LETTERS.test(ch)) score -= 3
      score += pairScore(previous, ch) - 3
      previous = ch
    }
    score += pairScore(previous, '$') - 3
  }
  return score
}

/** Words (two letters or more) that are all Cyrillic, and words that mix Cyrillic with Latin. */
function cyrillicWordCounts(text: string): { cyrillic: number; mixed: number } {
  let cyrillic = 0
  let mixed = 0
  WORD.lastIndex = 0
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const word = m[0]
    if (!CYRILLIC.test(word)) continue
    if (LATIN.test(word)) mixed++
    else if (word.length >= 2) cyrillic++
  }
  return { cyrillic, mixed }
}

// PT154 bytes that hold Kazakh letters where Windows-1251 has Serbian letters or symbols
// (ғ ү ң қ һ ұ ө and capitals), and bytes that only Ukrainian text uses (ї ґ).
const KAZAKH_EVIDENCE = new Set([0x81, 0x83, 0x87, 0x89, 0x8c, 0x8d, 0x8e, 0x9c, 0x9d, 0x9e, 0xa4, 0xa6, 0xb1, 0xb5])
const UKRAINIAN_EVIDENCE = new Set([0xa5, 0xaf, 0xb4, 0xbf])

/** Kazakh typed in a Windows-1251-era editor is PT154: Russian letters where 1251 has them, Kazakh ones in between. */
function looksKazakhPt154(sample: Uint8Array): boolean {
  let kazakh = 0
  let ukrainian = 0
  let yeru = 0
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i] ?? 0
    if (b === 0xfb) yeru++
    if (b < 0x80 || b >= 0xc0) continue
    const besideLetter = (sample[i - 1] ?? 0) >= 0xc0 || (sample[i + 1] ?? 0) >= 0xc0
    if (!besideLetter) continue
    if (KAZAKH_EVIDENCE.has(b)) kazakh++
    if (UKRAINIAN_EVIDENCE.has(b)) ukrainian++
  }
  // ы: Kazakh and Russian have it, Serbian and Macedonian (whose 1251 letters sit at the same bytes) do not.
  return kazakh >= 2 && kazakh > ukrainian && yeru > 0
}

const CJK_ENCODINGS = new Set(['Shift_JIS', 'EUC-JP', 'GB18030', 'Big5', 'EUC-KR', 'ISO-2022-JP'])

function chooseLegacy(bytes: Uint8Array): string {
  const sample = bytes.subarray(0, SAMPLE_BYTES)
  const as1251 = iconv.decode(Buffer.from(sample), 'windows-1251')
  const words = cyrillicWordCounts(as1251)
  if (words.cyrillic > words.mixed) {
    // Kazakh letters beside Cyrillic ones are evidence no Russian text gives; decide that first.
    if (looksKazakhPt154(sample)) return 'pt154'
    const asKoi8 = iconv.decode(Buffer.from(sample), 'koi8-r')
    return russianScore(asKoi8) > russianScore(as1251) ? 'koi8-r' : 'windows-1251'
  }
  // Not Cyrillic. Multi-byte East Asian encodings are left to the detector; Western European
  // letters (Glück, José) in a Windows-1252 file are the common case.
  const best = chardet.analyse(sample)[0]
  if (best !== undefined && CJK_ENCODINGS.has(best.name) && best.confidence >= 50 && iconv.encodingExists(best.name)) {
    return best.name
  }
  return 'windows-1252'
}

function decodeWith(bytes: Uint8Array, encoding: string): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding)
}

/** UTF-16 without a byte-order mark: every other byte zero in Latin text. */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const pairs = Math.floor(Math.min(bytes.length, 8192) / 2)
  if (pairs < 2) return null
  let evenZero = 0
  let oddZero = 0
  for (let i = 0; i < pairs; i++) {
    if (bytes[2 * i] === 0) evenZero++
    if (bytes[2 * i + 1] === 0) oddZero++
  }
  if (oddZero >= pairs * 0.3 && evenZero <= pairs * 0.02) return 'utf-16le'
  if (evenZero >= pairs * 0.3 && oddZero <= pairs * 0.02) return 'utf-16be'
  return null
}

// Control characters no text editor writes (tab, line feed, form feed and carriage return are fine).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/g

/**
 * A stray control character is shown as U+FFFD, as the WebVTT parser and browsers do with NUL:
 * the reader sees that something was there, and a quote still matches the file. Many of them are
 * a binary file, except in a WebVTT file, which is text by definition.
 */
const isControlByte = (b: number): boolean => (b < 0x20 ? b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d : b === 0x7f)

/**
 * Whether bytes of an ASCII-compatible encoding hold a control character, in one pass without
 * decoding. Four bytes are looked at together: only a word with a byte under 0x20 or a DEL (line
 * ends, mostly) is looked at byte by byte, which makes the pass several times faster.
 */
function hasControlBytes(bytes: Uint8Array): boolean {
  const n = bytes.length
  // Up to the first byte a Uint32Array view may start at (its offset must be a multiple of 4).
  const i = Math.min(n, (4 - (bytes.byteOffset % 4)) % 4)
  for (let k = 0; k < i; k++) if (isControlByte(bytes[k] as number)) return true
  if (n - i < 4) {
    for (let k = i; k < n; k++) if (isControlByte(bytes[k] as number)) return true
    return false
  }
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + i, Math.floor((n - i) / 4))
  for (let w = 0; w < words.length; w++) {
    const v = words[w] as number
    // A byte under 0x20 (the classic "has less than" bit trick), or one equal to 0x7f.
    const low = (v - 0x20202020) & ~v & 0x80808080
    const del = ((v ^ 0x7f7f7f7f) - 0x01010101) & ~(v ^ 0x7f7f7f7f) & 0x80808080
    if (low === 0 && del === 0) continue
    const at = i + w * 4
    for (let k = at; k < at + 4; k++) if (isControlByte(bytes[k] as number)) return true
  }
  for (let k = i + words.length * 4; k < n; k++) if (isControlByte(bytes[k] as number)) return true
  return false
}

function finish(text: string, encoding: string, warnings: string[], alwaysText = false, controlsPossible = true): Decoded {
  if (!controlsPossible) return { text, encoding, warnings }
  const controls = text.match(CONTROL)?.length ?? 0
  if (controls > 0) {
    if (!alwaysText && controls > 2 && controls > text.length / 100) throw binaryError()
    text = text.replace(CONTROL, '\uFFFD')
    warnings.push(`${controls} control character(s) (such as NUL) are shown as "\uFFFD".`)
  }
  return { text, encoding, warnings }
}

/** "WEBVTT" at the start, after an optional UTF-8 byte-order mark. */
function isWebVttSignature(bytes: Uint8Array): boolean {
  const at = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0
  return startsWith(bytes.subarray(at), [0x57, 0x45, 0x42, 0x56, 0x54, 0x54])
}

export function decodeText(bytes: Uint8Array): Decoded {
  const warnings: string[] = []
  // WebVTT is UTF-8 by definition, and a NUL inside it is a character to replace, not a sign of binary.
  if (isWebVttSignature(bytes)) {
    const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes
    if (!isUtf8(body)) warnings.push(`${utf8Stats(body).invalid} byte(s) that are not valid UTF-8 were replaced with "\uFFFD".`)
    return finish(new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(body), 'utf-8', warnings, true, hasControlBytes(body))
  }
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return decodeUtf8(bytes.subarray(3), warnings)
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) {
    throw new ImportError('This file is in UTF-32, which Verbatim does not read. Save it as UTF-8 and import it again.')
  }
  if (startsWith(bytes, [0xff, 0xfe])) return decodeUtf16(bytes.subarray(2), 'utf-16le', warnings)
  if (startsWith(bytes, [0xfe, 0xff])) return decodeUtf16(bytes.subarray(2), 'utf-16be', warnings)

  const head = bytes.subarray(0, 8192)
  if (head.includes(0)) {
    const utf16 = utf16WithoutBom(bytes)
    if (utf16 === null) throw binaryError()
    warnings.push(`The file has no byte-order mark; it was read as ${utf16.toUpperCase()}.`)
    return decodeUtf16(bytes, utf16, warnings)
  }

  // Valid UTF-8 is UTF-8; Node checks that natively, far faster than counting sequences here.
  if (isUtf8(bytes)) return decodeUtf8(bytes, warnings)
  const stats = utf8Stats(bytes)
  // A few broken bytes in a long UTF-8 file are damage, not another encoding.
  if (stats.multi >= 10 * stats.invalid) {
    warnings.push(`${stats.invalid} byte(s) that are not valid UTF-8 were replaced with "\uFFFD".`)
    return decodeUtf8(bytes, warnings)
  }
  const encoding = chooseLegacy(bytes)
  return finish(decodeWith(bytes, encoding), encoding, warnings, false, hasControlBytes(bytes))
}

function decodeUtf8(bytes: Uint8Array, warnings: string[]): Decoded {
  return finish(new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes), 'utf-8', warnings, false, hasControlBytes(bytes))
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', warnings: string[]): Decoded {
  if (bytes.length % 2 === 1) warnings.push('The file ends in the middle of a character; the last byte was left out.')
  const even = bytes.subarray(0, bytes.length - (bytes.length % 2))
  return finish(decodeWith(even, encoding), encoding, warnings)
}
