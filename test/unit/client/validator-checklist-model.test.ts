import { describe, expect, it } from 'vitest'
import { buildChecklist, sectionHash, type CriterionAck } from '../../../client/validation/panel-model.ts'
import type { SectionResult } from '../../../schema/validator/types.ts'

const section: SectionResult = {
  id: 'termination',
  status: 'incomplete',
  level: 'required',
  criteria: ['TE2'],
  message: '…',
  checks: [
    { code: 'TE1', verdict: 'met', evidence: [{ quote: 'Uppsägningstiden är sex månader.', top: 40 }] },
    { code: 'TE2', verdict: 'unmet', evidence: [] },
    { code: 'TE3', verdict: 'unknown', evidence: [{ quote: 'Kostnader fördelas.', top: 60 }], params: { owners: 'X' } },
  ],
}

const ack = (code: string, hash: string, sectionId = 'termination'): CriterionAck => ({
  sectionId,
  code,
  note: 'Avgjort i styrgruppen',
  sectionHash: hash,
  userId: 'u1',
  createdAt: '2026-11-30T01:00:00Z',
})

describe('buildChecklist', () => {
  it('lists unmet first, then questions to check, then met, keeping the evidence and parameters', () => {
    const list = buildChecklist(section, [], 'aaaaaaaa')
    expect(list.items.map((i) => [i.code, i.state])).toEqual([
      ['TE2', 'unmet'],
      ['TE3', 'unknown'],
      ['TE1', 'met'],
    ])
    expect(list.items[2]!.evidence[0]!.quote).toBe('Uppsägningstiden är sex månader.')
    expect(list.items[1]!.params).toEqual({ owners: 'X' })
    expect([list.met, list.total]).toEqual([1, 3])
  })

  it('counts a mark made on the current text as met by decision', () => {
    const list = buildChecklist(section, [ack('TE2', 'aaaaaaaa')], 'aaaaaaaa')
    const te2 = list.items.find((i) => i.code === 'TE2')!
    expect(te2.state).toBe('acknowledged')
    expect(te2.ack?.note).toBe('Avgjort i styrgruppen')
    expect(te2.reopened).toBeNull()
    expect(list.met).toBe(2)
    expect(list.items.map((i) => i.code)).toEqual(['TE3', 'TE2', 'TE1'])
  })

  it('re-opens a mark once the section text changed, and still says who had marked it', () => {
    const list = buildChecklist(section, [ack('TE2', 'aaaaaaaa')], 'bbbbbbbb')
    const te2 = list.items.find((i) => i.code === 'TE2')!
    expect(te2.state).toBe('unmet')
    expect(te2.ack).toBeNull()
    expect(te2.reopened?.userId).toBe('u1')
    expect(list.met).toBe(1)
  })

  it('ignores marks of other sections, marks on met criteria, and marks when the section is not in the text', () => {
    expect(buildChecklist(section, [ack('TE2', 'aaaaaaaa', 'governance')], 'aaaaaaaa').items[0]!.state).toBe('unmet')
    const onMet = buildChecklist(section, [ack('TE1', 'aaaaaaaa')], 'aaaaaaaa').items.find((i) => i.code === 'TE1')!
    expect([onMet.state, onMet.ack, onMet.reopened]).toEqual(['met', null, null])
    expect(buildChecklist(section, [ack('TE2', 'aaaaaaaa')], null).items[0]!.state).toBe('unmet')
  })

  it('has no items for an old report without checks', () => {
    const { checks: _checks, ...old } = section
    expect(buildChecklist(old, [], null)).toMatchObject({ items: [], met: 0, total: 0 })
  })
})

describe('sectionHash', () => {
  it('is stable, fits the route (8 hex digits) and changes with one character', () => {
    expect(sectionHash('Uppsägning')).toBe(sectionHash('Uppsägning'))
    expect(sectionHash('Uppsägning')).toMatch(/^[0-9a-f]{8}$/)
    expect(sectionHash('Uppsägning')).not.toBe(sectionHash('Uppsägninq'))
    expect(sectionHash('')).toMatch(/^[0-9a-f]{8}$/)
  })
})
