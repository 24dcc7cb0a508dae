import type { Node as PMNode } from 'prosemirror-model'
import type { Lang, SectionId } from '../../schema/index.ts'
import { locateSections, validateAgreement, type RegisteredParty, type ValidationReport } from '../../schema/validator/index.ts'
import type { FeedMessage } from './block-feed.ts'

/** What the editor asks the validator worker: the document as changed blocks, and how to judge it. */
export interface ValidateRequest {
  seq: number
  feed: FeedMessage
  lang: Lang
  parties: RegisteredParty[]
}

export type ValidateResponse = { seq: number; report: ValidationReport; positions: [SectionId, number][]; cost: number } | { seq: number; error: string }

export interface Outcome {
  report: ValidationReport
  /** Where each detected section starts, in the document that was validated. */
  positions: Map<SectionId, number>
  /** Time spent validating, in ms, in whichever thread ran it. */
  cost: number
}

/** One validator run, the same in the worker and in the main-thread fallback. */
export function validateDoc(doc: PMNode, lang: Lang, parties: readonly RegisteredParty[]): Outcome {
  const start = performance.now()
  const report = validateAgreement(doc, { lang, parties })
  const positions = locateSections(doc)
  return { report, positions, cost: performance.now() - start }
}
