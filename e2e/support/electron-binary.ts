import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** The Electron executable if its binary was downloaded, else null (the package alone is not enough). */
export function electronBinary(): string | null {
  try {
    const require = createRequire(import.meta.url)
    const pkg = dirname(require.resolve('electron/package.json'))
    const pathFile = join(pkg, 'path.txt')
    if (!existsSync(pathFile)) return null
    const exe = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim())
    return existsSync(exe) ? exe : null
  } catch {
    return null
  }
}
