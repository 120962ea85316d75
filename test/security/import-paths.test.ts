import { execFileSync } from 'node:child_process'
import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { collectFiles } from '../../src/core/service/collect-files'
import { verbatim } from '../support/cli'
import { tempDir } from '../support/temp'

describe('an import reads only what the user chose, and says what it passed over', () => {
  it('passes over links, pipes, sockets and hidden files inside a folder, listing each with its reason', async () => {
    const chosen = await tempDir()
    const elsewhere = await tempDir()
    await writeFile(join(elsewhere, 'secret.txt'), 'not chosen')
    await mkdir(join(chosen, 'sub'))
    await mkdir(join(chosen, '.git'))
    await writeFile(join(chosen, '.git', 'config'), 'x')
    await writeFile(join(chosen, 'a.vtt'), 'WEBVTT\n')
    await writeFile(join(chosen, 'sub', 'b.srt'), '1\n')
    await writeFile(join(chosen, '.DS_Store'), 'x')
    await symlink(join(elsewhere, 'secret.txt'), join(chosen, 'link.txt'))
    await symlink(elsewhere, join(chosen, 'linked-folder'))
    execFileSync('mkfifo', [join(chosen, 'pipe')])
    const socket = createServer()
    await new Promise<void>((resolve) => socket.listen(join(chosen, 'socket'), resolve))
    try {
      const { files, problems, skipped } = await collectFiles([chosen])
      expect(files).toEqual([join(chosen, 'a.vtt'), join(chosen, 'sub', 'b.srt')])
      expect(problems).toEqual([])
      expect(skipped.map((s) => [s.file.slice(chosen.length + 1), s.reason.split(/[,:(]/)[0]])).toEqual([
        ['.DS_Store', 'A hidden file '],
        ['.git', 'A hidden folder '],
        ['link.txt', 'A link inside a chosen folder is not followed'],
        ['linked-folder', 'A link inside a chosen folder is not followed'],
        ['pipe', 'A named pipe '],
        ['socket', 'A socket']
      ])
    } finally {
      socket.close()
    }

    // A link the user names directly is their choice, and leads to one file only.
    const direct = await collectFiles([join(chosen, 'link.txt'), join(chosen, 'linked-folder'), join(chosen, 'missing.txt'), join(chosen, 'pipe')])
    expect(direct.files).toEqual([join(elsewhere, 'secret.txt')])
    expect(direct.problems.map((p) => p.error)).toEqual([
      'The link does not lead to a file.',
      'The file or folder does not exist.',
      'This is not a regular file: A named pipe (FIFO), not a file: reading it could wait forever.'
    ])
  })

  it('says so, and the CLI exits non-zero, when everything met was skipped', async () => {
    const chosen = await tempDir()
    await writeFile(join(chosen, '.hidden-notes.txt'), 'Q: Where?\nA: Here.\n')
    const empty = await tempDir()
    const archive = await tempDir()
    const r = await verbatim(['import', chosen, empty, '--archive', archive, '--json'])
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout) as { imported: unknown[]; skipped: { file: string; reason: string }[]; failed: unknown[] }
    expect(report.imported).toEqual([])
    expect(report.failed).toEqual([])
    expect(report.skipped).toEqual([
      { file: join(chosen, '.hidden-notes.txt'), reason: expect.stringMatching(/^A hidden file/) },
      { file: empty, reason: 'The folder holds no files to import.' }
    ])
    expect(r.stderr).toMatch(/nothing was imported: all 2 file\(s\) were skipped/)
  }, 60_000)
})
