import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { verbatim } from '../support/cli'
import { HOSTILE_LINES, HOSTILE_NOTES } from '../support/hostile'
import { tempDir } from '../support/temp'

it('keeps hostile markup as the very characters it was, through import and the CLI', async () => {
  const archive = await tempDir()
  const file = join(await tempDir(), 'mallory.md')
  await writeFile(file, HOSTILE_NOTES)
  const imported = await verbatim(['import', file, '--archive', archive, '--json'])
  expect(imported.code).toBe(0)
  const { interviewId } = JSON.parse(imported.stdout).imported[0]

  const json = JSON.parse((await verbatim(['transcript', interviewId, '--archive', archive, '--json'])).stdout)
  const texts = json.segments.map((s: { text: string }) => s.text)
  // Typed notes are kept as typed, Markdown and entities included.
  for (const line of HOSTILE_LINES) expect(texts).toContain(line)
  expect(json.title).toBe('Interview: Mallory <script>window.__pwned = true</script>')

  // The human-readable transcript prints the characters, not a rendering of them.
  const plain = await verbatim(['transcript', interviewId, '--archive', archive])
  expect(plain.stdout).toContain('<script>window.__pwned = true</script>')
  expect(plain.stdout).toContain('[click me](javascript:window.__pwned=true)')
})
