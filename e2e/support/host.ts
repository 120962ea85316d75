import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface ServedHost {
  url: string
  archive: string
  stop(): Promise<void>
}

export function tempArchive(): string {
  return join(mkdtempSync(join(tmpdir(), 'verbatim-e2e-')), 'archive')
}

/** Starts the real `verbatim serve` in a child process and reads the address it prints. */
export async function serve(archive: string): Promise<ServedHost> {
  const child: ChildProcess = spawn(process.execPath, ['bin/verbatim.mjs', 'serve', '--archive', archive, '--no-open'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, VERBATIM_ARCHIVE: archive }
  })
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`verbatim serve did not start:\n${output}`)), 30_000)
    const read = (chunk: Buffer): void => {
      output += chunk.toString()
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout?.on('data', read)
    child.stderr?.on('data', read)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`verbatim serve exited with ${code}:\n${output}`))
    })
  })
  return {
    url,
    archive,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      })
  }
}
