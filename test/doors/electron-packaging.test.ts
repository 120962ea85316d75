import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { NO_DICTIONARY_DOWNLOADS, chooseRendererUrl, configureSpellcheck, windowOptions } from '../../src/main/security'

const root = new URL('../../', import.meta.url)
const readJson = async (file: string) => JSON.parse(await readFile(new URL(file, root), 'utf8')) as Record<string, unknown>

describe('the packaged app (electron-builder.json)', () => {
  // Packaging needs Electron's binary and each platform's tools, absent here: the configuration is
  // what is checked. electron-builder flips these fuses in the binary it ships.
  it('sets every Electron fuse the app relies on', async () => {
    const config = await readJson('electron-builder.json')
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true
    })
    // Integrity validation and loading only from the archive mean nothing without an asar.
    expect(config.asar).toBe(true)
  })

  it('is the configuration `npm run package` uses', async () => {
    const pkg = (await readJson('package.json')) as { scripts: Record<string, string> }
    expect(pkg.scripts.package).toMatch(/electron-builder@\d+\.\d+\.\d+ --config electron-builder\.json/)
  })
})

describe('the desktop window', () => {
  const built = 'file:///app/out/renderer/index.html'

  it('loads the dev server only in a development build that is not packaged, and only on loopback', () => {
    const dev = 'http://localhost:5173/'
    expect(chooseRendererUrl({ devServerUrl: dev, isDevBuild: true, isPackaged: false, builtIndex: built })).toBe(dev)
    expect(chooseRendererUrl({ devServerUrl: dev, isDevBuild: false, isPackaged: false, builtIndex: built })).toBe(built)
    expect(chooseRendererUrl({ devServerUrl: dev, isDevBuild: true, isPackaged: true, builtIndex: built })).toBe(built)
    expect(chooseRendererUrl({ devServerUrl: 'https://evil.example/', isDevBuild: true, isPackaged: false, builtIndex: built })).toBe(built)
    expect(chooseRendererUrl({ devServerUrl: 'file:///tmp/evil.html', isDevBuild: true, isPackaged: false, builtIndex: built })).toBe(built)
    expect(chooseRendererUrl({ devServerUrl: 'not a url', isDevBuild: true, isPackaged: false, builtIndex: built })).toBe(built)
    expect(chooseRendererUrl({ devServerUrl: undefined, isDevBuild: true, isPackaged: false, builtIndex: built })).toBe(built)
  })

  it('never fetches spelling dictionaries from the network', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const calls: string[] = []
      configureSpellcheck(
        {
          setSpellCheckerDictionaryDownloadURL: (url) => calls.push(`url ${url}`),
          setSpellCheckerEnabled: (on) => calls.push(`enabled ${on}`)
        },
        platform
      )
      expect(calls[0]).toBe(`url ${NO_DICTIONARY_DOWNLOADS}`)
      expect(new URL(NO_DICTIONARY_DOWNLOADS).hostname).toBe('127.0.0.1')
      // Windows and Linux download hunspell dictionaries: checking is off there; macOS checks locally.
      expect(calls.includes('enabled false')).toBe(platform !== 'darwin')
      expect(windowOptions('/p.cjs', platform).webPreferences?.spellcheck).toBe(platform === 'darwin')
    }
  })
})
