import { builtinLibrary, type ClauseLibrary } from '../../clause-library/index.ts'

/**
 * The clauses the editor offers and compares against. The built-in library ships in the bundle, so
 * inserting and deviation badges work offline; it is the same code and data the server validates with.
 */
export function editorLibrary(): ClauseLibrary {
  return builtinLibrary()
}
