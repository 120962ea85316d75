// Text as a reader sees it. Written without regexes that can backtrack on long runs of white space
// or unclosed brackets: a 50 MB file of spaces must not freeze the import.
import { decodeHTML } from 'entities'

/**
 * Lines split at CRLF, CR or LF. Splitting at a plain "\n" is many times faster than at a
 * regex, so that is done whenever the text has no CR at all, as most files have none.
 */
export function splitLines(text: string): string[] {
  return text.includes('\r') ? text.split(/\r\n|\r|\n/) : text.split('\n')
}

/** Line breaks inside one unit become one space; blank lines inside it vanish; the ends are trimmed. */
export function joinLines(text: string): string {
  if (!text.includes('\n') && !text.includes('\r')) return text.trim()
  const parts: string[] = []
  for (const line of splitLines(text)) {
    const t = line.trim()
    if (t !== '') parts.push(t)
  }
  return parts.join(' ')
}

/**
 * Drops markup tags (`<i>`, `<b>`, `<c.yellow>`, `<v Name>`, `<00:01.000>`, `<font color=…>`).
 * `[^<>]` keeps each attempt from running past the next `<`, so unclosed brackets stay linear.
 * A `<` that opens no tag stays as written.
 */
export function stripTags(text: string): string {
  return text.replace(/<\/?[A-Za-z0-9.][^<>]*>/g, '')
}

/** `&amp;` `&#8212;` `&nbsp;` decoded once, as a browser would: `&amp;lt;` stays `&lt;`. */
export function decodeEntities(text: string): string {
  return text.includes('&') ? decodeHTML(text) : text
}

/** Caption markup to reader text: tags stripped first, so an escaped `&lt;b&gt;` stays visible. */
export function captionText(raw: string): string {
  return joinLines(decodeEntities(stripTags(raw)))
}
