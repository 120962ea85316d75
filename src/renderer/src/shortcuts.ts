import type { MenuCommand } from '../../shared/api/envelope'

export interface Shortcut {
  /** As shown to the user; "Mod" is Ctrl, or ⌘ on a Mac. */
  keys: string
  label: string
  /** Where the key works, for the shortcuts panel's groups. */
  where: 'Everywhere' | 'Lists' | 'Transcript' | 'Quote and tag fields' | 'Claims' | 'Dialogs'
  command?: MenuCommand
  /** Does this keyboard event trigger it? */
  matches: (e: KeyboardEvent) => boolean
}

const mod = (e: KeyboardEvent): boolean => e.ctrlKey || e.metaKey
const never = (): boolean => false

/**
 * Every key the app answers, once: the global key handler and the shortcuts panel both read this
 * list. Keys that a view handles itself carry no command; they are listed so the panel is complete.
 */
export const shortcuts: Shortcut[] = [
  { keys: 'Mod+I', label: 'Import files', where: 'Everywhere', command: 'import', matches: (e) => mod(e) && !e.shiftKey && e.key.toLowerCase() === 'i' },
  { keys: 'Mod+Z', label: 'Undo (edits, quotes, deletes)', where: 'Everywhere', command: 'undo', matches: (e) => mod(e) && !e.shiftKey && e.key.toLowerCase() === 'z' },
  { keys: 'Mod+Shift+Z', label: 'Redo', where: 'Everywhere', command: 'redo', matches: (e) => mod(e) && e.shiftKey && e.key.toLowerCase() === 'z' },
  { keys: 'Mod+F', label: 'Search the archive', where: 'Everywhere', command: 'find', matches: (e) => mod(e) && e.key.toLowerCase() === 'f' },
  { keys: 'Mod+/', label: 'Keyboard shortcuts', where: 'Everywhere', command: 'shortcuts', matches: (e) => mod(e) && e.key === '/' },
  { keys: 'Alt+1 … Alt+6', label: 'Interviews, Sources, Tags, Quotes, Claims, Drafts', where: 'Everywhere', matches: never },
  { keys: '↑ / ↓, Enter', label: 'In the search results: the previous or next result, and go to it', where: 'Everywhere', matches: never },
  { keys: 'Tab / Shift+Tab', label: 'The next or previous control; a row of a list', where: 'Lists', matches: never },
  { keys: 'Enter', label: 'On an interview: open it, with the keyboard on its first segment', where: 'Lists', matches: never },
  { keys: 'Delete', label: 'On an interview: delete it (asks first; undo brings it back)', where: 'Lists', matches: never },
  // The transcript: the view handles these keys itself (they carry no menu command).
  { keys: 'Q', label: 'Quote the selected words, or with nothing selected the whole focused segment', where: 'Transcript', matches: (e) => !mod(e) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'q' },
  { keys: 'Shift+← / Shift+→', label: 'Select the focused segment’s words one word at a time', where: 'Transcript', matches: (e) => e.shiftKey && !mod(e) && (e.key === 'ArrowLeft' || e.key === 'ArrowRight') },
  { keys: '↑ / ↓', label: 'Previous or next segment', where: 'Transcript', matches: (e) => !mod(e) && (e.key === 'ArrowUp' || e.key === 'ArrowDown') },
  { keys: 'Home / End', label: 'First or last segment', where: 'Transcript', matches: (e) => !mod(e) && (e.key === 'Home' || e.key === 'End') },
  { keys: 'S', label: 'Rename the focused segment’s speaker, or say which person they are (or click the name)', where: 'Transcript', matches: (e) => !mod(e) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 's' },
  { keys: 'E', label: 'Correct the focused segment (or double-click its words)', where: 'Transcript', matches: (e) => !mod(e) && !e.altKey && e.key.toLowerCase() === 'e' },
  { keys: 'Enter', label: 'On a segment with quotes: open their card (edit tags and note, copy with attribution, delete)', where: 'Transcript', matches: never },
  { keys: 'Enter', label: 'In a correction: save it', where: 'Transcript', matches: never },
  { keys: 'Shift+Enter', label: 'In a correction: a new line', where: 'Transcript', matches: (e) => !mod(e) && e.shiftKey && e.key === 'Enter' },
  { keys: 'Enter', label: 'In the tag field: add the highlighted tag (the best match first; “Create…” makes a new one)', where: 'Quote and tag fields', matches: never },
  { keys: '↑ / ↓', label: 'In the tag field: the previous or next suggestion', where: 'Quote and tag fields', matches: never },
  { keys: 'Backspace', label: 'In an empty tag field: remove the last tag', where: 'Quote and tag fields', matches: never },
  { keys: 'Mod+Enter', label: 'Save the quote, or a quote’s tags and note', where: 'Quote and tag fields', matches: (e) => mod(e) && e.key === 'Enter' },
  { keys: 'S / C / X', label: 'Find evidence: link the focused proposal as supports, contradicts or context (↑ / ↓ move, Esc closes)', where: 'Claims', matches: never },
  { keys: 'Esc', label: 'Close a dialog, a card or a menu, or cancel an edit; the keyboard goes back where it was', where: 'Dialogs', matches: never },
  { keys: 'Enter', label: 'In a confirmation: do it (Esc cancels)', where: 'Dialogs', matches: never }
]

export const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform)
export const showKeys = (keys: string): string => keys.replace(/Mod/g, isMac ? '⌘' : 'Ctrl')

/** Text fields keep their own undo, redo and find. */
export function isEditable(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))
}
