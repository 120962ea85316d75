import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { BrowserWindow, Menu, app, dialog, ipcMain, session, shell } from 'electron'
import { defaultArchiveDir } from '../core/archive/default-location'
import { openSession, type Session } from '../core/session'
import { checkArchivePath } from '../core/archive/path-check'
import { forwardChanges, registerApiDoor } from './ipc'
import { buildMenu } from './menu'
import { chooseRendererUrl, configureSpellcheck, isAppUrl, isExternalLink, windowOptions } from './security'

const here = fileURLToPath(new URL('.', import.meta.url))
const rendererUrl = chooseRendererUrl({
  devServerUrl: process.env.ELECTRON_RENDERER_URL,
  isDevBuild: import.meta.env.DEV,
  isPackaged: app.isPackaged,
  builtIndex: pathToFileURL(join(here, '../renderer/index.html')).href
})
let mainWindow: BrowserWindow | null = null

function archiveFromArgs(): { dir: string; named: boolean } {
  const at = process.argv.indexOf('--archive')
  // `--archive` with nothing after it names no folder: refused by the path check, never the current folder.
  return at > 0 ? { dir: process.argv[at + 1] ?? '', named: true } : { dir: defaultArchiveDir(), named: false }
}

async function openArchive(): Promise<Session> {
  const { dir, named } = archiveFromArgs()
  // The app creates its archive (the demo, on first start) but only in a new or empty folder.
  await checkArchivePath(dir, { create: true, createParents: !named })
  const seedFile = join(app.getAppPath(), 'resources', 'demo', 'demo-archive.json')
  try {
    return await openSession(dir, { mode: 'write', app: 'the Verbatim app', seedFile, eagerSearch: true, create: true })
  } catch (e) {
    if (!['locked', 'read-only'].includes((e as { code?: string }).code ?? '')) throw e
    // Someone else writes to it: show it, change nothing.
    dialog.showErrorBox('Archive in use', `${(e as Error).message}\n\nVerbatim will open it read-only.`)
    return openSession(dir, { mode: 'read' })
  }
}

function harden(): void {
  configureSpellcheck(session.defaultSession)
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(({ url }) => {
      // A link the user clicked opens in their browser; nothing opens inside the app.
      if (isExternalLink(url)) void shell.openExternal(url)
      return { action: 'deny' }
    })
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url, rendererUrl)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
  })
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  await app.whenReady()
  harden()
  let archive: Session
  try {
    archive = await openArchive()
  } catch (e) {
    dialog.showErrorBox('Verbatim cannot open the archive', (e as Error).message)
    app.quit()
    return
  }
  // Opening had to repair the archive: say what was restored and what may be missing, once.
  const repaired = archive.store.openReport.message
  if (repaired) void dialog.showMessageBox({ type: 'warning', title: 'Verbatim repaired the archive', message: repaired })
  registerApiDoor(ipcMain, archive.call, (event) => isAppUrl(event.senderFrame?.url ?? '', rendererUrl))
  forwardChanges(archive.subscribe, () => BrowserWindow.getAllWindows())
  Menu.setApplicationMenu(buildMenu(() => mainWindow))

  mainWindow = new BrowserWindow(windowOptions(join(here, '../preload/index.cjs')))
  mainWindow.once('ready-to-show', () => mainWindow?.show())
  mainWindow.on('closed', () => (mainWindow = null))
  await mainWindow.loadURL(rendererUrl)

  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore()
    mainWindow?.focus()
  })
  app.on('window-all-closed', () => app.quit())
  let closing = false
  app.on('before-quit', (event) => {
    // Let pending saves finish and the lock go before the process ends.
    if (closing) return
    closing = true
    event.preventDefault()
    void archive.close().finally(() => app.quit())
  })
}

void start()
