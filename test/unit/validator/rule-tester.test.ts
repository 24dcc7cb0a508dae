import { describe, expect, it } from 'vitest'
import type { SectionId } from '../../../schema/sections.ts'
import { RULE_EXAMPLES } from '../../../schema/validator/rule-examples.ts'
import { fixture, section, validateMd, withSections } from './helpers.ts'

/**
 * One rule-tester for the pass/fail examples of every rule, in both languages: each example replaces
 * one section of a complete draft of its language, and only that criterion's verdict is asserted.
 */
const BASES = {
  sv: {
    md: fixture('sv-complete-informal.md'),
    headings: {
      parties_and_mandates: 'Vilka är vi?',
      societal_challenge: 'Varför behövs partnerskapet?',
      purpose_and_goals: 'Vad vill vi åstadkomma?',
      governance: 'Hur vi styr och träffas',
      target_group_involvement: 'Barnens röst',
      learning_goals: 'Det här vill vi lära oss',
      follow_up_evaluation: 'Hur vet vi att det fungerar?',
      risk_and_crunch_questions: 'Vad kan gå fel?',
      renegotiation: 'Översyn',
      duration: 'Hur länge gäller överenskommelsen?',
      termination: 'Om vi vill sluta',
      legal_basis: 'Varför IOP?',
      dispute_resolution: 'Om vi inte är överens',
      personal_data: 'Personuppgifter och sekretess',
    } as Partial<Record<SectionId, string>>,
  },
  en: {
    md: fixture('en-clean-charity.md'),
    headings: {
      parties_and_mandates: '1. Between whom',
      societal_challenge: '2. The problem we are tackling',
      purpose_and_goals: '3. Aims',
      governance: '6. How the partnership is run',
      target_group_involvement: '9. Voice of the participants',
      learning_goals: '7. What we want to learn',
      follow_up_evaluation: '8. Monitoring',
      risk_and_crunch_questions: '10. Risks',
      renegotiation: '11. Review',
      duration: '12. Duration',
      termination: '13. Ending the partnership',
      legal_basis: '14. Legal basis',
      dispute_resolution: '15. Disagreements',
      personal_data: '16. Data protection',
    } as Partial<Record<SectionId, string>>,
  },
}

describe('rule-tester: SECTIONS.md examples in both languages', () => {
  for (const lang of ['sv', 'en'] as const) {
    it(`the ${lang} base draft is complete`, () => {
      expect(
        validateMd(BASES[lang].md, { lang })
          .sections.filter((s) => s.status !== 'present')
          .map((s) => s.id),
      ).toEqual([])
    })
  }
  for (const ex of RULE_EXAMPLES) {
    for (const lang of ['sv', 'en'] as const) {
      for (const kind of ['pass', 'fail'] as const) {
        it(`${ex.code} ${lang} ${kind}`, () => {
          const heading = BASES[lang].headings[ex.in ?? ex.section]
          if (!heading) throw new Error(`no ${lang} heading for ${ex.in ?? ex.section}`)
          const report = validateMd(withSections(BASES[lang].md, { [heading]: ex[lang][kind] }), { lang })
          const verdict = section(report, ex.section).checks!.find((c) => c.code === ex.code)!.verdict
          expect(verdict).toBe(kind === 'pass' ? 'met' : 'unmet')
        })
      }
    }
  }
})
