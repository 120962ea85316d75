import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { collectFiles } from '../../src/core/service/collect-files'
import { tempDir } from '../support/temp'

it('an import reads only what the user chose: links and hidden files inside a folder are passed over', async () => {
  const chosen = await tempDir()
  const elsewhere = await tempDir()
  await writeFile(join(elsewhere, 'secret.txt'), 'not chosen')
  await mkdir(join(chosen, 'sub'))
  await writeFile(join(chosen, 'a.vtt'), 'WEBVTT\n')
  await writeFile(join(chosen, 'sub', 'b.srt'), '1\n')
  await writeFile(join(chosen, '.DS_Store'), 'x')
  await symlink(join(elsewhere, 'secret.txt'), join(chosen, 'link.txt'))
  await symlink(elsewhere, join(chosen, 'linked-folder'))

  const { files, problems } = await collectFiles([chosen])
  expect(files).toEqual([join(chosen, 'a.vtt'), join(chosen, 'sub', 'b.srt')])
  expect(problems).toEqual([])

  // A link the user names directly is their choice, and leads to one file only.
  const direct = await collectFiles([join(chosen, 'link.txt'), join(chosen, 'linked-folder'), join(chosen, 'missing.txt')])
  expect(direct.files).toEqual([join(elsewhere, 'secret.txt')])
  expect(direct.problems.map((p) => p.error)).toEqual(['The link does not lead to a file.', 'The file or folder does not exist.'])
})
