// The Electron window's security settings and checks, kept free of Electron's runtime so a test
// can assert them on the very objects the app uses.
import type { BrowserWindowConstructorOptions } from 'electron'

export function windowOptions(preload: string, platform: NodeJS.Platform = process.platform): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 860,
    minHeight: 560,
    show: false,
    title: 'Verbatim',
    backgroundColor: '#1d2025',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // Only where the operating system checks spelling on the machine (see configureSpellcheck).
      spellcheck: platform === 'darwin',
      navigateOnDragDrop: false,
      safeDialogs: true
    }
  }
}

/** The renderer's own address: the built index.html, or the dev server while developing. */
export function isAppUrl(url: string, appUrl: string): boolean {
  try {
    const target = new URL(url)
    const app = new URL(appUrl)
    if (app.protocol === 'file:') return target.protocol === 'file:' && target.pathname === app.pathname
    return target.origin === app.origin
  } catch {
    return false
  }
}

/** Only web links leave the app, and only to the user's browser. */
export function isExternalLink(url: string): boolean {
  try {
    const { protocol } = new URL(url)
    return protocol === 'https:' || protocol === 'http:'
  } catch {
    return false
  }
}

/**
 * The address the window loads: the built index.html, or electron-vite's dev server while
 * developing. The dev server's address comes from the environment (ELECTRON_RENDERER_URL), so
 * it is honoured only in a development build that is not packaged, and only on loopback: in the
 * shipped app an environment variable must never decide what code the window runs.
 */
export function chooseRendererUrl(options: { devServerUrl: string | undefined; isDevBuild: boolean; isPackaged: boolean; builtIndex: string }): string {
  const { devServerUrl, isDevBuild, isPackaged, builtIndex } = options
  if (!devServerUrl || !isDevBuild || isPackaged) return builtIndex
  try {
    const url = new URL(devServerUrl)
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)
    return (url.protocol === 'http:' || url.protocol === 'https:') && loopback ? url.href : builtIndex
  } catch {
    return builtIndex
  }
}

/**
 * Where Chromium would fetch spelling dictionaries from. On Windows and Linux it downloads them
 * from Google's servers the first time a field is checked, which would tell a third party that
 * the app runs and in which language its user writes. Pointed at a closed port on this machine,
 * nothing ever leaves it; the spellchecker is off there as well (macOS uses its own, locally).
 */
export const NO_DICTIONARY_DOWNLOADS = 'http://127.0.0.1:9/verbatim-downloads-no-dictionaries/'

export interface SpellcheckSession {
  setSpellCheckerDictionaryDownloadURL(url: string): void
  setSpellCheckerEnabled(enable: boolean): void
}

export function configureSpellcheck(session: SpellcheckSession, platform: NodeJS.Platform = process.platform): void {
  session.setSpellCheckerDictionaryDownloadURL(NO_DICTIONARY_DOWNLOADS)
  if (platform !== 'darwin') session.setSpellCheckerEnabled(false)
}
