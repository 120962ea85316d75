/**
 * Remembers a pure function of one word. Speech repeats a small vocabulary endlessly (Zipf), so
 * stemming, transliterating and reading number words once per distinct word, not per occurrence,
 * is what keeps scoring a few hundred candidate segments cheap. Bounded: it starts over when full.
 */
export function memo<T>(fn: (word: string) => T, max = 50_000): (word: string) => T {
  const seen = new Map<string, T>()
  return (word) => {
    const hit = seen.get(word)
    if (hit !== undefined || seen.has(word)) return hit as T
    const value = fn(word)
    if (seen.size >= max) seen.clear()
    seen.set(word, value)
    return value
  }
}
