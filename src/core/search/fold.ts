// Folding decides which spellings search treats as the same word. Index, query, phrase check and
// highlighting all fold through the one per-character rule below, so they cannot disagree.
//
// Decisions:
// - Case-insensitive, and accent-insensitive the usual way (decompose, drop combining marks):
//   `cafe` finds `café`, `Glück` finds `gluck`, `ё` reads as `е` (Russian print mostly omits the
//   dots), Ukrainian `ї` as `і`.
// - `й` (and Belarusian `ў`) stay themselves although they decompose to и/у plus a breve: they are
//   separate letters, and `мой`/`мои` are different words.
// - Kazakh `ә ғ қ ң ө ұ ү һ і` are NOT folded to `а г к н о у у х и`. They are distinct letters
//   that tell words apart (`алаң` square, `алан` clearing; `қол` hand, `кол`), and Unicode gives
//   them no decomposition, so no accent rule touches them. Someone typing on a Russian keyboard
//   must type the Kazakh letter or use a prefix. Latin-script Kazakh (ä ğ ñ ö ū ü ş) is Latin with
//   accents and folds like any other.
// - A few Latin letters with no decomposition that names use are spelled out: ø→o, ł→l, đ/ð→d,
//   þ→th, æ→ae, œ→oe, ß→ss, ı→i; Greek final ς→σ.
//
// Changing any of this changes what a stored index means: bump FOLD_VERSION so saved indexes are
// rebuilt instead of silently missing words.
export const FOLD_VERSION = 1

const SPELLED_OUT: Readonly<Record<string, string>> = {
  ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', æ: 'ae', œ: 'oe', ß: 'ss', ı: 'i', ς: 'σ'
}
const KEEP_BREVE = new Set(['и', 'у'])
const BREVE = 0x306
const MARK = /\p{M}/u
const ALL_MARKS = /\p{M}+/gu
// Plain ASCII needs no folding beyond lower case: the fast path for most English text.
const ASCII = /^[^\u0080-\u{10ffff}]*$/u

const folded = new Map<number, string>()

function foldCodePoint(codePoint: number): string {
  const known = folded.get(codePoint)
  if (known !== undefined) return known
  const char = String.fromCodePoint(codePoint)
  let out: string
  if (MARK.test(char)) out = ''
  else {
    const lower = char.toLowerCase()
    if (lower === 'й' || lower === 'ў') out = lower
    else {
      const bare = lower.normalize('NFD').replace(ALL_MARKS, '').toLowerCase()
      out = Array.from(bare, (c) => SPELLED_OUT[c] ?? c).join('')
    }
  }
  folded.set(codePoint, out)
  return out
}

/**
 * Folds `text`; with `origins`, also records for each output UTF-16 unit the index in `text` of
 * the character it came from, so matches found in folded text can be shown in the original.
 */
function foldInto(text: string, origins?: number[]): string {
  let out = ''
  let index = 0
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0
    // A decomposed й (и + breve) must fold like the precomposed one.
    if (codePoint === BREVE && KEEP_BREVE.has(out.slice(-1))) {
      out = `${out.slice(0, -1)}${out.slice(-1) === 'и' ? 'й' : 'ў'}`
    } else {
      const piece = foldCodePoint(codePoint)
      out += piece
      if (origins) for (let i = 0; i < piece.length; i++) origins.push(index)
    }
    index += char.length
  }
  return out
}

export function fold(text: string): string {
  return ASCII.test(text) ? text.toLowerCase() : foldInto(text)
}

export interface FoldedText {
  text: string
  /** For each UTF-16 unit of `text`, where its character starts in the original. */
  origins: number[]
}

export function foldWithOrigins(text: string): FoldedText {
  const origins: number[] = []
  return { text: foldInto(text, origins), origins }
}
