/**
 * Thrown when a clause file cannot be used. It names the file and the field, because the person who
 * reads it is editing a JSON file by hand and needs to know where to look.
 */
export class ClauseLoadError extends Error {
  override readonly name = 'ClauseLoadError'
  constructor(
    readonly file: string,
    /** Path of the failing field inside the file, e.g. `parameters.2.type`; empty for the whole file. */
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${file}${path ? ` (${path})` : ''}: ${detail}`)
  }
}
