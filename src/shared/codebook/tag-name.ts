// Tag names are typed by hand, often in a hurry, and nesting is written into the name with '/'
// (`conflict/CSTO`), so every comparison starts from one tidy spelling.

export const TAG_PATH_SEPARATOR = '/'

// JavaScript's \s already covers no-break and other Unicode spaces; zero-width spaces come in
// from pasted web text and are invisible, so they go too.
const SPACES = /[\s\u200b\u2060]+/gu

/**
 * Trims, collapses runs of white space to one space, and tidies nesting: spaces around '/' and
 * empty levels (`a//b`, a leading or trailing '/') are dropped. Case and accents are kept: they are
 * the editor's spelling, and duplicates that differ only by them are suggested, not merged.
 */
export function normaliseTagName(name: string): string {
  return tagPath(name).join(TAG_PATH_SEPARATOR)
}

/** The levels of a tag name, outermost first: `conflict / CSTO` → ['conflict', 'CSTO']. */
export function tagPath(name: string): string[] {
  return name
    .normalize('NFC')
    .split(TAG_PATH_SEPARATOR)
    .map((level) => level.replace(SPACES, ' ').trim())
    .filter((level) => level.length > 0)
}

/** Lower case only: two names with this key equal differ by nothing but case. */
export function caseKey(name: string): string {
  return normaliseTagName(name).toLowerCase()
}

/**
 * Lower case without accents (ё reads as е): the key near-duplicates are compared on. Kept apart
 * from search's folding, which lives with the search index; this one only decides what to suggest.
 */
export function looseKey(name: string): string {
  return caseKey(name).normalize('NFD').replace(/\p{M}+/gu, '').normalize('NFC')
}
