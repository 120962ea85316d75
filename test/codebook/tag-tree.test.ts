import { describe, expect, it } from 'vitest'
import { tagTree, type TagNode } from '../../src/shared/codebook'

const tag = (id: string, name: string) => ({ id, name })

function outline<T extends { id: string }>(nodes: Array<TagNode<T>>, depth = 0): string[] {
  return nodes.flatMap((n) => [`${'  '.repeat(depth)}${n.name}${n.tag ? ` #${n.tag.id}` : ''}`, ...outline(n.children, depth + 1)])
}

describe('tagTree', () => {
  it('nests tags by their names and sorts each level', () => {
    const tree = tagTree([tag('t1', 'state media'), tag('t2', 'conflict/CSTO'), tag('t3', 'conflict'), tag('t4', 'conflict / troops / numbers'), tag('t5', 'Almaty')])
    expect(outline(tree)).toEqual(['Almaty #t5', 'conflict #t3', '  CSTO #t2', '  troops', '    numbers #t4', 'state media #t1'])
  })

  it('gives every node its tidied full path', () => {
    const [conflict] = tagTree([tag('t1', ' conflict / CSTO ')])
    expect(conflict?.path).toBe('conflict')
    expect(conflict?.tag).toBeUndefined()
    expect(conflict?.children[0]?.path).toBe('conflict/CSTO')
  })

  it('sorts numbers in names by value', () => {
    expect(outline(tagTree([tag('a', 'wave 10'), tag('b', 'wave 2'), tag('c', 'wave 1')]))).toEqual(['wave 1 #c', 'wave 2 #b', 'wave 10 #a'])
  })

  it('keeps two tags with the same path visible side by side', () => {
    expect(outline(tagTree([tag('a', 'CSTO'), tag('b', 'CSTO ')]))).toEqual(['CSTO #a', 'CSTO #b'])
  })

  it('still shows a tag whose name tidies to nothing', () => {
    expect(outline(tagTree([tag('a', ' / ')]))).toEqual([' /  #a'])
  })
})
