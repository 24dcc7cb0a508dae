import { describe, expect, it } from 'vitest'
import type { SectionId } from '../../../schema/sections.ts'
import { fixture, gaps, validateMd } from './helpers.ts'

/**
 * Whole drafts written as continuous prose without a single heading (one paragraph per topic, as some
 * writing groups do): every section must be found by its content alone. The drafts use their own
 * wording, not the validator's lists: "Our shared aim is", "Neither party can … alone", "Two things could
 * go wrong", "elect two representatives who sit in the working group", "Om vi blir oense".
 */
const FOUND_BY_CONTENT: SectionId[] = [
  'societal_challenge',
  'purpose_and_goals',
  'activities',
  'follow_up_evaluation',
  'target_group_involvement',
  'risk_and_crunch_questions',
  'renegotiation',
  'duration',
  'termination',
  'legal_basis',
  'dispute_resolution',
  'personal_data',
]

describe('drafts in prose without headings', () => {
  it('en: every section is found and complete', () => {
    expect(gaps(validateMd(fixture('en-prose-no-headings.md'), { lang: 'en' }))).toEqual({})
  })

  it('sv: no section is missing, and those found by their content alone are complete', () => {
    const report = validateMd(fixture('sv-prose-no-headings.md'))
    expect(report.sections.filter((s) => s.status === 'missing').map((s) => s.id)).toEqual([])
    expect(report.sections.filter((s) => FOUND_BY_CONTENT.includes(s.id) && s.status !== 'present').map((s) => `${s.id} ${s.criteria.join(',')}`)).toEqual([])
  })
})
