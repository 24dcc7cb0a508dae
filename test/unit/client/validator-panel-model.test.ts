import { describe, expect, it } from 'vitest'
import { newAgreementDoc } from '../../../schema/index.ts'
import { validateAgreement, type ValidationReport } from '../../../schema/validator/index.ts'
import { buildPanelModel, incompleteSections, itemMessage, sectionBadges, type CriterionAck } from '../../../client/validation/panel-model.ts'
import type { SectionId } from '../../../schema/sections.ts'

const report = (sections: Partial<ValidationReport['sections'][number]>[], warnings: ValidationReport['warnings'] = []): ValidationReport => ({
  sections: sections.map((s) => ({ id: 'duration', status: 'present', level: 'required', criteria: [], message: '', ...s })),
  warnings,
})

describe('buildPanelModel', () => {
  it('puts required gaps under errors, recommended gaps and warning rules under warnings, the rest under done', () => {
    const model = buildPanelModel(
      report(
        [
          { id: 'duration', status: 'missing', level: 'required', message: 'Avtalstid saknas.' },
          { id: 'termination', status: 'incomplete', level: 'required', message: 'Uppsägning ofullständig.' },
          { id: 'meeting_cadence', status: 'missing', level: 'recommended', message: 'Möten saknas.' },
          { id: 'signatures', status: 'present', level: 'required' },
          { id: 'personal_data', status: 'present', level: 'recommended' },
        ],
        [{ rule: 'threshold_check', message: 'Beloppet överstiger tröskelvärdet.' }],
      ),
    )
    expect(model.errors.map((i) => [i.id, i.status])).toEqual([
      ['duration', 'missing'],
      ['termination', 'incomplete'],
    ])
    expect(model.warnings.map((i) => (i.kind === 'section' ? i.id : i.rule))).toEqual(['meeting_cadence', 'threshold_check'])
    expect(model.done.map((i) => i.id)).toEqual(['signatures', 'personal_data'])
    expect(model.errors[0]!.message).toBe('Avtalstid saknas.')
  })

  it('on a fresh skeleton every section is a flag with a message, and only found sections get inline markers', () => {
    let n = 0
    const doc = newAgreementDoc({ title: 'T', lang: 'sv', skeleton: true, makeUid: () => `u${n++}` })
    const r = validateAgreement(doc, { lang: 'sv' })
    const model = buildPanelModel(r)
    expect(model.errors.length + model.warnings.filter((w) => w.kind === 'section').length).toBe(19)
    expect(model.done).toEqual([])
    for (const item of [...model.errors, ...model.warnings]) expect(item.message.length).toBeGreaterThan(10)
    expect(incompleteSections(r)).toHaveLength(19)
    const empty = validateAgreement(newAgreementDoc({ title: 'T', lang: 'sv', skeleton: false, makeUid: () => 'x' }), { lang: 'en' })
    expect(incompleteSections(empty)).toEqual([])
    expect(buildPanelModel(empty).errors.every((e) => e.status === 'missing')).toBe(true)
  })
})

describe('marks that count', () => {
  const checks = [
    { code: 'TE1', verdict: 'unmet' as const, evidence: [] },
    { code: 'TE2', verdict: 'unmet' as const, evidence: [] },
    { code: 'TE3', verdict: 'met' as const, evidence: [{ quote: 'Kommunen bär kostnaderna.', top: 4 }] },
  ]
  const termination = (extra: Partial<ValidationReport['sections'][number]> = {}): ValidationReport =>
    report([
      {
        id: 'termination',
        status: 'incomplete',
        level: 'required',
        criteria: ['TE1', 'TE2'],
        message: 'x',
        code: 'validator.section.incomplete',
        params: { section: 'termination', criteria: ['TE1', 'TE2'], placeholderOnly: false, unfilled: [], about: {} },
        checks,
        ...extra,
      },
    ])
  const ack = (code: string, hash = 'aaaa0000'): CriterionAck => ({ sectionId: 'termination', code, note: `not om ${code}`, sectionHash: hash, userId: 'u1', createdAt: '2026-11-30T01:00:00Z' })
  const hashes = new Map<SectionId, string | null>([['termination', 'aaaa0000']])

  it('a section whose every unmet criterion is marked on its current text counts as present, with the marks that close it', () => {
    const model = buildPanelModel(termination(), { acks: [ack('TE1'), ack('TE2')], hashes })
    expect(model.errors).toEqual([])
    expect(model.done.map((i) => [i.id, i.status, i.acknowledged.map((a) => a.code)])).toEqual([['termination', 'present', ['TE1', 'TE2']]])
    const badges = sectionBadges(termination(), { acks: [ack('TE1'), ack('TE2')], hashes }, 'sv', (acks) => acks.map((a) => `${a.code}: ${a.note}`).join('; '))
    expect(badges).toEqual([{ id: 'termination', level: 'required', state: 'acknowledged', title: 'TE1: not om TE1; TE2: not om TE2' }])
  })

  it('one unmarked criterion, a changed text, a met criterion’s mark or an unfilled parameter keeps it incomplete', () => {
    const stays = (r: ValidationReport, acks: CriterionAck[], h = hashes) => {
      const model = buildPanelModel(r, { acks, hashes: h })
      expect(model.errors.map((i) => [i.id, i.status, i.acknowledged.length])).toEqual([['termination', 'incomplete', 0]])
      expect(sectionBadges(r, { acks, hashes: h }, 'en', () => 'marked')[0]!.state).toBe('incomplete')
    }
    stays(termination(), [ack('TE1')])
    stays(termination(), [ack('TE1'), ack('TE3')])
    stays(termination(), [ack('TE1'), ack('TE2', 'bbbb1111')])
    stays(termination(), [ack('TE1'), ack('TE2')], new Map([['termination', 'cccc2222']]))
    stays(termination(), [ack('TE1'), ack('TE2')], new Map([['termination', null]]))
    stays(termination({ params: { section: 'termination', criteria: ['TE1', 'TE2'], placeholderOnly: false, unfilled: ['månader'], about: {} } }), [ack('TE1'), ack('TE2')])
    stays(termination(), [{ ...ack('TE1'), sectionId: 'duration' }, ack('TE2')])
  })

  it('the badge of an incomplete section and the panel sentence are rendered in the language asked for, from the code', () => {
    const r = validateAgreement(newAgreementDoc({ title: 'T', lang: 'sv', skeleton: true, makeUid: () => 'u' }), { lang: 'sv' })
    const sv = sectionBadges(r, undefined, 'sv', () => '')
    const en = sectionBadges(r, undefined, 'en', () => '')
    expect(sv.length).toBe(19)
    expect(sv[0]!.title).toMatch(/^Avsnittet ”.+” är ofullständigt/)
    expect(en[0]!.title).toMatch(/^The section “.+” is incomplete/)
    const model = buildPanelModel(r)
    expect(itemMessage(model.errors[0]!, 'en')).toBe(
      validateAgreement(newAgreementDoc({ title: 'T', lang: 'sv', skeleton: true, makeUid: () => 'u' }), { lang: 'en' }).sections.find((s) => s.id === model.errors[0]!.id)!.message,
    )
    // A report without codes (an older server) keeps its own sentence.
    expect(itemMessage({ message: 'Gammal mening.' }, 'en')).toBe('Gammal mening.')
  })
})
