import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { markdownToDoc } from '../../../schema/validator/markdown.ts'
import { validateAgreement, type ValidateOptions } from '../../../schema/validator/index.ts'
import type { ValidationReport } from '../../../schema/validator/types.ts'
import type { SectionId } from '../../../schema/sections.ts'

export const FIXTURES = fileURLToPath(new URL('../../fixtures/validator/', import.meta.url))

export function fixture(name: string): string {
  return readFileSync(FIXTURES + name, 'utf8')
}

/** Replaces the body under `## heading` (up to the next level-2 heading) with `body`. */
export function replaceSection(md: string, heading: string, body: string): string {
  const start = md.indexOf(`\n## ${heading}\n`)
  if (start < 0) throw new Error(`no heading "${heading}" in fixture`)
  const bodyStart = start + heading.length + 5
  const next = md.indexOf('\n## ', bodyStart)
  return md.slice(0, bodyStart) + '\n' + body.trim() + '\n' + (next < 0 ? '' : md.slice(next))
}

export function withSections(md: string, replacements: Record<string, string>): string {
  let out = md
  for (const [heading, body] of Object.entries(replacements)) out = replaceSection(out, heading, body)
  return out
}

export function validateMd(md: string, options?: ValidateOptions): ValidationReport {
  return validateAgreement(markdownToDoc(md), options)
}

export function section(report: ValidationReport, id: SectionId) {
  const found = report.sections.find((s) => s.id === id)
  if (!found) throw new Error(`no result for ${id}`)
  return found
}

export function rules(report: ValidationReport): string[] {
  return report.warnings.map((w) => w.rule).sort()
}

/** Compact form for whole-document assertions: only the sections that are not present. */
export function gaps(report: ValidationReport): Record<string, string> {
  const out: Record<string, string> = {}
  for (const s of report.sections) if (s.status !== 'present') out[s.id] = `${s.status} ${s.criteria.join(',')}`
  return out
}
