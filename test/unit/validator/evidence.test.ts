import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { findQuote } from '../../../client/validation/quote.ts'
import { markdownToDoc } from '../../../schema/validator/markdown.ts'
import { toDocNode, validateAgreement } from '../../../schema/validator/index.ts'
import { FIXTURES, section, validateMd } from './helpers.ts'

const CORPUS = fileURLToPath(new URL('../../fixtures/validator-corpus/', import.meta.url))

function drafts(): { name: string; doc: ReturnType<typeof toDocNode> }[] {
  const out: { name: string; doc: ReturnType<typeof toDocNode> }[] = []
  for (const dir of [CORPUS, FIXTURES]) {
    for (const file of readdirSync(dir).sort()) {
      if (file.endsWith('.md') && file !== 'README.md') out.push({ name: file, doc: markdownToDoc(readFileSync(dir + file, 'utf8')) })
      else if (file.endsWith('.json') && !file.startsWith('truth')) out.push({ name: file, doc: toDocNode(JSON.parse(readFileSync(dir + file, 'utf8'))) })
    }
  }
  return out
}

describe('evidence for every met criterion', () => {
  it('on every known draft, each met criterion quotes words that a click finds inside the node it names', () => {
    let checked = 0
    const failures: string[] = []
    const codes = new Set<string>()
    for (const { name, doc } of drafts()) {
      for (const lang of ['sv', 'en'] as const) {
        const report = validateAgreement(doc, { lang })
        for (const s of report.sections) {
          for (const c of s.checks ?? []) {
            if (c.verdict !== 'met') continue
            if (c.evidence.length === 0) failures.push(`${name} ${c.code}: met without evidence`)
            for (const ev of c.evidence) {
              const node = ev.top >= 0 ? doc.nodeAt(ev.top) : null
              const range = node && ev.quote.trim().length > 2 ? findQuote(doc, ev) : null
              // The words are selected where the report says they are, not in a look-alike elsewhere.
              if (!node || !range || range.from < ev.top || range.to > ev.top + node.nodeSize) failures.push(`${name} ${c.code} @${ev.top}: "${ev.quote}"`)
              checked++
            }
            codes.add(c.code)
          }
        }
      }
    }
    expect([...new Set(failures)]).toEqual([])
    // Every criterion is met somewhere in the drafts, so every one of them had its evidence looked at.
    expect(codes.size).toBe(41)
    expect(checked).toBeGreaterThan(1000)
  })

  const base = `# IOP Test

## Parter

Överenskommelsen ingås mellan Norrby kommun och Föreningen Gläntan.

## Avtalstid

Överenskommelsen gäller från 2026-01-01 till 2027-12-31.
`

  it('TE1 quotes the sentence the notice period was read from, in Swedish and in English', () => {
    const sv = section(
      validateMd(
        base +
          `
## Uppsägning och avveckling

Deltagare som har påbörjat en insats får slutföra den. Vardera parten kan säga upp överenskommelsen med sex månaders uppsägningstid. Kommunen bär kostnaderna för lokalerna under avvecklingen.
`,
      ),
      'termination',
    ).checks!.find((c) => c.code === 'TE1')!
    expect(sv.verdict).toBe('met')
    expect(sv.evidence.map((e) => e.quote)).toEqual(['Vardera parten kan säga upp överenskommelsen med sex månaders uppsägningstid.'])

    const en = section(
      validateMd(
        `# IOP Test

## Parties

This agreement is made between Lakeside Municipality and the Lakeside Chess Club.

## Termination

Participants who have started are offered a place elsewhere. Either party may terminate the agreement with 3 months' notice.
`,
        { lang: 'en' },
      ),
      'termination',
    ).checks!.find((c) => c.code === 'TE1')!
    expect(en.verdict).toBe('met')
    expect(en.evidence).toHaveLength(1)
    expect(en.evidence[0]!.quote).toBe('Either party may terminate the agreement with 3 months\u2019 notice.'.replace('\u2019', "'"))
  })

  it('TE1 without a notice period quotes nothing and is unmet', () => {
    const te1 = section(
      validateMd(
        base +
          `
## Uppsägning och avveckling

Parterna kan säga upp överenskommelsen. Deltagare som har påbörjat en insats får slutföra den.
`,
      ),
      'termination',
    ).checks!.find((c) => c.code === 'TE1')!
    expect(te1.verdict).toBe('unmet')
    expect(te1.evidence).toEqual([])
  })
})

describe('a cost split left for later in an activity’s own list item', () => {
  const draft = (ownership: string) => `# IOP Test

## Parter

Överenskommelsen ingås mellan Norrby kommun och Föreningen Gläntan.

## Verksamheter

- Läxhjälp – Föreningen Gläntan: två kvällar i veckan för elever i årskurs 7–9.
- Föräldracafé – Föreningen Gläntan och Norrby kommun tillsammans: en träff i månaden för föräldrar.

## Ägarskap och kostnadsansvar

${ownership}
`
  it('leaves OC1 unmet and names the activity, whatever the deferral says', () => {
    for (const deferral of ['Hur kostnaderna fördelas mellan parterna beslutas senare av styrgruppen.', 'Fördelningen av kostnaderna är ännu inte klar.']) {
      const oc = section(validateMd(draft(`- Läxhjälp: kostnaderna bokförs av Föreningen Gläntan.\n- Föräldracafé: drivs gemensamt. ${deferral}`)), 'ownership_and_costs')
      expect(oc.status, deferral).toBe('incomplete')
      expect(oc.criteria).toEqual(['OC1'])
      expect(oc.checks!.find((c) => c.code === 'OC1')!.params).toEqual({ activities: 'Föräldracafé' })
    }
  })

  it('a stated owner in the same item is met, with its words as evidence', () => {
    const oc = section(validateMd(draft('- Läxhjälp: kostnaderna bokförs av Föreningen Gläntan.\n- Föräldracafé: drivs gemensamt. Kostnaderna bokförs av Norrby kommun.')), 'ownership_and_costs')
    expect(oc.status).toBe('present')
    expect(oc.checks!.find((c) => c.code === 'OC1')!.evidence.map((e) => e.quote)).toContain('Kostnaderna bokförs av Norrby kommun.')
  })
})
