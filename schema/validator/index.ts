import { Node as PMNode } from 'prosemirror-model'
import { nodeFromJSON } from '../schema.ts'
import { SECTIONS, type SectionId } from '../sections.ts'
import { flatten } from './blocks.ts'
import { resolveConstants, thresholdSekFor, type ValidatorConstants } from './constants.ts'
import { CRITERIA, hasOwnContent, partiesWithoutMandate } from './criteria.ts'
import { detectSections, isDetected, type Scopes } from './detect.ts'
import { extractFacts, type Facts } from './facts.ts'
import { MESSAGES, type Lang } from './messages.ts'
import { runWarnings } from './rules.ts'
import type { RegisteredParty } from './party-defs.ts'
import type { CriterionCheck, SectionResult, ValidationReport } from './types.ts'

export type { CriterionCheck, Evidence, MessageCode, MessageParams, SectionResult, SectionStatus, ValidationReport, Verdict, WarningResult } from './types.ts'
export { renderMessage } from './messages.ts'
export { DEFAULT_CONSTANTS, type ValidatorConstants } from './constants.ts'
export type { RegisteredParty } from './party-defs.ts'

export interface ValidateOptions {
  lang?: Lang
  /** The agreement's registered parties (Parter panel): they outrank names recognised in the text. */
  parties?: readonly RegisteredParty[]
  constants?: Partial<ValidatorConstants>
}

/**
 * Checks an agreement against SECTIONS.md: each of the 19 sections once, in taxonomy order, plus the
 * warning-level rules. Pure and synchronous; cheap to call on every edit because the per-node text
 * analysis is cached on the (immutable) ProseMirror nodes.
 */
export function validateAgreement(doc: PMNode | unknown, options: ValidateOptions = {}): ValidationReport {
  const lang: Lang = options.lang === 'en' ? 'en' : 'sv'
  const constants = resolveConstants(options.constants)
  const node = toDocNode(doc)
  const blocks = flatten(node)
  const scopes = detectSections(blocks)
  // EUR sums are converted at the rate implied by the latest threshold pair, so no exchange rate is configured.
  const latest = thresholdSekFor(constants, null)
  const sekPerEur = latest ? latest.sek / constants.euThresholdEur : 1
  const facts = extractFacts({ blocks, scopes, sekPerEur, registeredParties: options.parties })
  const ctx = { scopes, facts }

  const about = whatFailed(facts, scopes)
  const sections: SectionResult[] = SECTIONS.map((info) => {
    const scope = scopes[info.id]
    const checks: CriterionCheck[] = CRITERIA[info.id].map(([code, check]) => {
      const j = check(scope, ctx)
      return { code, verdict: j.verdict, evidence: j.evidence, ...(j.params ? { params: j.params } : {}) }
    })
    const failed = checks.filter((c) => c.verdict === 'unmet').map((c) => c.code)
    const unfilled = [...new Set(scope.unfilledParams.flatMap((u) => u.params))]
    if (failed.length === 0 && unfilled.length === 0)
      return { id: info.id, status: 'present', level: info.level, criteria: [], message: '', code: 'validator.section.present', params: { section: info.id }, checks }
    if (!isDetected(scope) && unfilled.length === 0) {
      const params = { section: info.id }
      return {
        id: info.id,
        status: 'missing',
        level: info.level,
        criteria: CRITERIA[info.id].map(([code]) => code),
        message: MESSAGES['validator.section.missing'](params, lang),
        code: 'validator.section.missing',
        params,
        checks: checks.map((c) => ({ ...c, verdict: 'unmet' as const, evidence: [] })),
      }
    }
    const placeholderOnly = failed.length > 0 && !hasOwnContent(scope)
    // Only the names behind this section's failed criteria travel with it, so the sentence can be rendered again anywhere.
    const names: Record<string, string[]> = {}
    for (const c of failed) if (about[c]?.length) names[c] = about[c]!
    const params = { section: info.id, criteria: failed, placeholderOnly, unfilled, about: names }
    return {
      id: info.id,
      status: 'incomplete',
      level: info.level,
      criteria: failed,
      message: MESSAGES['validator.section.incomplete'](params, lang),
      code: 'validator.section.incomplete',
      params,
      checks,
    }
  })
  return { sections, warnings: runWarnings(facts, constants, lang) }
}

/** The names behind failed criteria, so a message can say which activity, party or unit it means. */
function whatFailed(facts: Facts, scopes: Scopes): Partial<Record<string, string[]>> {
  const names = (list: readonly { name: string }[]) => list.map((p) => p.name)
  return {
    PM3: names(partiesWithoutMandate(scopes.parties_and_mandates, facts)),
    AC2: facts.activities.filter((a) => a.performers.length === 0).map((a) => a.label),
    OC1: facts.activities.filter((a) => a.cost === 'unmet').map((a) => a.label),
    OC2: facts.activities.flatMap((a) => (a.costOwnerNonParty ? [a.costOwnerNonParty] : [])),
    GV1: facts.steeringFound && !facts.steeringAllParties ? names(facts.parties.filter((p) => !facts.steeringMembers.has(p))) : [],
    GV4: facts.unitsMissingFromSteering,
    LG2: names(facts.parties.filter((p) => !facts.learningPerParty.has(p))),
    SG1: [...names(facts.parties.filter((p) => !facts.signatureParties.has(p))), ...facts.signatureNonParties],
  }
}

/** True when a required section is missing or incomplete (the CLI's exit code 1, the panel's red state). */
export function hasErrors(report: ValidationReport): boolean {
  return report.sections.some((s) => s.level === 'required' && s.status !== 'present')
}

/**
 * Where each detected section starts, as the document position of its top-level node: the heading,
 * section or clause that names it if any, else the first block whose content carries it.
 */
export function locateSections(doc: PMNode | unknown): Map<SectionId, number> {
  const scopes = detectSections(flatten(toDocNode(doc)))
  const out = new Map<SectionId, number>()
  for (const info of SECTIONS) {
    const top = scopes[info.id].headingTop ?? scopes[info.id].namedTop ?? scopes[info.id].firstTop
    if (top !== null) out.set(info.id, top)
  }
  return out
}

/** Accepts a Node of our schema, its JSON, or `{ content: <doc json> }` as served by the HTTP API. */
export function toDocNode(doc: PMNode | unknown): PMNode {
  if (doc instanceof PMNode) return doc
  if (doc && typeof doc === 'object') {
    const obj = doc as Record<string, unknown>
    // A Node from a second copy of prosemirror-model (a bundling accident) fails instanceof but reads the same.
    if (obj.type && typeof obj.type === 'object' && typeof obj.forEach === 'function' && typeof obj.nodeAt === 'function') return doc as PMNode
    if (obj.type !== 'doc' && obj.content && typeof obj.content === 'object' && !Array.isArray(obj.content)) return nodeFromJSON(obj.content)
    return nodeFromJSON(obj)
  }
  throw new TypeError('expected a ProseMirror document or its JSON')
}
