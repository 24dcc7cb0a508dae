/**
 * Comments, review status, named versions, suggestions and the inbox on both engines: the same answers
 * from SQLite and PostgreSQL, including the races the old synchronous code ruled out by running in one
 * turn of the event loop (two saves at the last free version place, accept against reject, one event
 * notified twice at once).
 */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { LIMITS } from '../../../schema/limits.ts'
import { Inbox, LIST_MAX } from '../../../server/notifications/inbox.ts'
import { CommentRepository } from '../../../server/review/comments.ts'
import { ReviewRepository } from '../../../server/review/reviews.ts'
import { VersionLimitError, VersionRepository } from '../../../server/review/versions.ts'
import type { Database } from '../../../server/storage/database.ts'
import { SuggestionRepository } from '../../../server/suggestions/repository.ts'
import { useEngines, type OpenEngine } from '../../support/engines.ts'

const engines = useEngines()

/** A clock that moves one second per reading, so every row has its own time and the order is known. */
function ticking(start = Date.UTC(2026, 10, 30, 8)): () => Date {
  let at = start
  return () => new Date((at += 1000))
}

async function user(database: Database, name: string): Promise<string> {
  const id = randomUUID()
  await database.db
    .insertInto('users')
    .values({ id, email: `${id}@example.se`, password_hash: 'x', display_name: name, is_admin: 0, created_at: new Date().toISOString() })
    .execute()
  return id
}

async function rename(database: Database, id: string, name: string): Promise<void> {
  await database.db.updateTable('users').set({ display_name: name }).where('id', '=', id).execute()
}

