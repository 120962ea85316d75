/**
 * Whether a JSON value nests no deeper than `max` levels, checked without recursion: a value
 * nested 100,000 deep (JSON.parse takes it) must be refused here, not later by a stack overflow
 * in JSON.stringify while the archive is being checkpointed.
 */
export function nestsWithin(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]]
  while (stack.length) {
    const [v, depth] = stack.pop()!
    if (v === null || typeof v !== 'object') continue
    if (depth >= max) return false
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1])
  }
  return true
}
