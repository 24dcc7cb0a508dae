/**
 * CPU time of a call, best of `runs`, in milliseconds. Complexity tests compare the time of a small
 * and a four times larger input; wall-clock time on a shared machine counts other processes' turns,
 * CPU time of this process does not (tests run in forked workers, one process each).
 */
export function bestCpuMs(f: () => unknown, runs = 3): number {
  let best = Number.POSITIVE_INFINITY
  for (let i = 0; i < runs; i++) {
    const started = process.cpuUsage()
    f()
    const used = process.cpuUsage(started)
    best = Math.min(best, (used.user + used.system) / 1000)
  }
  return best
}
