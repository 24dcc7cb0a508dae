import { describe, expect, it } from 'vitest'
import { validateAgreement } from '../../../schema/validator/index.ts'

/**
 * The validator runs on the server (GET …/validation) and in every collaborator's browser, on text any
 * drafter can type or paste. Each pattern here once took tens of seconds for a few hundred KB (sums in
 * one sentence, thousands of organisation names); they must stay roughly linear.
 */
const doc = (section: string, text: string) => ({
  type: 'doc',
  content: [
    { type: 'title', content: [{ type: 'text', text: 'T' }] },
    {
      type: 'section',
      attrs: { kind: section, uid: 's1' },
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Rubrik' }] },
        { type: 'paragraph', content: [{ type: 'text', text }] },
      ],
    },
  ],
})
const fill = (unit: string, length = 200_000) => unit.repeat(Math.ceil(length / unit.length))
let distinctNames = ''
for (let i = 0; distinctNames.length < 200_000; i++) distinctNames += `Föreningen X${i.toString(36).replace(/[0-9]/g, (c) => 'abcdefghij'[Number(c)]!)} Y, `

describe('the validator on adversarial text', () => {
  const cases: [string, string, string][] = [
    ['sums in one sentence', 'budget_and_resources', fill('1 000 000 kr ')],
    ['euro sums in one sentence', 'budget_and_resources', fill('100 000 euro ')],
    ['SEK amounts with commas', 'budget_and_resources', fill('SEK 1,000,000 ')],
    ['repeated organisation names', 'parties_and_mandates', fill('Föreningen Ab Cd, Exempelby kommun och Region Norr ')],
    ['thousands of distinct organisation names', 'parties_and_mandates', distinctNames],
    ['names with org.nr', 'parties_and_mandates', fill('Föreningen X (org.nr 802')],
    ['whitespace', 'financing', 'a' + ' '.repeat(200_000) + '\n' + ' \t'.repeat(50_000) + 'b'],
    ['dots and colons', 'financing', fill('. : ')],
    ['amounts restated in words', 'budget_and_resources', fill('640 000 (sexhundrafyrtiotusen ')],
    ['counts restated in digits', 'termination', fill('nine (9) nine (9 months notice ')],
    ['lists of months', 'meeting_cadence', fill('i mars, juni, september och december, ')],
    ['one long word in governance', 'governance', 'a'.repeat(200_000) + 'grupp'],
    ['compound bodies', 'governance', fill('planeringsgruppgruppgrupp ')],
    ['one long word in risks', 'risk_and_crunch_questions', 'om ' + 'budgetram'.repeat(22_000) + ' kan innebära'],
    ['modal consequences', 'risk_and_crunch_questions', fill('a) kan innebära att kan leda till ')],
    ['invitations', 'target_group_involvement', fill('bjuds hushåll in till ett samtal ')],
    ['half-years and quarters', 'renegotiation', fill('översyn av avtalet första halvåret första kvartalet 20 ')],
  ]
  for (const [name, section, text] of cases) {
    it(`${name} (${Math.round(text.length / 1000)} K characters)`, () => {
      const started = performance.now()
      const report = validateAgreement(doc(section, text))
      expect(report.sections).toHaveLength(19)
      expect(performance.now() - started).toBeLessThan(5_000)
    })
  }
})
