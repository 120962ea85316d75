// The clipboard, and the notice that says whether copying worked.
import { useNotices } from './stores/notices'

/** The clipboard API, or where a window refuses it, the older copy command on a hidden field. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    const field = document.createElement('textarea')
    field.value = text
    field.setAttribute('readonly', '')
    field.style.position = 'fixed'
    field.style.opacity = '0'
    document.body.append(field)
    field.select()
    try {
      return document.execCommand('copy')
    } catch {
      return false
    } finally {
      field.remove()
    }
  }
}

/** Copies and says so: "Copied 0:05." or why it could not. */
export async function copyAndSay(text: string, what: string): Promise<boolean> {
  const ok = await copyText(text)
  if (ok) useNotices().push('info', `Copied ${what}.`)
  else useNotices().push('error', `Could not copy ${what}: this window may not use the clipboard.`)
  return ok
}
