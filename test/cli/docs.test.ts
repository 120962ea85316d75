import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { methodNames } from '../../src/shared/api/contract'
import { verbatim } from '../support/cli'

const doc = await readFile(new URL('../../docs/cli.md', import.meta.url), 'utf8')

describe('docs/cli.md', () => {
  it('lists every API method with an example', () => {
    for (const m of methodNames) expect(doc, m).toMatch(new RegExp(`\\| \`${m.replace('.', '\\.')}\` \\|.*\`verbatim call ${m.replace('.', '\\.')} '`))
  })

  it('lists every verb the CLI offers, with an example', async () => {
    const help = await verbatim(['help'])
    const verbs = [...help.stdout.matchAll(/^\s+verbatim (\w+)/gm)].map((m) => m[1] as string)
    expect(verbs.length).toBeGreaterThan(8)
    for (const v of verbs) expect(doc, v).toMatch(new RegExp(`\\| \`${v}\` \\|.*\`verbatim ${v}[ \`]`))
  })
})
