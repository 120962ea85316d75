/**
 * The one queue every write goes through: saves, checkpoints, snapshots, restores and the repair
 * of a damaged transcript found on reading. Jobs run one at a time, in the order they were asked
 * for. (A job that itself needs a write step, such as a save reading a transcript that turns out
 * damaged, does it within its own turn: see `ArchiveStore.transcript`.)
 */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve()

  /** Runs `job` after every job asked for before it. */
  later<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job)
    this.tail = result.catch(() => undefined)
    return result
  }
}
