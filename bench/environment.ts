/** The facts a reader needs to judge or reproduce a run: machine, runtime, package versions, commit. */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cpus, loadavg, release } from 'node:os'
import { join } from 'node:path'
import { repoRoot } from './servers.ts'

export interface RunEnvironment {
  date: string
  cpuModel: string
  nproc: number
  memTotal: string
  kernel: string
  node: string
  commit: string
  packages: Record<string, string>
  /** 1/5/15-minute load averages when the run started: on a shared machine, the first sign of noise. */
  loadAverage: string
}

const PACKAGES = ['yjs', 'y-websocket', 'y-protocols', 'lib0', 'ws', '@y/websocket-server', 'express', 'better-sqlite3', 'tsx']

function packageVersion(name: string): string {
  try {
    const json = JSON.parse(readFileSync(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string }
    return json.version ?? '?'
  } catch {
    return 'not installed'
  }
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', timeout: 5_000 }).trim()
  } catch {
    return '?'
  }
}

export function describeEnvironment(): RunEnvironment {
  const meminfo = readFileSync('/proc/meminfo', 'utf8')
  const memKb = Number(/^MemTotal:\s+(\d+)/m.exec(meminfo)?.[1] ?? NaN)
  const dirty = git(['status', '--porcelain', '--', 'server', 'bench']) !== ''
  return {
    date: new Date().toISOString(),
    cpuModel: cpus()[0]?.model ?? '?',
    nproc: Number(execFileSync('nproc', { encoding: 'utf8' }).trim()),
    memTotal: `${(memKb / 1024 / 1024).toFixed(1)} GiB`,
    kernel: release(),
    node: process.version,
    commit: `${git(['rev-parse', '--short', 'HEAD'])}${dirty ? ' (server/ or bench/ modified)' : ''}`,
    packages: Object.fromEntries(PACKAGES.map((name) => [name, packageVersion(name)])),
    loadAverage: loadavg()
      .map((l) => l.toFixed(2))
      .join(' / '),
  }
}
