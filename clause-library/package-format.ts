import { canonicalJson } from '../schema/canonical-json.ts'
import type { ClauseRecord } from './record.ts'
import { sha256Hex } from './sha256.ts'
import type { Template } from './template.ts'

/**
 * The exchange format for templates between municipalities: the template plus every clause it uses,
 * so that a receiving library needs nothing else. The checksum detects damage and hand edits; it is
 * not a signature, so an imported clause is never trusted as approved by default.
 */
export const PACKAGE_FORMAT = 'overens-template'
export const PACKAGE_FORMAT_VERSION = 1

export interface TemplatePackage {
  format: typeof PACKAGE_FORMAT
  formatVersion: typeof PACKAGE_FORMAT_VERSION
  template: Template
  clauses: ClauseRecord[]
  /** sha-256 hex over the canonical JSON of `{ template, clauses }`. */
  checksum: string
}

export function packageChecksum(template: unknown, clauses: unknown): string {
  return sha256Hex(canonicalJson({ template, clauses }))
}

/** What makes two clause records the same clause: wording, parameters, section and version. */
export function clauseContent(clause: ClauseRecord): unknown {
  return { sectionId: clause.sectionId, version: clause.version, parameters: clause.parameters, text: clause.text }
}

export const sameContent = (a: ClauseRecord, b: ClauseRecord): boolean => canonicalJson(clauseContent(a)) === canonicalJson(clauseContent(b))
