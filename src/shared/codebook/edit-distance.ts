// Optimal-string-alignment Damerau–Levenshtein: insertions, deletions, substitutions and swaps of
// two neighbouring letters each cost 1, which is how tag names get mistyped (`careeer`, `revsion`,
// `higlight`). Small enough to write here rather than take a dependency into the renderer.

/**
 * The distance between `a` and `b`, counted in code points so Cyrillic and emoji cost one each.
 * With `max`, gives up early and returns `max + 1` once the distance must exceed it.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  const s = Array.from(a)
  const t = Array.from(b)
  if (Math.abs(s.length - t.length) > max) return max + 1
  if (s.length === 0) return t.length
  if (t.length === 0) return s.length
  let beforePrevious: number[] = []
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j)
  for (let i = 1; i <= s.length; i++) {
    const current = [i]
    let rowMin = i
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost)
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) value = Math.min(value, (beforePrevious[j - 2] ?? 0) + 1)
      current.push(value)
      rowMin = Math.min(rowMin, value)
    }
    if (rowMin > max) return max + 1
    beforePrevious = previous
    previous = current
  }
  const distance = previous[t.length] ?? 0
  return distance > max ? max + 1 : distance
}
