import type { ApiErrorBody } from '../errors'
import type { ArchiveChange } from './contract'

/** What every door returns for every call: IPC loses an Error's fields, so errors travel as data. */
export type Envelope<T = unknown> = { ok: true; result: T } | { ok: false; error: ApiErrorBody }

/** The one IPC channel and the one HTTP path prefix: both doors carry any method by name. */
export const IPC_CHANNEL = 'verbatim:call'
export const HTTP_API_PREFIX = '/api/'

/**
 * The one channel for what the archive pushes to open windows (an {@link ArchiveChange} per
 * save): an IPC channel from Electron main, a server-sent event stream on the browser host. The
 * stream's path is outside the API prefix: it is a GET that stays open, not a call.
 */
export const EVENT_CHANNEL = 'verbatim:event'
export const HTTP_EVENTS_PATH = '/events'

/** What the preload bridge exposes to the renderer as `window.verbatim`. */
export interface Bridge {
  call(method: string, input: unknown): Promise<Envelope>
  /** Called with every change the archive pushes; the desktop bridge only (the browser uses the event stream). */
  onEvent?(listener: (change: ArchiveChange) => void): void
}

/** Commands the native menu sends to the renderer (the browser host shows the same in its toolbar). */
export const MENU_CHANNEL = 'verbatim:menu'
export const menuCommands = ['import', 'restore-backup', 'shortcuts', 'undo', 'redo', 'find', 'toggle-theme'] as const
export type MenuCommand = (typeof menuCommands)[number]

/** The extra a desktop window has: the archive's changes, and the native menu's commands. */
export interface DesktopBridge extends Bridge {
  onEvent(listener: (change: ArchiveChange) => void): void
  onMenu(listener: (command: MenuCommand) => void): void
}
