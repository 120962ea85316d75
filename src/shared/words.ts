// Counting words right, once for every door: "1 quote", "2 quotes", "a, b and c".

/** "1 quote", "3 quotes"; `many` for an irregular plural ("1 piece", "2 pieces" is regular; "1 person", "2 people" is not). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`
}

/** "a", "a and b", "a, b and c". */
export function joinWords(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('')
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`
}
