import type { ClauseLibrary } from './library.ts'
import { PACKAGE_FORMAT, PACKAGE_FORMAT_VERSION, packageChecksum, type TemplatePackage } from './package-format.ts'
import type { ClauseRecord } from './record.ts'
import { resolveTemplateItems, type Template } from './template.ts'

/**
 * Packs a template with the exact clause versions it uses. Versions are pinned in the exported
 * template, so the receiver builds the same text even if its library later gets newer versions.
 * Throws TemplateClauseMissingError when the template refers to a clause the library lacks.
 */
export function exportTemplatePackage(template: Template, library: ClauseLibrary): TemplatePackage {
  const resolved = resolveTemplateItems(template, library)
  const pinned: Template = {
    ...template,
    items: template.items.map((item, i) => ({ ...item, version: resolved[i]!.version })),
  }
  const unique = new Map<string, ClauseRecord>()
  for (const c of resolved) unique.set(`${c.id}@${c.version}`, c)
  const clauses = [...unique.values()].sort((a, b) => (a.id === b.id ? a.version - b.version : a.id < b.id ? -1 : 1))
  return {
    format: PACKAGE_FORMAT,
    formatVersion: PACKAGE_FORMAT_VERSION,
    template: pinned,
    clauses,
    checksum: packageChecksum(pinned, clauses),
  }
}
