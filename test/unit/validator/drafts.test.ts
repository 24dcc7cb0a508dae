import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { SECTION_IDS } from '../../../schema/sections.ts'
import { hasErrors, locateSections, validateAgreement } from '../../../schema/validator/index.ts'
import { markdownToDoc } from '../../../schema/validator/markdown.ts'
import { fixture, gaps, rules, validateMd } from './helpers.ts'

/**
 * Whole drafts, each asserted completely: every section's status and failed criteria (sections not
 * listed in `gaps` must be present) and the exact list of warnings.
 */
interface Expected {
  file: string
  lang: 'sv' | 'en'
  gaps: Record<string, string>
  warnings: string[]
}

const DRAFTS: Expected[] = [
  {
    // Informal question headings, activities and ownership in one table, governance and meetings merged.
    file: 'sv-complete-informal.md',
    lang: 'sv',
    gaps: {},
    warnings: [],
  },
  {
    // Numbered, "we"-style headings, three parties, activities in prose, cost ownership in one sentence,
    // review and duration under one heading.
    file: 'sv-clean-unusual-headings.md',
    lang: 'sv',
    gaps: {},
    warnings: [],
  },
  {
    file: 'en-complete-merged.md',
    lang: 'en',
    gaps: {},
    warnings: [],
  },
  {
    // A registered charity whose name carries no legal form, referred to later as "the food bank";
    // numbered plain-English headings ("Between whom", "Who does what, and who pays").
    file: 'en-clean-charity.md',
    lang: 'en',
    gaps: {},
    warnings: [],
  },
  {
    file: 'sv-gaps.md',
    lang: 'sv',
    gaps: {
      parties_and_mandates: 'incomplete PM3',
      societal_challenge: 'incomplete SC1,SC2',
      purpose_and_goals: 'incomplete PG2',
      ownership_and_costs: 'incomplete OC1',
      budget_and_resources: 'incomplete BR1,BR2',
      governance: 'incomplete GV1,GV2',
      meeting_cadence: 'missing MC1',
      learning_goals: 'incomplete LG1,LG2',
      follow_up_evaluation: 'incomplete FU2,FU3',
      target_group_involvement: 'missing TG1,TG2',
      risk_and_crunch_questions: 'missing RK1,RK2,RK3',
      renegotiation: 'incomplete RN1',
      duration: 'incomplete DU2',
      termination: 'incomplete TE2,TE3',
      legal_basis: 'incomplete LB1,LB2,LB3',
      dispute_resolution: 'missing DR1',
      personal_data: 'missing PD1',
      signatures: 'incomplete SG1',
    },
    warnings: ['long_duration_without_review', 'non_party_contributor', 'per_unit_pricing', 'short_notice_heavy_commitments', 'value_unknown'],
  },
  {
    // Section nodes with kind attrs under meaningless headings ("Del A"), clause nodes with filled
    // parameters and one unfilled "{plan_weeks}"; district committees place young people but are not in
    // the steering group; a daily rate per place for 40 places.
    file: 'sv-sections-clauses-gothenburg.json',
    lang: 'sv',
    gaps: {
      budget_and_resources: 'incomplete BR1',
      governance: 'incomplete GV4',
      target_group_involvement: 'missing TG1,TG2',
      risk_and_crunch_questions: 'missing RK1,RK2,RK3',
      termination: 'incomplete ',
      dispute_resolution: 'missing DR1',
      personal_data: 'missing PD1',
    },
    warnings: ['date_consistency', 'non_party_contributor', 'per_unit_pricing', 'threshold_check'],
  },
  {
    // The editor's GET /api/agreements/:id answer: { …, content: <doc json> }.
    file: 'en-gaps-api-response.json',
    lang: 'en',
    gaps: {
      parties_and_mandates: 'incomplete PM3',
      budget_and_resources: 'incomplete BR2',
      learning_goals: 'incomplete LG1',
      target_group_involvement: 'incomplete TG1,TG2',
      risk_and_crunch_questions: 'incomplete RK2',
      legal_basis: 'incomplete LB3',
      personal_data: 'incomplete PD1',
      signatures: 'incomplete SG1',
    },
    warnings: ['date_consistency'],
  },
]

function load(file: string, lang: 'sv' | 'en') {
  const text = fixture(file)
  return file.endsWith('.md') ? validateMd(text, { lang }) : validateAgreement(JSON.parse(text), { lang })
}

