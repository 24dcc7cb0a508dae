/**
 * Server resource readings from /proc, so the harness measures the server process itself and not
 * what the server says about itself. Linux only; every reading is of one PID.
 */
import { readdirSync, readFileSync } from 'node:fs'

/** USER_HZ: /proc/<pid>/stat counts CPU time in clock ticks, which is 100 on every Linux we run on. */
export const CLOCK_TICKS_PER_SECOND = 100

/** utime + stime of one process in seconds (children not included: the servers do not fork). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // The command name (field 2) may contain spaces and parentheses, so fields are counted from the
  // last ')' onwards: after it, field 3 (state) is index 0, so utime (14) is 11 and stime (15) is 12.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const utime = Number(rest[11])
  const stime = Number(rest[12])
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`unreadable /proc/${pid}/stat`)
  return (utime + stime) / CLOCK_TICKS_PER_SECOND
}

export interface MemoryReading {
  /** Resident set size now, bytes. */
  rss: number
  /** Peak resident set size since the process started (VmHWM), bytes. */
  hwm: number
}

export function memory(pid: number): MemoryReading {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return { rss: statusKb(status, 'VmRSS') * 1024, hwm: statusKb(status, 'VmHWM') * 1024 }
}

function statusKb(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)
  if (!match) throw new Error(`no ${field} in /proc status`)
  return Number(match[1])
}

/**
 * Samples a process's RSS on an interval, because VmHWM alone cannot tell the peak of one phase of a
 * run from the peak of the whole process lifetime.
 */
export class MemorySampler {
  private timer: NodeJS.Timeout | undefined
  peakRss = 0

  constructor(
    private readonly pid: number,
    private readonly intervalMs = 200,
  ) {}

  start(): void {
    this.sample()
    this.timer = setInterval(() => this.sample(), this.intervalMs)
    this.timer.unref()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
    this.sample()
  }

  private sample(): void {
    try {
      this.peakRss = Math.max(this.peakRss, memory(this.pid).rss)
    } catch {
      // The process may have exited between samples; the last good peak stands.
    }
  }
}

/**
 * CPU seconds all processes of the machine spent in user and system mode, from /proc/stat. The
 * machine is shared, so the harness reports how much of it other processes took during a run and a
 * noisy run can be told apart. Interrupt time is left out: loopback traffic of the run itself lands there.
 */
export function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!
  const [, user, nice, system] = line.trim().split(/\s+/).map(Number)
  return ((user ?? 0) + (nice ?? 0) + (system ?? 0)) / CLOCK_TICKS_PER_SECOND
}

/** A process and every live descendant (PostgreSQL runs one backend process per connection). */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    let stat: string
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
    } catch {
      continue
    }
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
    const list = children.get(ppid) ?? []
    list.push(Number(entry))
    children.set(ppid, list)
  }
  const tree: number[] = []
  const queue = [root]
  while (queue.length > 0) {
    const pid = queue.shift()!
    tree.push(pid)
    queue.push(...(children.get(pid) ?? []))
  }
  return tree
}
