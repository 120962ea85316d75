// Reading what the user dropped or picked: files and whole folders, as bytes for the import API.

export interface PickedFile {
  /** The path within what was dropped (folder/file.txt), for the report. */
  label: string
  /** The file to send; null for what is passed over. */
  file: File | null
  /** Why it is passed over, for the report: nothing dropped is skipped in silence. */
  skip?: string
}

const HIDDEN_FILE = 'A hidden file (its name starts with a dot), such as system or editor clutter: passed over.'
const HIDDEN_FOLDER = 'A hidden folder (its name starts with a dot): passed over with everything in it.'

/** Walks dropped items, folders included; hidden files and folders (.DS_Store, .git) are passed over and listed. */
export async function filesFromDrop(items: DataTransferItemList): Promise<PickedFile[]> {
  // A drop's items are readable only while the event runs: take every entry before awaiting.
  const taken = [...items]
    .filter((i) => i.kind === 'file')
    .map((i) => ({ entry: i.webkitGetAsEntry(), file: i.getAsFile() }))
  const out: PickedFile[] = []
  for (const { entry, file } of taken) {
    if (entry) await walk(entry, out)
    // A drop the browser made itself (not from the file manager) has files but no entries.
    else if (file) out.push(file.name.startsWith('.') ? { label: file.name, file: null, skip: HIDDEN_FILE } : { label: file.name, file })
  }
  return out
}

async function walk(entry: FileSystemEntry, out: PickedFile[]): Promise<void> {
  if (entry.name.startsWith('.')) {
    out.push({ label: entry.fullPath.replace(/^\//, ''), file: null, skip: entry.isDirectory ? HIDDEN_FOLDER : HIDDEN_FILE })
    return
  }
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject))
    out.push({ label: entry.fullPath.replace(/^\//, ''), file })
    return
  }
  if (entry.isDirectory) {
    const reader = (entry as FileSystemDirectoryEntry).createReader()
    // readEntries hands out a folder's entries in batches until it returns none.
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject))
      if (batch.length === 0) break
      for (const child of batch.sort((a, b) => a.name.localeCompare(b.name))) await walk(child, out)
    }
  }
}

export function filesFromInput(list: FileList | null): PickedFile[] {
  return [...(list ?? [])].map((file) => {
    const label = file.webkitRelativePath || file.name
    // A folder picked whole brings its hidden files along; a file picked by name is the user's choice.
    return file.webkitRelativePath !== '' && label.split('/').some((part) => part.startsWith('.')) ? { label, file: null, skip: HIDDEN_FILE } : { label, file }
  })
}

export async function toBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  const chunk = 0x8000
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk))
  return btoa(binary)
}
