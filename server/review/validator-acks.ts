import type { CriterionAck } from '../../schema/api-types.ts'
import type { Database } from '../storage/database.ts'

/** "Markera som uppfyllt" marks: one per criterion of a section, replaced when marked again. */
export class ValidatorAckRepository {
  constructor(
    private readonly database: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(agreementId: string): Promise<CriterionAck[]> {
    const rows = await this.database.db
      .selectFrom('validator_acks')
      .select(['section_id', 'code', 'note', 'section_hash', 'user_id', 'created_at'])
      .where('agreement_id', '=', agreementId)
      .orderBy('section_id')
      .orderBy('code')
      .execute()
    return rows.map((r) => ({ sectionId: r.section_id, code: r.code, note: r.note, sectionHash: r.section_hash, userId: r.user_id, createdAt: r.created_at }))
  }

  async mark(agreementId: string, ack: { sectionId: string; code: string; note: string; sectionHash: string; userId: string | null }): Promise<CriterionAck> {
    const createdAt = this.now().toISOString()
    const row = { agreement_id: agreementId, section_id: ack.sectionId, code: ack.code, note: ack.note, section_hash: ack.sectionHash, user_id: ack.userId, created_at: createdAt }
    await this.database.db
      .insertInto('validator_acks')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['agreement_id', 'section_id', 'code']).doUpdateSet((eb) => ({
          note: eb.ref('excluded.note'),
          section_hash: eb.ref('excluded.section_hash'),
          user_id: eb.ref('excluded.user_id'),
          created_at: eb.ref('excluded.created_at'),
        })),
      )
      .execute()
    return { ...ack, createdAt }
  }

  /** False when there was no such mark. */
  async remove(agreementId: string, sectionId: string, code: string): Promise<boolean> {
    const result = await this.database.db.deleteFrom('validator_acks').where('agreement_id', '=', agreementId).where('section_id', '=', sectionId).where('code', '=', code).executeTakeFirst()
    return Number(result.numDeletedRows) > 0
  }
}