async function countRows(database: Database, table: 'comments' | 'comment_threads' | 'reviews' | 'versions' | 'suggestions' | 'notifications'): Promise<number> {
  const row = await database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

const anchor = (n: number) => ({ start: Buffer.from(`start-${n}`).toString('base64'), end: Buffer.from(`end-${n}`).toString('base64') })

describe.each(engines)('review storage on $name', (engine) => {
  const open = (): Promise<OpenEngine> => engine.open()

  describe('comment threads', () => {
    it('opens threads with their first comment, replies, keeps mentions, resolves and reopens, in time order', async () => {
      const { database, agreement } = await open()
      const comments = new CommentRepository(database, ticking())
      const id = await agreement()
      const other = await agreement()
      const rune = await user(database, 'Rune Jurist')
      const stina = await user(database, 'Stina Skribent')

      const first = await comments.openThread(id, rune, { anchor: anchor(1), quote: 'sex månader', body: '@Stina räcker det?', mentions: [stina] })
      const second = await comments.openThread(id, stina, { anchor: anchor(2), quote: 'Parterna', body: 'Vilka parter?', mentions: [] })
      await comments.openThread(other, rune, { anchor: anchor(3), quote: 'annat', body: 'Annat avtal', mentions: [] })
      expect(await comments.reply(id, first, stina, 'Tre månader räcker.', [rune, stina])).toBe(true)

      const threads = await comments.list(id)
      expect(threads.map((t) => t.id)).toEqual([first, second])
      const [one, two] = threads
      expect(one).toMatchObject({ anchor: anchor(1), quote: 'sex månader', createdBy: rune, resolvedBy: null, resolvedAt: null })
      expect(one!.comments.map((c) => [c.authorName, c.body, c.mentions])).toEqual([
        ['Rune Jurist', '@Stina räcker det?', [stina]],
        ['Stina Skribent', 'Tre månader räcker.', [rune, stina]],
      ])
      expect(one!.comments[0]!.createdAt < one!.comments[1]!.createdAt).toBe(true)
      expect(two!.comments.map((c) => c.body)).toEqual(['Vilka parter?'])
      expect(await comments.get(id, second)).toEqual(two)
      expect(await comments.get(other, second)).toBeNull()

      expect(await comments.setResolved(id, first, stina, true)).toBe(true)
      const resolved = (await comments.get(id, first))!
      expect(resolved.resolvedBy).toBe(stina)
      expect(resolved.resolvedAt).toMatch(/^2026-11-30T08:/)
      expect(await comments.setResolved(id, first, rune, false)).toBe(true)
      expect(await comments.get(id, first)).toMatchObject({ resolvedBy: null, resolvedAt: null })
    })

    it('refuses a reply or a resolution through another agreement, or to a thread that does not exist', async () => {
      const { database, agreement } = await open()
      const comments = new CommentRepository(database)
      const id = await agreement()
      const other = await agreement()
      const rune = await user(database, 'Rune')
      const thread = await comments.openThread(id, rune, { anchor: anchor(1), quote: 'q', body: 'b', mentions: [] })
      expect(await comments.reply(other, thread, rune, 'smuggled', [])).toBe(false)
      expect(await comments.reply(id, randomUUID(), rune, 'nowhere', [])).toBe(false)
      expect(await comments.setResolved(other, thread, rune, true)).toBe(false)
      expect(await comments.setResolved(id, randomUUID(), rune, true)).toBe(false)
      expect((await comments.list(id))[0]!.comments.map((c) => c.body)).toEqual(['b'])
      expect((await comments.get(id, thread))!.resolvedAt).toBeNull()
      expect(await comments.list(other)).toEqual([])
    })

    it('writes a thread and its first comment both or neither', async () => {
      const { database, agreement } = await open()
      const comments = new CommentRepository(database)
      const id = await agreement()
      const rune = await user(database, 'Rune')
      // A comment without a body fails its NOT NULL after the thread was written: the thread must go too.
      await expect(comments.openThread(id, rune, { anchor: anchor(1), quote: 'q', body: undefined as never, mentions: [] })).rejects.toThrow()
      expect(await countRows(database, 'comment_threads')).toBe(0)
      expect(await countRows(database, 'comments')).toBe(0)
    })

    it('goes with its agreement: threads and comments', async () => {
      const { database, documents, agreement } = await open()
      const comments = new CommentRepository(database)
      const id = await agreement()
      const kept = await agreement()
      const rune = await user(database, 'Rune')
      const thread = await comments.openThread(id, rune, { anchor: anchor(1), quote: 'q', body: 'b', mentions: [] })
      await comments.reply(id, thread, rune, 'svar', [])
      await comments.openThread(kept, rune, { anchor: anchor(2), quote: 'q', body: 'stays', mentions: [] })
      await documents.deleteAgreement(id)
      expect(await comments.list(id)).toEqual([])
      expect(await countRows(database, 'comment_threads')).toBe(1)
      expect(await countRows(database, 'comments')).toBe(1)
      expect((await comments.list(kept))[0]!.comments[0]!.body).toBe('stays')
    })
  })

  describe('review status', () => {
    it('sets one status per target, replaces it, lists in time order and keeps the name the reviewer had', async () => {
      const { database, documents, agreement } = await open()
      const reviews = new ReviewRepository(database, ticking())
      const id = await agreement()
      const other = await agreement()
      const rune = await user(database, 'Rune Jurist')
      const stina = await user(database, 'Stina Skribent')

      await reviews.set(id, 'section-b', 'ready_for_review', stina, null, null)
      await reviews.set(id, 'section-a', 'changes_requested', rune, 'Ange uppsägningstid', null)
      await reviews.set(other, 'section-a', 'approved', rune, null, 'ffff0000')
      await rename(database, rune, 'Rune Advokat')
      await reviews.set(id, 'section-b', 'approved', rune, 'Bra', 'abcd1234')

      const listed = await reviews.list(id)
      expect(listed.map((r) => [r.targetUid, r.status, r.note, r.by, r.byName, r.approvedHash])).toEqual([
        ['section-a', 'changes_requested', 'Ange uppsägningstid', rune, 'Rune Jurist', null],
        ['section-b', 'approved', 'Bra', rune, 'Rune Advokat', 'abcd1234'],
      ])
      expect(listed[0]!.at < listed[1]!.at).toBe(true)
      // The name stays as it was when the status was set, whatever the person is called later.
      await rename(database, rune, 'Rune R.')
      expect((await reviews.list(id)).map((r) => r.byName)).toEqual(['Rune Jurist', 'Rune Advokat'])

      await reviews.set(id, 'section-a', 'draft', stina, null, null)
      expect((await reviews.list(id)).map((r) => [r.targetUid, r.status, r.note, r.byName])).toEqual([
        ['section-b', 'approved', 'Bra', 'Rune Advokat'],
        ['section-a', 'draft', null, 'Stina Skribent'],
      ])
      expect(await countRows(database, 'reviews')).toBe(3)

      await documents.deleteAgreement(id)
      expect(await reviews.list(id)).toEqual([])
      expect((await reviews.list(other)).map((r) => r.approvedHash)).toEqual(['ffff0000'])
    })

    it('tells which agreements hold an approval with its fingerprint, over more agreements than one query binds', async () => {
      const { database, agreement } = await open()
      const reviews = new ReviewRepository(database, ticking())
      const rune = await user(database, 'Rune')
      const approved = await agreement()
      const ready = await agreement()
      const unfingerprinted = await agreement()
      const takenBack = await agreement()
      const notAsked = await agreement()
      await reviews.set(approved, 'section-a', 'ready_for_review', rune, null, null)
      await reviews.set(approved, 'section-b', 'approved', rune, null, 'abcd1234')
      await reviews.set(ready, 'section-a', 'ready_for_review', rune, null, null)
      await reviews.set(unfingerprinted, 'section-a', 'approved', rune, null, null)
      await reviews.set(takenBack, 'section-a', 'approved', rune, null, 'abcd1234')
      await reviews.set(takenBack, 'section-a', 'changes_requested', rune, 'Nej', null)
      expect(await reviews.withApprovals([])).toEqual(new Set())
      expect(await reviews.withApprovals([approved, ready, unfingerprinted, takenBack])).toEqual(new Set([approved]))
      // The approved agreement last, after more unknown ids than one statement binds.
      const many = [...Array.from({ length: 1200 }, (_, i) => `missing-${i}`), ready, notAsked, approved]
      expect(await reviews.withApprovals(many)).toEqual(new Set([approved]))
    })

    it('refuses a status outside the four', async () => {
      const { database, agreement } = await open()
      const reviews = new ReviewRepository(database)
      const id = await agreement()
      const rune = await user(database, 'Rune')
      await expect(reviews.set(id, 'x', 'accepted' as never, rune, null, null)).rejects.toThrow()
      expect(await reviews.list(id)).toEqual([])
    })
  })

  describe('named versions', () => {
    it('saves, lists newest first, gives back the same bytes and JSON, deletes once, goes with the agreement', async () => {
      const { database, documents, agreement } = await open()
      const versions = new VersionRepository(database, ticking())
      const id = await agreement()
      const other = await agreement()
      const stina = await user(database, 'Stina Skribent')
      // Every byte value, so no engine may treat the state as text.
      const state = Uint8Array.from({ length: 1024 }, (_, i) => (i * 7) % 256)
      const json = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Överenskommelse “IOP” – § 3 😀' }] }] }

      const first = await versions.save(id, 'Skickad till styrgruppen', stina, state, json)
      const second = await versions.save(id, 'Efter remiss', stina, new Uint8Array([0, 255, 0]), { type: 'doc', content: [] })
      await versions.save(other, 'Annat avtal', stina, new Uint8Array([1]), {})
      expect(first).toMatchObject({ name: 'Skickad till styrgruppen', createdBy: stina, createdByName: 'Stina Skribent' })
      expect((await versions.list(id)).map((v) => v.id)).toEqual([second.id, first.id])
      expect(await versions.info(id, first.id)).toEqual(first)
      expect(await versions.info(other, first.id)).toBeNull()
      expect(await versions.content(id, first.id)).toEqual(json)
      expect(await versions.content(other, first.id)).toBeNull()

      const stored = await database.db.selectFrom('versions').select(['state', 'canonical_json']).where('id', '=', first.id).executeTakeFirstOrThrow()
      expect(Buffer.from(stored.state).equals(Buffer.from(state))).toBe(true)
      expect(stored.canonical_json).toBe(JSON.stringify(json))
      const jsonBytes = Buffer.byteLength(JSON.stringify(json)) + Buffer.byteLength(JSON.stringify({ type: 'doc', content: [] }))
      expect(await versions.usage(id)).toEqual({ count: 2, bytes: 1024 + 3 + jsonBytes })

      expect(await versions.delete(other, first.id)).toBe(false)
      expect(await versions.delete(id, first.id)).toBe(true)
      expect(await versions.delete(id, first.id)).toBe(false)
      expect((await versions.list(id)).map((v) => v.name)).toEqual(['Efter remiss'])

      await documents.deleteAgreement(id)
      expect(await versions.list(id)).toEqual([])
      expect(await versions.usage(id)).toEqual({ count: 0, bytes: 0 })
      expect((await versions.list(other)).map((v) => v.name)).toEqual(['Annat avtal'])
    })

    it(`keeps at most ${LIMITS.maxNamedVersions} per agreement, and of two saves at the last place exactly one succeeds`, async () => {
      const { database, agreement } = await open()
      const versions = new VersionRepository(database)
      const id = await agreement()
      const other = await agreement()
      const stina = await user(database, 'Stina')
      for (let i = 0; i < LIMITS.maxNamedVersions - 1; i++) await versions.save(id, `v${i}`, stina, new Uint8Array([i]), { i })

      const race = await Promise.allSettled([versions.save(id, 'a', stina, new Uint8Array([1]), {}), versions.save(id, 'b', stina, new Uint8Array([2]), {})])
      expect(race.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
      const refused = race.find((r) => r.status === 'rejected') as PromiseRejectedResult
      expect(refused.reason).toBeInstanceOf(VersionLimitError)
      expect((refused.reason as VersionLimitError).limit).toBe('count')
      expect((await versions.usage(id)).count).toBe(LIMITS.maxNamedVersions)
      // Another agreement has its own allowance.
      await expect(versions.save(other, 'own', stina, new Uint8Array([1]), {})).resolves.toMatchObject({ name: 'own' })

      const oldest = (await versions.list(id)).at(-1)!
      expect(await versions.delete(id, oldest.id)).toBe(true)
      await expect(versions.save(id, 'room again', stina, new Uint8Array([1]), {})).resolves.toMatchObject({ name: 'room again' })
    })

    it(`keeps at most ${LIMITS.maxVersionBytesPerAgreement / 1024 / 1024} MB per agreement, counting the state and the JSON`, async () => {
      const { database, agreement } = await open()
      const versions = new VersionRepository(database)
      const id = await agreement()
      const stina = await user(database, 'Stina')
      const half = LIMITS.maxVersionBytesPerAgreement / 2
      const big = new Uint8Array(half - 100).fill(7)
      await versions.save(id, 'first half', stina, big, { n: 1 })
      await versions.save(id, 'second half', stina, big, { n: 2 })
      const used = await versions.usage(id)
      expect(used.bytes).toBe(2 * (half - 100) + 2 * Buffer.byteLength(JSON.stringify({ n: 1 })))
      const room = LIMITS.maxVersionBytesPerAgreement - used.bytes
      // The JSON counts too: a state that fits alone is refused with its JSON.
      const refused = await versions.save(id, 'too much', stina, new Uint8Array(room - 1), { n: 3 }).catch((err: unknown) => err)
      expect(refused).toBeInstanceOf(VersionLimitError)
      expect((refused as VersionLimitError).limit).toBe('bytes')
      const json = { n: 3 }
      await expect(versions.save(id, 'exactly full', stina, new Uint8Array(room - Buffer.byteLength(JSON.stringify(json))), json)).resolves.toMatchObject({ name: 'exactly full' })
      expect((await versions.usage(id)).bytes).toBe(LIMITS.maxVersionBytesPerAgreement)
      expect((await versions.list(id)).map((v) => v.name)).toEqual(['exactly full', 'second half', 'first half'])
    }, 120_000)
  })

  describe('suggestions', () => {
    async function setUp() {
      const { database, documents, agreement } = await open()
      const suggestions = new SuggestionRepository(database, ticking())
      const id = await agreement()
      const rune = await user(database, 'Rune Jurist')
      const stina = await user(database, 'Stina Skribent')
      const party = randomUUID()
      const at = new Date().toISOString()
      await database.db.insertInto('parties').values({ id: party, agreement_id: id, name: 'Växjö kommun', type: 'public', org_nr: null, created_at: at }).execute()
      await database.db.insertInto('members').values({ agreement_id: id, user_id: rune, role: 'reviewer', party_id: party, mandate: null, added_at: at }).execute()
      const make = async (n: number) => (await suggestions.create(id, rune, { kind: 'replace', anchor: anchor(n), originalText: 'sex', text: `tre ${n}` }))!
      return { database, documents, agreement, suggestions, id, rune, stina, make }
    }

    it('creates open suggestions with author and party, counts and lists them open first, then newest decision first', async () => {
      const { suggestions, id, rune, stina, make, agreement } = await setUp()
      const a = await make(1)
      expect(a).toMatchObject({
        kind: 'replace',
        anchor: anchor(1),
        originalText: 'sex',
        text: 'tre 1',
        authorId: rune,
        authorName: 'Rune Jurist',
        authorParty: 'Växjö kommun',
        status: 'open',
        decidedBy: null,
        decidedByName: null,
        decidedAt: null,
      })
      const b = await make(2)
      const c = await make(3)
      const d = await make(4)
      const e = (await suggestions.create(id, stina, { kind: 'insert', anchor: anchor(5), originalText: '', text: 'ny mening' }))!
      expect(e.authorParty).toBeNull()
      expect(await suggestions.countOpen(id)).toBe(5)

      expect(await suggestions.close(id, b.id, 'rejected', stina)).toBe(true)
      expect(await suggestions.claimAcceptance(id, d.id, stina)).toBe(true)
      expect(await suggestions.close(id, a.id, 'withdrawn', rune)).toBe(true)
      expect(await suggestions.countOpen(id)).toBe(2)

      const listed = await suggestions.list(id)
      expect(listed.map((s) => [s.id, s.status])).toEqual([
        [c.id, 'open'],
        [e.id, 'open'],
        [a.id, 'withdrawn'],
        [d.id, 'accepted'],
        [b.id, 'rejected'],
      ])
      expect(listed.find((s) => s.id === b.id)).toMatchObject({ decidedBy: stina, decidedByName: 'Stina Skribent' })
      expect((await suggestions.list(id, { decidedLimit: 1 })).map((s) => s.id)).toEqual([c.id, e.id, a.id])
      expect((await suggestions.list(id, { decidedLimit: 0 })).map((s) => s.id)).toEqual([c.id, e.id])
      expect(await suggestions.get(await agreement(), c.id)).toBeNull()
    })

    it('changes status only from open (or, to take an acceptance back, from accepted)', async () => {
      const { suggestions, id, rune, stina, make } = await setUp()
      const s = await make(1)
      expect(await suggestions.close(id, s.id, 'rejected', stina)).toBe(true)
      expect(await suggestions.close(id, s.id, 'withdrawn', rune)).toBe(false)
      expect(await suggestions.claimAcceptance(id, s.id, stina)).toBe(false)
      expect(await suggestions.reopen(id, s.id, anchor(9))).toBe(false)
      expect(await suggestions.get(id, s.id)).toMatchObject({ status: 'rejected', decidedBy: stina })

      const t = await make(2)
      expect(await suggestions.reopen(id, t.id, anchor(9))).toBe(false)
      expect(await suggestions.recordApplied(id, t.id, anchor(8))).toBe(false)
      expect(await suggestions.appliedAnchor(id, t.id)).toBeNull()
      expect(await suggestions.claimAcceptance(id, t.id, stina)).toBe(true)
      expect(await suggestions.claimAcceptance(id, t.id, stina)).toBe(false)
      expect(await suggestions.close(id, t.id, 'rejected', stina)).toBe(false)
      expect(await suggestions.appliedAnchor(id, t.id)).toBeNull()
      expect(await suggestions.recordApplied(id, t.id, anchor(8))).toBe(true)
      expect(await suggestions.appliedAnchor(id, t.id)).toEqual(anchor(8))
      // Applied: no longer a claim that can be given back as if nothing happened.
      expect(await suggestions.releaseAcceptance(id, t.id)).toBe(false)
      expect(await suggestions.get(id, t.id)).toMatchObject({ status: 'accepted', decidedBy: stina, decidedByName: 'Stina Skribent' })

      expect(await suggestions.reopen(id, t.id, anchor(9))).toBe(true)
      expect(await suggestions.get(id, t.id)).toMatchObject({ status: 'open', anchor: anchor(9), decidedBy: null, decidedAt: null })
      expect(await suggestions.appliedAnchor(id, t.id)).toBeNull()

      const u = await make(3)
      expect(await suggestions.claimAcceptance(id, u.id, stina)).toBe(true)
      expect(await suggestions.releaseAcceptance(id, u.id)).toBe(true)
      expect(await suggestions.get(id, u.id)).toMatchObject({ status: 'open', anchor: anchor(3), decidedBy: null, decidedAt: null })
      expect(await suggestions.releaseAcceptance(id, u.id)).toBe(false)
    })

    it('of an acceptance and a rejection at the same time, exactly one wins', async () => {
      const { suggestions, id, rune, stina, make } = await setUp()
      const made = []
      for (let i = 0; i < 20; i++) made.push(await make(i))
      const outcomes = await Promise.all(
        made.map(async (s, i) => {
          const accept = () => suggestions.claimAcceptance(id, s.id, stina)
          const reject = () => suggestions.close(id, s.id, 'rejected', rune)
          // Both orders of starting, so neither side always has the head start.
          const [first, second] = i % 2 === 0 ? await Promise.all([accept(), reject()]) : (await Promise.all([reject(), accept()])).reverse()
          return { accepted: first, rejected: second, stored: (await suggestions.get(id, s.id))!.status }
        }),
      )
      for (const o of outcomes) {
        expect(Number(o.accepted) + Number(o.rejected)).toBe(1)
        expect(o.stored).toBe(o.accepted ? 'accepted' : 'rejected')
      }
      expect(await suggestions.countOpen(id)).toBe(0)
    })

    it(`holds at most ${LIMITS.maxOpenSuggestions} open per agreement, and of four made at the last place exactly one is kept`, async () => {
      const { database, suggestions, id, rune, stina, agreement } = await setUp()
      const at = new Date().toISOString()
      const rows = Array.from({ length: LIMITS.maxOpenSuggestions - 1 }, (_, i) => ({
        id: randomUUID(),
        agreement_id: id,
        author_id: rune,
        kind: 'insert' as const,
        anchor_start: `s${i}`,
        anchor_end: `e${i}`,
        original_text: '',
        text: `ord ${i}`,
        created_at: at,
      }))
      for (let i = 0; i < rows.length; i += 250)
        await database.db
          .insertInto('suggestions')
          .values(rows.slice(i, i + 250))
          .execute()
      expect(await suggestions.countOpen(id)).toBe(LIMITS.maxOpenSuggestions - 1)

      const atOnce = await Promise.all(Array.from({ length: 4 }, (_, i) => suggestions.create(id, i % 2 ? rune : stina, { kind: 'delete', anchor: anchor(i), originalText: 'sex', text: '' })))
      expect(atOnce.filter((s) => s !== null)).toHaveLength(1)
      expect(await suggestions.countOpen(id)).toBe(LIMITS.maxOpenSuggestions)
      expect(await suggestions.create(id, rune, { kind: 'insert', anchor: anchor(3), originalText: '', text: 'en till' })).toBeNull()
      // Decided ones do not count, nor do another agreement's.
      expect(await suggestions.close(id, rows[0]!.id, 'rejected', stina)).toBe(true)
      expect(await suggestions.create(id, rune, { kind: 'insert', anchor: anchor(3), originalText: '', text: 'en till' })).toMatchObject({ status: 'open' })
      const other = await agreement()
      expect(await suggestions.create(other, rune, { kind: 'insert', anchor: anchor(4), originalText: '', text: 'annat' })).toMatchObject({ status: 'open' })
    })

    it('refuses a kind or status outside the schema and goes with its agreement', async () => {
      const { database, documents, suggestions, id, rune, stina, make } = await setUp()
      await expect(suggestions.create(id, rune, { kind: 'move' as never, anchor: anchor(1), originalText: 'a', text: 'b' })).rejects.toThrow()
      const s = await make(1)
      await expect(suggestions.close(id, s.id, 'pending' as never, stina)).rejects.toThrow()
      expect(await suggestions.countOpen(id)).toBe(1)
      await documents.deleteAgreement(id)
      expect(await suggestions.list(id)).toEqual([])
      expect(await countRows(database, 'suggestions')).toBe(0)
    })
  })

  describe('notifications', () => {
    it('adds, lists newest first with the agreement’s title, counts unread, marks read per person', async () => {
      const { database, agreement } = await open()
      const inbox = new Inbox(database, ticking())
      const id = await agreement('IOP Läxhjälp')
      const stina = await user(database, 'Stina')
      const rune = await user(database, 'Rune')
      let told = 0
      const stop = inbox.subscribe(stina, () => told++)

      expect(await inbox.add(stina, { kind: 'mention', agreementId: id, actorName: 'Rune', target: 'thread-1', excerpt: '@Stina räcker det?' })).toBe(true)
      expect(await inbox.add(stina, { kind: 'approved', agreementId: id, actorName: 'Rune', target: 'section-a', excerpt: 'Uppsägning' })).toBe(true)
      expect(await inbox.add(stina, { kind: 'invitation_accepted', agreementId: null, actorName: 'Kim', excerpt: 'x'.repeat(500) })).toBe(true)
      expect(await inbox.add(rune, { kind: 'ready_for_review', agreementId: id, actorName: 'Stina', excerpt: 'Mål' })).toBe(true)
      expect(told).toBe(3)

      const mine = await inbox.list(stina)
      expect(mine.unread).toBe(3)
      expect(mine.notifications.map((n) => [n.kind, n.agreementTitle, n.target, n.read])).toEqual([
        ['invitation_accepted', null, null, false],
        ['approved', 'IOP Läxhjälp', 'section-a', false],
        ['mention', 'IOP Läxhjälp', 'thread-1', false],
      ])
      expect(mine.notifications[0]!.excerpt).toHaveLength(200)
      expect(mine.notifications[0]!.excerpt.endsWith('…')).toBe(true)

      // Someone else's id is ignored, not an error and not marked.
      const runes = (await inbox.list(rune)).notifications[0]!.id
      await inbox.markRead(stina, [mine.notifications[2]!.id, runes])
      expect(told).toBe(4)
      expect((await inbox.list(stina)).notifications.map((n) => n.read)).toEqual([false, false, true])
      expect(await inbox.unread(stina)).toBe(2)
      expect(await inbox.unread(rune)).toBe(1)
      await inbox.markRead(stina, 'all')
      expect(told).toBe(5)
      expect(await inbox.unread(stina)).toBe(0)
      expect(await inbox.unread(rune)).toBe(1)
      stop()
      await inbox.add(stina, { kind: 'mention', agreementId: id, actorName: 'Rune', excerpt: 'igen' })
      expect(told).toBe(5)
    })

    it('makes a repeated event one row per person, also when it arrives twice at once; events without a key all count', async () => {
      const { database, agreement } = await open()
      const inbox = new Inbox(database)
      const id = await agreement()
      const stina = await user(database, 'Stina')
      const rune = await user(database, 'Rune')
      const event = { kind: 'approved_section_changed' as const, agreementId: id, actorName: '', target: 'section-a', excerpt: 'Uppsägning', dedupeKey: `changed:${id}:section-a:abcd` }
      expect(await inbox.add(stina, event)).toBe(true)
      expect(await inbox.add(stina, event)).toBe(false)
      expect(await inbox.add(rune, event)).toBe(true)
      const twice = await Promise.all([inbox.add(stina, { ...event, dedupeKey: 'joined:x' }), inbox.add(stina, { ...event, dedupeKey: 'joined:x' })])
      expect(twice.filter(Boolean)).toHaveLength(1)
      expect(await inbox.add(stina, { kind: 'mention', agreementId: id, actorName: 'Rune', excerpt: 'a' })).toBe(true)
      expect(await inbox.add(stina, { kind: 'mention', agreementId: id, actorName: 'Rune', excerpt: 'a' })).toBe(true)
      expect(await inbox.unread(stina)).toBe(4)
      expect(await inbox.unread(rune)).toBe(1)
      // Read or not, the event stays one row.
      await inbox.markRead(stina, 'all')
      expect(await inbox.add(stina, event)).toBe(false)
      expect(await inbox.unread(stina)).toBe(0)
    })

    it(`lists at most ${LIST_MAX}, newest first even within one millisecond, and counts all unread`, async () => {
      const { database } = await open()
      const fixed = new Date(Date.UTC(2026, 10, 30, 9))
      const inbox = new Inbox(database, () => fixed)
      const stina = await user(database, 'Stina')
      for (let i = 0; i < LIST_MAX + 5; i++) await inbox.add(stina, { kind: 'mention', agreementId: null, actorName: 'Rune', excerpt: `n${i}` })
      const mine = await inbox.list(stina)
      expect(mine.unread).toBe(LIST_MAX + 5)
      expect(mine.notifications.map((n) => n.excerpt)).toEqual(Array.from({ length: LIST_MAX }, (_, i) => `n${LIST_MAX + 4 - i}`))
    })

    it('goes with its agreement and with its person', async () => {
      const { database, documents, agreement } = await open()
      const inbox = new Inbox(database)
      const id = await agreement()
      const kept = await agreement()
      const stina = await user(database, 'Stina')
      const rune = await user(database, 'Rune')
      await inbox.add(stina, { kind: 'mention', agreementId: id, actorName: 'Rune', excerpt: 'borta' })
      await inbox.add(stina, { kind: 'mention', agreementId: kept, actorName: 'Rune', excerpt: 'kvar' })
      await inbox.add(rune, { kind: 'mention', agreementId: kept, actorName: 'Stina', excerpt: 'Runes' })
      await documents.deleteAgreement(id)
      expect((await inbox.list(stina)).notifications.map((n) => n.excerpt)).toEqual(['kvar'])
      await database.db.deleteFrom('users').where('id', '=', stina).execute()
      expect(await inbox.list(stina)).toEqual({ unread: 0, notifications: [] })
      expect(await countRows(database, 'notifications')).toBe(1)
    })
  })
})
