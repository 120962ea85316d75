// The codebook as the sidebar shows it: `conflict/CSTO` under `conflict`, even when no tag is
// named `conflict` itself.
import { tagPath, TAG_PATH_SEPARATOR } from './tag-name'

export interface TagNode<T> {
  /** This level's name: `CSTO` for `conflict/CSTO`. */
  name: string
  /** The whole tidied path: `conflict/CSTO`. */
  path: string
  /** The tag with exactly this path; absent for a level that only groups others. */
  tag?: T
  children: Array<TagNode<T>>
}

// Numeric so `wave 2` sorts before `wave 10`; base sensitivity so case does not split the order.
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

function byName<T>(x: TagNode<T>, y: TagNode<T>): number {
  return collator.compare(x.name, y.name) || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0)
}

/**
 * Tags nested by their names, each level sorted by name. Paths are matched exactly after tidying,
 * so `State Media` and `state media` stay two visible nodes until the editor merges them (see
 * suggestDuplicates); a second tag with the very same path becomes a sibling of the first.
 */
export function tagTree<T extends { name: string }>(tags: readonly T[]): Array<TagNode<T>> {
  const roots: Array<TagNode<T>> = []
  const byPath = new Map<string, TagNode<T>>()
  const place = (path: readonly string[]): { siblings: Array<TagNode<T>>; node: TagNode<T> } => {
    let siblings = roots
    let node: TagNode<T> | undefined
    for (let depth = 0; depth < path.length; depth++) {
      const key = path.slice(0, depth + 1).join(TAG_PATH_SEPARATOR)
      node = byPath.get(key)
      if (!node) {
        node = { name: path[depth] ?? '', path: key, children: [] }
        byPath.set(key, node)
        siblings.push(node)
      }
      if (depth < path.length - 1) siblings = node.children
    }
    if (!node) throw new Error('a tag path has at least one level')
    return { siblings, node }
  }
  for (const tag of tags) {
    const levels = tagPath(tag.name)
    // A name of nothing but slashes and spaces still has to show somewhere.
    const path = levels.length > 0 ? levels : [tag.name]
    const { siblings, node } = place(path)
    if (!node.tag) node.tag = tag
    else siblings.push({ name: node.name, path: node.path, tag, children: [] })
  }
  const sort = (nodes: Array<TagNode<T>>): void => {
    nodes.sort(byName)
    for (const node of nodes) sort(node.children)
  }
  sort(roots)
  return roots
}