describe('whole drafts', () => {
  for (const d of DRAFTS) {
    it(`${d.file}: every section and every warning as expected`, () => {
      const report = load(d.file, d.lang)
      expect(report.sections.map((s) => s.id)).toEqual([...SECTION_IDS])
      expect(gaps(report)).toEqual(d.gaps)
      expect(rules(report)).toEqual(d.warnings)
      for (const s of report.sections) {
        expect(s.message === '').toBe(s.status === 'present')
        if (s.status === 'present') expect(s.criteria).toEqual([])
      }
    })
  }

  it('clean drafts with unusual headings get no false flag, in either language', () => {
    for (const file of ['sv-complete-informal.md', 'sv-clean-unusual-headings.md', 'en-complete-merged.md', 'en-clean-charity.md']) {
      for (const lang of ['sv', 'en'] as const) {
        const report = load(file, lang)
        expect(hasErrors(report)).toBe(false)
        expect(report.warnings).toEqual([])
        expect(report.sections.filter((s) => s.status !== 'present' && s.level === 'required')).toEqual([])
      }
    }
  })

  it('finds every section by content alone when an imported document has no headings at all', () => {
    for (const [file, lang] of [
      ['sv-complete-informal.md', 'sv'],
      ['sv-clean-unusual-headings.md', 'sv'],
      ['en-complete-merged.md', 'en'],
      ['en-clean-charity.md', 'en'],
    ] as const) {
      const flat = fixture(file)
        .split('\n')
        .filter((line) => !line.startsWith('## '))
        .join('\n')
      const report = validateMd(flat, { lang })
      expect([file, gaps(report), rules(report)]).toEqual([file, {}, []])
    }
  })

  it('without headings a draft with gaps keeps every gap (missing or incomplete, never present)', () => {
    const headed = validateMd(fixture('sv-gaps.md'))
    const flat = validateMd(
      fixture('sv-gaps.md')
        .split('\n')
        .filter((line) => !line.startsWith('## '))
        .join('\n'),
    )
    expect(Object.keys(gaps(flat)).sort()).toEqual(Object.keys(gaps(headed)).sort())
    expect(rules(flat)).toEqual(rules(headed))
  })

  it('writes messages in the requested language', () => {
    const sv = load('sv-gaps.md', 'sv')
    const en = load('sv-gaps.md', 'en')
    expect(sv.sections.find((s) => s.id === 'learning_goals')!.message).toBe(
      'Avsnittet ”Lärandemål” är ofullständigt: minst ett gemensamt lärandemål saknas; varje part behöver ett eget lärandemål där parten namnges – gäller Föreningen Gemenskap.',
    )
    expect(en.sections.find((s) => s.id === 'learning_goals')!.message).toBe(
      'The section “Learning goals” is incomplete: at least one shared learning goal is missing; each party needs its own learning goal, with the party named – concerns Föreningen Gemenskap.',
    )
    expect(en.sections.find((s) => s.id === 'personal_data')!.message).toMatch(/^The section “Personal data and confidentiality” is missing/)
    expect(sv.sections.find((s) => s.id === 'ownership_and_costs')!.message).toContain('– gäller Gemensamma utflykter som kommunen och föreningen.')
    expect(sv.warnings.find((w) => w.rule === 'non_party_contributor')!.message).toBe('Svenska kyrkan i Söderby bidrar eller sitter i styrgruppen men är inte part och skriver inte under.')
  })

  it('hasErrors is about required sections only', () => {
    expect(hasErrors(load('sv-gaps.md', 'sv'))).toBe(true)
    const md = fixture('sv-complete-informal.md').replace(/## Barnens röst[\s\S]*?(?=\n## )/, '')
    const report = validateMd(md)
    expect(report.sections.find((s) => s.id === 'target_group_involvement')!.status).toBe('missing')
    expect(hasErrors(report)).toBe(false)
  })

  it('locates sections at the heading that names them, or at their content', () => {
    const doc = markdownToDoc(fixture('sv-complete-informal.md'))
    const located = locateSections(doc)
    const at = (id: Parameters<typeof located.get>[0]) => doc.nodeAt(located.get(id)!)!
    expect(at('learning_goals').textContent).toBe('Det här vill vi lära oss')
    expect(at('ownership_and_costs').type.name).toBe('table')
    // The heading "Hur vi styr och träffas" names the meetings as well as the steering.
    expect(at('meeting_cadence').textContent).toBe('Hur vi styr och träffas')
    expect(located.size).toBe(19)
  })

  it('locates a section at its heading, not at an earlier table whose header names a column after it', () => {
    // "| Part | Insats | Period | Anmärkning |" in the budget names the period column; "12. Avtalstid" is the section.
    const doc = markdownToDoc(readFileSync(new URL('../../fixtures/import/dev_04_vasterlunda_aldres_ensamhet.md', import.meta.url), 'utf8'))
    expect(doc.nodeAt(locateSections(doc).get('duration')!)!.textContent).toBe('12. Avtalstid')
  })
})
