// Is a trimmed quote still what was said? An editor may cut words, marking the cut with an
// ellipsis (… or ...), and add words of their own in [square brackets]; nothing else may change.
// Shared: the draft editor shows the verdict as the editor types, and the exporter refuses on it.
//
// Rules, checked against the quote's exact words:
// - The excerpt's own words appear in the quote, in order, each run exactly as said (spacing aside).
// - Between two runs, either nothing was left out, or the gap is marked by an ellipsis or stands
//   under a bracketed insertion ("[the government] released" for "They released").
// - Cutting from the start or the end of the quote needs no mark (a quote is printed as a
//   fragment), and the last run may lose or change its final punctuation (the attribution
//   punctuates it: “…in August,” says …). A run must start and end on a word boundary of the quote,
//   except where a bracket touches it ("[T]hey").

export type Piece = { kind: 'words'; text: string } | { kind: 'cut' } | { kind: 'added'; text: string }

export interface ExcerptProblem {
  /** What is wrong, in words an editor can act on. */
  message: string
  /** The part of the excerpt it concerns. */
  at: string
}

const ELLIPSIS = /…|\.\.\./g

/** Splits an excerpt into runs of words, cuts (…) and insertions ([…]). */
export function pieces(excerpt: string): Piece[] {
  const out: Piece[] = []
  let i = 0
  let words = ''
  const flush = (): void => {
    // An ellipsis inside a run is a cut.
    const parts = words.split(ELLIPSIS)
    parts.forEach((p, k) => {
      if (k > 0) out.push({ kind: 'cut' })
      if (p.trim()) out.push({ kind: 'words', text: p })
    })
    words = ''
  }
  while (i < excerpt.length) {
    const c = excerpt[i] as string
    if (c === '[') {
      const close = excerpt.indexOf(']', i + 1)
      if (close > i) {
        flush()
        const inner = excerpt.slice(i + 1, close)
        // "[…]" and "[...]" are the bracketed form of a cut.
        if (/^\s*(…|\.\.\.)\s*$/.test(inner)) out.push({ kind: 'cut' })
        else out.push({ kind: 'added', text: inner })
        i = close + 1
        continue
      }
    }
    words += c
    i++
  }
  flush()
  return out
}

const squash = (s: string): string => s.replace(/\s+/g, ' ')
const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{M}\p{N}]/u.test(c)
const TRAILING_PUNCT = /[\s.,;:!?]+$/

/**
 * Checks `excerpt` against the quote's exact `original` words. Returns no problems when the excerpt
 * is faithful. The same words as the original (or an empty excerpt, meaning "as said") pass.
 */
export function checkExcerpt(original: string, excerpt: string | undefined): ExcerptProblem[] {
  if (excerpt === undefined || excerpt.trim() === '') return []
  const quote = squash(original.trim())
  const all = pieces(excerpt)
  const runs = all.filter((p) => p.kind === 'words')
  if (!runs.length) return [{ message: 'The excerpt keeps none of the quote’s words.', at: excerpt }]
  const problems: ExcerptProblem[] = []
  let pos = 0
  let free = true // the next run may start anywhere from pos: at the start, after a cut or an insertion
  let touchedByBracket = false
  let firstRun = true
  for (let k = 0; k < all.length; k++) {
    const piece = all[k] as Piece
    if (piece.kind === 'cut') {
      free = true
      touchedByBracket = false
      continue
    }
    if (piece.kind === 'added') {
      free = true
      touchedByBracket = true
      continue
    }
    const lastRun = runs[runs.length - 1] === piece
    let text = squash(piece.text)
    // Spaces at a run's edges belong to the gap, not the words.
    const lead = text.length - text.trimStart().length
    text = text.trim()
    if (lastRun) text = text.replace(TRAILING_PUNCT, '')
    if (!text) continue
    const nextIsBracket = all[k + 1]?.kind === 'added'
    let at = -1
    if (free) {
      let from = pos
      while ((from = quote.indexOf(text, from)) >= 0) {
        const startsWord = touchedByBracket || !isWordChar(quote[from - 1]) || !isWordChar(text[0])
        const endsWord = nextIsBracket || !isWordChar(quote[from + text.length]) || !isWordChar(text[text.length - 1])
        if (startsWord && endsWord) {
          at = from
          break
        }
        from++
      }
    } else {
      const here = quote.slice(pos).replace(/^\s+/, '')
      const skipped = quote.length - pos - here.length
      if (here.startsWith(text) && (nextIsBracket || !isWordChar(here[text.length]) || !isWordChar(text[text.length - 1]))) at = pos + skipped
      void lead
    }
    if (at < 0) {
      const elsewhere = quote.indexOf(text)
      if (elsewhere >= 0 && elsewhere < pos) {
        problems.push({ message: `“${text}” comes earlier in the quote: the words are out of order.`, at: text })
      } else if (elsewhere >= 0 && !free) {
        problems.push({ message: `Words are left out before “${text}” without an ellipsis (…) to say so.`, at: text })
      } else {
        problems.push(diagnose(quote, pos, text))
      }
      return problems
    }
    if (!free && firstRun === false && at !== pos && quote.slice(pos, at).trim() !== '') {
      problems.push({ message: `Words are left out before “${text}” without an ellipsis (…) to say so.`, at: text })
      return problems
    }
    pos = at + text.length
    free = false
    touchedByBracket = false
    firstRun = false
  }
  return problems
}

/**
 * Says where a run of words stops being what was said: words left out without a mark, words out of
 * order, or a word changed ("300" where the quote has "238").
 */
function diagnose(quote: string, pos: number, run: string): ExcerptProblem {
  const said = quote.slice(pos).split(' ').filter(Boolean)
  const words = run.split(' ').filter(Boolean)
  // Where the run's opening words best line up with the quote.
  let best = { at: -1, k: 0 }
  for (let i = 0; i < said.length; i++) {
    let k = 0
    while (k < words.length && i + k < said.length && said[i + k] === words[k]) k++
    if (k > best.k) best = { at: i, k }
  }
  if (best.k === 0) return { message: `“${run}” is not in the quote. Mark your own words with [brackets] and cuts with …`, at: run }
  const kept = words.slice(0, best.k).join(' ')
  const rest = words.slice(best.k).join(' ')
  const after = said.slice(best.at + best.k).join(' ')
  const opening = ` ${rest.split(' ').slice(0, 2).join(' ')} `
  if (rest && ` ${after} `.includes(opening)) {
    return { message: `Words are left out after “${kept}” without an ellipsis (…) to say so.`, at: run }
  }
  if (rest && ` ${quote.slice(0, pos)} ${said.slice(0, best.at).join(' ')} `.includes(opening)) {
    return { message: `“${rest}” comes earlier in the quote: the words are out of order.`, at: run }
  }
  const changed = words[best.k] ?? ''
  const was = said[best.at + best.k]
  return { message: was ? `“${changed}” is not what was said: the quote has “${was}” there. Mark your own words with [brackets].` : `“${rest}” goes past the end of the quote.`, at: run }
}

/** The words an excerpt prints, with its marks: what the export puts between quotation marks. */
export function excerptText(original: string, excerpt: string | undefined): string {
  return excerpt !== undefined && excerpt.trim() !== '' ? squash(excerpt.trim()) : squash(original.trim())
}
