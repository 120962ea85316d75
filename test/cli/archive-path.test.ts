import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkArchivePath } from '../../src/core/archive/path-check'
import { verbatim } from '../support/cli'
import { tempDir } from '../support/temp'

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/)
const list = async (dir: string) => (await readdir(dir)).sort()

/** A folder of someone's documents: not an archive, not empty. */
async function documents(): Promise<string> {
  const dir = await tempDir('verbatim-docs-')
  await writeFile(join(dir, 'letter.docx'), 'not an archive')
  await mkdir(join(dir, 'photos'))
  return dir
}

/** A folder the CLI must never create an archive in: /proc/1 on Linux, /dev elsewhere. */
const SYSTEM_FOLDER = existsSync('/proc/1') ? '/proc/1' : '/dev'

describe('the archive path is the user’s word', () => {
  it('refuses an empty --archive and writes nothing in the current folder', async () => {
    const cwd = await tempDir()
    for (const args of [['interviews', '--archive', ''], ['call', 'tags.create', '{"name":"x"}', '--archive', ''], ['import', 'x.txt', '--archive', '  ']]) {
      const r = await verbatim(args, {}, { cwd })
      expect(r.code, args.join(' ')).toBe(1)
      expect(r.stderr).toContain('No archive folder was named')
      noStack(r.stderr)
    }
    expect(await list(cwd)).toEqual([])
  })

  it(`refuses ${SYSTEM_FOLDER} at once, for reading and for writing (no hang, nothing made)`, async () => {
    const read = await verbatim(['interviews', '--archive', SYSTEM_FOLDER], {}, { timeout: 20_000 })
    expect(read.timedOut).toBeUndefined()
    expect(read.code).toBe(1)
    expect(read.stderr).toContain(`There is no Verbatim archive in ${SYSTEM_FOLDER}`)
    const write = await verbatim(['call', 'tags.create', '{"name":"x"}', '--archive', SYSTEM_FOLDER], {}, { timeout: 20_000 })
    expect(write.timedOut).toBeUndefined()
    expect(write.code).toBe(1)
    expect(write.stderr).toContain('is not a Verbatim archive and is not empty')
    expect(existsSync(join(SYSTEM_FOLDER, 'archive.json'))).toBe(false)
  })

  it('a reading command on a mistyped path says so and creates nothing', async () => {
    const parent = await tempDir()
    const typo = join(parent, 'archvie')
    for (const verb of [['interviews', '--json'], ['search', 'CSTO', '--json'], ['quotes', '--json'], ['transcript', 'x', '--json'], ['restore', '--json'], ['call', 'tags.list', '{}']]) {
      const r = await verbatim([...verb, '--archive', typo])
      expect(r.code, verb[0]).toBe(1)
      expect(r.stdout).toBe('')
      expect(r.stderr).toContain(`There is no Verbatim archive in ${typo}`)
      expect(r.stderr).toContain('--create')
    }
    expect(await list(parent)).toEqual([])
  })

  it('a reading command on a documents folder leaves it as it was', async () => {
    const docs = await documents()
    for (const verb of [['interviews'], ['search', 'CSTO']]) {
      const r = await verbatim([...verb, '--archive', docs])
      expect(r.code).toBe(1)
      expect(r.stderr).toContain('There is no Verbatim archive')
    }
    expect(await list(docs)).toEqual(['letter.docx', 'photos'])
  })

  it('never creates an archive inside a folder that holds other things, even when asked to', async () => {
    const docs = await documents()
    for (const args of [['interviews', '--create'], ['call', 'tags.create', '{"name":"x"}'], ['backup']]) {
      const r = await verbatim([...args, '--archive', docs])
      expect(r.code, args.join(' ')).toBe(1)
      expect(r.stderr).toContain('is not a Verbatim archive and is not empty')
      expect(r.stderr).toContain('“letter.docx”')
      noStack(r.stderr)
    }
    expect(await list(docs)).toEqual(['letter.docx', 'photos'])
  })

  it('creates one when asked: --create on a reading command, or a writing command, in a new or empty folder', async () => {
    const parent = await tempDir()
    const fresh = join(parent, 'new-archive')
    const r = await verbatim(['interviews', '--archive', fresh, '--create', '--json'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual([])
    expect(existsSync(join(fresh, 'archive.json'))).toBe(true)

    const empty = await tempDir()
    await writeFile(join(empty, '.DS_Store'), '')
    const w = await verbatim(['call', 'tags.create', '{"name":"CSTO"}', '--archive', empty])
    expect(w.code).toBe(0)
    expect(JSON.parse((await verbatim(['call', 'tags.list', '{}', '--archive', empty])).stdout)).toMatchObject([{ name: 'CSTO' }])
  })

  it('does not make missing parent folders for a typed path', async () => {
    const parent = await tempDir()
    const r = await verbatim(['call', 'tags.create', '{"name":"x"}', '--archive', join(parent, 'Documnts', 'archive')])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`The folder ${join(parent, 'Documnts')} does not exist`)
    expect(await list(parent)).toEqual([])
  })

  it('refuses a file, and an archive.json that is not a file (a FIFO would block a read forever)', async () => {
    const dir = await tempDir()
    const file = join(dir, 'notes.txt')
    await writeFile(file, 'hello')
    const r = await verbatim(['interviews', '--archive', file])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('is a file: a Verbatim archive is a folder')

    const fifoArchive = join(dir, 'fifo')
    await mkdir(fifoArchive)
    execFileSync('mkfifo', [join(fifoArchive, 'archive.json')])
    const f = await verbatim(['interviews', '--archive', fifoArchive], {}, { timeout: 20_000 })
    expect(f.timedOut).toBeUndefined()
    expect(f.code).toBe(1)
    expect(f.stderr).toContain('is not a regular file')
  })

  it('releases the lock whenever a writing command fails', async () => {
    const archive = await tempDir()
    expect((await verbatim(['call', 'tags.create', '{"name":"CSTO"}', '--archive', archive])).code).toBe(0)
    const failures = [
      ['call', 'tags.create', '{"name":"CSTO"}'], // a conflict inside the save
      ['call', 'tags.delete', '{"id":"missing"}'],
      ['restore', 'no-such-backup'],
      ['import', join(archive, 'does-not-exist.txt')]
    ]
    for (const args of failures) {
      const r = await verbatim([...args, '--archive', archive])
      expect(r.code, args.join(' ')).not.toBe(0)
      expect(await list(archive), args.join(' ')).not.toContain('.verbatim.lock')
    }
    // An archive that cannot be opened (damaged, no backup to restore): refused, lock let go.
    const damaged = await tempDir()
    await writeFile(join(damaged, 'archive.json'), '{ not json')
    const r = await verbatim(['call', 'tags.create', '{"name":"x"}', '--archive', damaged])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('cannot be opened')
    expect(await list(damaged)).not.toContain('.verbatim.lock')
    expect(await readFile(join(damaged, 'archive.json'), 'utf8')).toBe('{ not json')
    // And a second writer can take it at once: nothing was left held.
    expect((await verbatim(['call', 'tags.create', '{"name":"Khabar"}', '--archive', archive])).code).toBe(0)
  })
})

describe('checkArchivePath (the core check the CLI, the app and the store share)', () => {
  it('tells an archive, a new place and an empty folder apart, and refuses the rest', async () => {
    const dir = await tempDir()
    await expect(checkArchivePath('')).rejects.toMatchObject({ code: 'invalid-input' })
    await expect(checkArchivePath(join(dir, 'new'))).rejects.toMatchObject({ code: 'not-found' })
    await expect(checkArchivePath(join(dir, 'new'), { create: true })).resolves.toBe('missing')
    await expect(checkArchivePath(dir, { create: true })).resolves.toBe('empty')
    await expect(checkArchivePath(dir)).rejects.toMatchObject({ code: 'not-found' })
    // What a crash while creating leaves is an archive for the store to finish or recover.
    await mkdir(join(dir, 'interviews'))
    await expect(checkArchivePath(dir)).resolves.toBe('archive')
    const withLockOnly = await tempDir()
    await writeFile(join(withLockOnly, '.verbatim.lock'), '{}')
    await expect(checkArchivePath(withLockOnly, { create: true })).resolves.toBe('empty')
    await expect(checkArchivePath(join(dir, 'a', 'b'), { create: true })).rejects.toMatchObject({ code: 'not-found' })
    await expect(checkArchivePath(join(dir, 'a', 'b'), { create: true, createParents: true })).resolves.toBe('missing')
  })
})
