/** The validator-mark repository on both engines: the same answers from SQLite and PostgreSQL. */
import { describe, expect, it } from 'vitest'
import { ValidatorAckRepository } from '../../../server/review/validator-acks.ts'
import { useEngines } from '../../support/engines.ts'

const engines = useEngines()

describe.each(engines)('validator marks on $name', (engine) => {
  it('marks, replaces a mark, lists in section and code order, removes once, and goes with the agreement', async () => {
    const { database, documents, agreement } = await engine.open()
    let clock = Date.UTC(2026, 10, 30, 8)
    const acks = new ValidatorAckRepository(database, () => new Date((clock += 1000)))
    const id = await agreement()
    const other = await agreement()
    await acks.mark(id, { sectionId: 'termination', code: 'TE2', note: 'Står i bilaga 2', sectionHash: 'aaaaaaaa', userId: null })
    await acks.mark(id, { sectionId: 'learning_goals', code: 'LG1', note: 'Se mål 1', sectionHash: 'bbbbbbbb', userId: null })
    await acks.mark(other, { sectionId: 'learning_goals', code: 'LG1', note: 'annat avtal', sectionHash: 'cccccccc', userId: null })
    const replaced = await acks.mark(id, { sectionId: 'termination', code: 'TE2', note: 'Bilaga 2 § 4', sectionHash: 'dddddddd', userId: null })

    const listed = await acks.list(id)
    expect(listed.map((a) => [a.sectionId, a.code, a.note, a.sectionHash])).toEqual([
      ['learning_goals', 'LG1', 'Se mål 1', 'bbbbbbbb'],
      ['termination', 'TE2', 'Bilaga 2 § 4', 'dddddddd'],
    ])
    expect(listed[1]!.createdAt).toBe(replaced.createdAt)

    expect(await acks.remove(id, 'termination', 'TE2')).toBe(true)
    expect(await acks.remove(id, 'termination', 'TE2')).toBe(false)
    expect((await acks.list(id)).map((a) => a.code)).toEqual(['LG1'])

    await documents.deleteAgreement(id)
    expect(await acks.list(id)).toEqual([])
    expect((await acks.list(other)).map((a) => a.note)).toEqual(['annat avtal'])
  })
})
