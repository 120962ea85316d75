import { homedir } from 'node:os'
import { join } from 'node:path'

/** The archive used when none is named: VERBATIM_ARCHIVE, else the platform's app-data folder. */
export function defaultArchiveDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.VERBATIM_ARCHIVE) return env.VERBATIM_ARCHIVE
  const home = homedir()
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Verbatim', 'archive')
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Verbatim', 'archive')
  return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'Verbatim', 'archive')
}
