import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { createLibrary, type ClauseLibrary } from './library.ts'
import { validateClauses, type ClauseSource } from './validate.ts'

/**
 * Loads every `*.json` below `dir` (Node only; the browser uses builtin.ts). File names in errors are
 * relative to `dir`, which is what a person fixing the file recognises.
 */
export function loadClauseDir(dir: string): ClauseLibrary {
  const sources: ClauseSource[] = listJson(dir).map((path) => ({
    file: relative(dir, path),
    json: readFileSync(path, 'utf8'),
  }))
  return createLibrary(validateClauses(sources))
}

function listJson(dir: string): string[] {
  // Sorted so that "defined twice" errors name the same file on every machine.
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => join(e.parentPath, e.name))
    .sort()
}
