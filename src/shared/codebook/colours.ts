// Tag colours: distinct from each other, and readable as a highlight on the light and the dark theme.

/** The palette every new tag takes its colour from: the app, the importer and the API alike. */
export const TAG_PALETTE = ['#2b7bd9', '#d9822b', '#2ba84a', '#a23bd1', '#d93b5e', '#1b9e9e', '#8a6d3b', '#5b6bd9', '#c2a000', '#6b8e23', '#c7509b', '#4a6378'] as const

/**
 * The colour for a new tag: the palette colour the existing tags use least, the earliest of those
 * on a tie, so that tags made one after another never share a colour until the palette runs out.
 */
export function nextTagColour(existing: readonly string[]): string {
  const uses = new Map<string, number>(TAG_PALETTE.map((c) => [c, 0]))
  for (const colour of existing) {
    const key = colour.toLowerCase()
    if (uses.has(key)) uses.set(key, (uses.get(key) ?? 0) + 1)
  }
  let best: string = TAG_PALETTE[0]
  for (const colour of TAG_PALETTE) if ((uses.get(colour) ?? 0) < (uses.get(best) ?? 0)) best = colour
  return best
}
