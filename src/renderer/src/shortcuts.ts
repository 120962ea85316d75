import type { MenuCommand } from '../../shared/api/envelope'

export interface Shortcut {
  /** As shown to the user; "Mod" is Ctrl, or ⌘ on a Mac. */
  keys: string
  label: string
  command?: MenuCommand
  /** Does this keyboard event trigger it? */
  matches: (e: KeyboardEvent) => boolean
}

const mod = (e: KeyboardEvent): boolean => e.ctrlKey || e.metaKey

/** Every shortcut, once: the key handler and the Help panel both read this list. */
export const shortcuts: Shortcut[] = [
  { keys: 'Mod+I', label: 'Import files', command: 'import', matches: (e) => mod(e) && !e.shiftKey && e.key.toLowerCase() === 'i' },
  { keys: 'Mod+Z', label: 'Undo', command: 'undo', matches: (e) => mod(e) && !e.shiftKey && e.key.toLowerCase() === 'z' },
  { keys: 'Mod+Shift+Z', label: 'Redo', command: 'redo', matches: (e) => mod(e) && e.shiftKey && e.key.toLowerCase() === 'z' },
  { keys: 'Mod+F', label: 'Search the archive', command: 'find', matches: (e) => mod(e) && e.key.toLowerCase() === 'f' },
  { keys: 'Mod+/', label: 'Keyboard shortcuts', command: 'shortcuts', matches: (e) => mod(e) && e.key === '/' },
  { keys: 'Alt+1 … Alt+6', label: 'Interviews, Sources, Tags, Quotes, Claims, Drafts', matches: () => false },
  { keys: 'Esc', label: 'Close a panel or dialog', matches: () => false },
  // The transcript: the view handles these keys itself (they carry no menu command).
  { keys: 'Q', label: 'Quote the selected words (transcript)', matches: (e) => !mod(e) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'q' },
  { keys: '↑ / ↓', label: 'Previous or next segment (transcript); in the tag field, the previous or next suggestion', matches: (e) => !mod(e) && (e.key === 'ArrowUp' || e.key === 'ArrowDown') },
  { keys: 'Home / End', label: 'First or last segment (transcript)', matches: (e) => !mod(e) && (e.key === 'Home' || e.key === 'End') },
  { keys: 'S', label: 'Rename the focused segment’s speaker, or say which person they are (or click the name)', matches: (e) => !mod(e) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 's' },
  { keys: 'S / C / X', label: 'Find evidence: link the focused proposal as supports, contradicts or context (↑ / ↓ move, Esc closes)', matches: () => false },
  { keys: 'E', label: 'Correct the focused segment (or double-click its words)', matches: (e) => !mod(e) && !e.altKey && e.key.toLowerCase() === 'e' },
  { keys: 'Enter', label: 'Save a correction; on a segment, show its quotes; in the tag field, add the tag (a new name creates it)', matches: (e) => !mod(e) && e.key === 'Enter' },
  { keys: 'Shift+Enter', label: 'New line in a correction', matches: (e) => !mod(e) && e.shiftKey && e.key === 'Enter' },
  { keys: 'Backspace', label: 'In an empty tag field: remove the quote’s last tag', matches: () => false },
  { keys: 'Mod+Enter', label: 'Save the quote', matches: (e) => mod(e) && e.key === 'Enter' }
]

export const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform)
export const showKeys = (keys: string): string => keys.replace(/Mod/g, isMac ? '⌘' : 'Ctrl')

/** Text fields keep their own undo, redo and find. */
export function isEditable(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))
}
