import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * The one queue every write goes through: saves, checkpoints, snapshots, restores and the repair
 * of a damaged transcript found on reading. Jobs run one at a time, in the order they were asked
 * for. A job may need a write step of its own (a save reading a transcript that turns out damaged
 * repairs it): a call made from inside the running job runs at once instead of waiting for the
 * job to end, which would never happen. "Inside" is the job's own async context, so a reader that
 * happens to run meanwhile still waits its turn.
 */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve()
  /** Each job runs with a token of its own, switched off when it ends: work it left running (a timer) is outside again. */
  private readonly context = new AsyncLocalStorage<{ running: boolean }>()

  /** True when called from the job that is running. */
  get inside(): boolean {
    return this.context.getStore()?.running === true
  }

  /** Runs `job` after every job asked for before it; at once when called from inside the running job. */
  run<T>(job: () => Promise<T>): Promise<T> {
    return this.inside ? job() : this.later(job)
  }

  /** Runs `job` after every job asked for before it, also when asked from inside one (it then waits for that one to end). */
  later<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(async () => {
      const token = { running: true }
      try {
        return await this.context.run(token, job)
      } finally {
        token.running = false
      }
    })
    this.tail = result.catch(() => undefined)
    return result
  }

  /** Resolves once every job asked for so far has ended. */
  async idle(): Promise<void> {
    for (let seen: Promise<unknown> | undefined; seen !== this.tail; ) {
      seen = this.tail
      await seen
    }
  }
}
