import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const BIN = fileURLToPath(new URL('../../bin/verbatim.mjs', import.meta.url))

export interface CliResult {
  code: number
  stdout: string
  stderr: string
  /** Killed by the timeout given (a hang). */
  timedOut?: boolean
}

/** Runs the real `verbatim` command line in a child process. */
export function verbatim(args: string[], env: NodeJS.ProcessEnv = {}, options: { cwd?: string; timeout?: number } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024, ...options }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr, ...(error?.killed ? { timedOut: true } : {}) })
    })
  })
}
