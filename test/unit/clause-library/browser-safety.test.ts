import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const entry = fileURLToPath(new URL('../../../clause-library/index.ts', import.meta.url))

/** Every specifier reachable from a module through relative imports, read from the source text. */
function reachableImports(file: string, seen = new Set<string>(), specifiers = new Set<string>()): Set<string> {
  if (seen.has(file)) return specifiers
  seen.add(file)
  if (!file.endsWith('.ts')) return specifiers
  const source = readFileSync(file, 'utf8')
  for (const m of source.matchAll(/^(?:import|export)[^'"]*from\s+'([^']+)'/gm)) {
    const spec = m[1]!
    specifiers.add(spec)
    if (spec.startsWith('.')) reachableImports(resolve(dirname(file), spec), seen, specifiers)
  }
  return specifiers
}

describe('the browser entry of the clause library', () => {
  it('reaches no Node built-in and not the directory loader', () => {
    const specs = [...reachableImports(entry)]
    expect(specs.length).toBeGreaterThan(10)
    expect(specs.filter((s) => s.startsWith('node:') || ['fs', 'path', 'crypto'].includes(s))).toEqual([])
    expect(specs.filter((s) => s.includes('load-dir'))).toEqual([])
    expect(specs.some((s) => s.endsWith('.json'))).toBe(true)
  })
})
