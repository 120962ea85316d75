// Saving text the app made (the fact-check sheet) as a file: a Blob behind a temporary link with
// `download`. No navigation and no network: the CSP needs nothing more than it allows already.

export function downloadText(text: string, fileName: string, type = 'text/markdown;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.hidden = true
  document.body.append(link)
  try {
    link.click()
  } finally {
    link.remove()
    // The browser reads the Blob after the click returns: let go of it once it surely has.
    setTimeout(() => URL.revokeObjectURL(url), 30_000)
  }
}
