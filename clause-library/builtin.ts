import { BUILTIN_CLAUSE_FILES } from './builtin-files.ts'
import { createLibrary, type ClauseLibrary } from './library.ts'
import { validateClauses } from './validate.ts'

let cached: ClauseLibrary | undefined

/**
 * The starter library shipped with Överens, validated on first use with the same rules as the
 * directory loader. Lazy so that importing the module costs nothing until a clause is needed, and a
 * broken file fails where it is used with a ClauseLoadError rather than at import time.
 */
export function builtinLibrary(): ClauseLibrary {
  cached ??= createLibrary(validateClauses(BUILTIN_CLAUSE_FILES))
  return cached
}
