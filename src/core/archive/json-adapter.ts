import type { Adapter } from 'lowdb'
import { writeFileDurably } from './durable-write'
import type { ArchiveFs } from './fs'

/**
 * lowdb adapter for one archive file: reads raw JSON (the caller validates it) and writes through
 * the durable path. Pretty-printed because the archive is meant to be read by people too.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  constructor(
    private readonly fs: ArchiveFs,
    readonly file: string
  ) {}

  async read(): Promise<T | null> {
    let text: string
    try {
      text = await this.fs.readFile(this.file, 'utf8')
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw e
    }
    return JSON.parse(text) as T
  }

  async write(data: T): Promise<void> {
    await writeFileDurably(this.fs, this.file, `${JSON.stringify(data, null, 2)}\n`)
  }
}
