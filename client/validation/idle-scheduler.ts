/**
 * Runs a task once edits have paused, so work that looks at the whole document (the validator, the
 * deviation check) never runs inside a keystroke. `maxWait` bounds the delay: in a busy writing group
 * someone is always typing, and the panel must still catch up now and then.
 */
export interface IdleScheduler {
  /** Another change happened: (re)start the quiet period. */
  schedule(): void
  /** Run now if a run is pending (e.g. the language changed and the labels must follow at once). */
  flush(): void
  cancel(): void
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
  now(): number
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
}

export interface IdleSchedulerOptions {
  delay?: number
  maxWait?: number
  /**
   * While true a due run waits another `delay`. The editor passes "a mouse button is down": a
   * transaction dispatched in the middle of a drag resets the selection being drawn.
   */
  blocked?: () => boolean
  timers?: Timers
}

export function idleScheduler(task: () => void, { delay = 250, maxWait = 1500, blocked = () => false, timers = realTimers }: IdleSchedulerOptions = {}): IdleScheduler {
  let handle: unknown = null
  let firstPending: number | null = null

  const run = (): void => {
    if (handle !== null) timers.clearTimeout(handle)
    handle = null
    firstPending = null
    task()
  }
  const due = (): void => {
    if (blocked()) handle = timers.setTimeout(due, delay)
    else run()
  }

  return {
    schedule() {
      const now = timers.now()
      firstPending ??= now
      if (handle !== null) timers.clearTimeout(handle)
      const wait = Math.max(0, Math.min(delay, firstPending + maxWait - now))
      handle = timers.setTimeout(due, wait)
    },
    flush() {
      if (handle !== null) run()
    },
    cancel() {
      if (handle !== null) timers.clearTimeout(handle)
      handle = null
      firstPending = null
    },
  }
}
