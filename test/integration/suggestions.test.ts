import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import WebSocket from 'ws'
import * as encoding from 'lib0/encoding'
import { prosemirrorToYXmlFragment } from 'y-prosemirror'
import type { Node as PMNode } from 'prosemirror-model'
import { schema } from '../../schema/schema.ts'
import { CloseCode } from '../../schema/limits.ts'
import { SCHEMA_VERSION, YJS_ROOT } from '../../schema/version.ts'
import { buildClauseNode, builtinLibrary, detectDeviation } from '../../clause-library/index.ts'
import { AuditLog } from '../../server/membership/audit.ts'
import { sqliteDatabase } from '../../server/storage/database.ts'
import { AgreementEvents } from '../../server/review/events.ts'
import { SuggestionRepository } from '../../server/suggestions/repository.ts'
import { SuggestionService } from '../../server/suggestions/service.ts'
import { startTestServer } from '../support/in-process-server.ts'
import { startServer as startServerProcess } from '../support/server-process.ts'
import { addMember, call, signUp, type TestUser } from '../support/accounts.ts'
import { connectClient, createAgreement, type TestClient } from '../support/yjs-clients.ts'
import { waitFor } from '../support/wait.ts'

let server: Awaited<ReturnType<typeof startTestServer>>
let owner: TestUser, drafter: TestUser, reviewer: TestUser, reviewer2: TestUser, viewer: TestUser
const clients: TestClient[] = []

const TERMINATION = 'Varje part får säga upp avtalet med sex månaders uppsägningstid. Parterna tar fram en avvecklingsplan.'

beforeAll(async () => {
  server = await startTestServer()
  ;[owner, drafter, reviewer, reviewer2, viewer] = await Promise.all([
    signUp(server.url, 'Ägare'),
    signUp(server.url, 'Dina Skribent'),
    signUp(server.url, 'Rune Jurist'),
    signUp(server.url, 'Vera Granskare'),
    signUp(server.url, 'Läsare'),
  ])
})
afterAll(async () => {
  for (const c of clients) c.destroy()
  await server.close()
})

function open(agreementId: string, user: TestUser, url = server.url): TestClient {
  const c = connectClient(url, agreementId, user)
  clients.push(c)
  return c
}

/** The agreement the tests work on: a termination section with a paragraph and a library clause. */
function content(): PMNode {
  const { nodes: n } = schema
  const record = builtinLibrary().get('termination.changed_conditions')!
  return n.doc!.create(null, [
    n.title!.create(null, [schema.text('IOP Läxhjälp')]),
    n.section!.create({ kind: 'termination', uid: 'sec-termination' }, [
      n.heading!.create({ level: 2 }, [schema.text('Uppsägning')]),
      n.paragraph!.create(null, [schema.text(TERMINATION)]),
      buildClauseNode(record, { short_notice_months: 3, cost_split_rule: 'lika delar' }, 'sv', 'clause-termination'),
    ]),
  ])
}

/** A new agreement with the whole group as members and its content written by the drafter's client. */
async function setUpAgreement(url = server.url): Promise<{ id: string; writer: TestClient }> {
  const id = await createAgreement(url, owner, { title: 'IOP Läxhjälp' })
  const party = await call(url, owner, 'POST', `/api/agreements/${id}/parties`, { name: 'Växjö kommun', type: 'public' })
  await addMember(url, owner, id, drafter, 'drafter')
  await addMember(url, owner, id, reviewer, 'reviewer')
  await addMember(url, owner, id, reviewer2, 'reviewer')
  await addMember(url, owner, id, viewer, 'viewer')
  await call(url, owner, 'PATCH', `/api/agreements/${id}/members/${reviewer.userId}`, { partyId: party.body.id })
  const writer = open(id, drafter, url)
  await writer.synced()
  prosemirrorToYXmlFragment(content(), writer.doc.getXmlFragment(YJS_ROOT))
  await waitFor(async () => JSON.stringify((await call(url, drafter, 'GET', `/api/agreements/${id}`)).body.content).includes('avvecklingsplan'), { what: 'the content to reach the server' })
  return { id, writer }
}

const encode = (rp: Y.RelativePosition) => Buffer.from(Y.encodeRelativePosition(rp)).toString('base64')

/** The XmlText of the termination paragraph (or of the clause's paragraph), in any replica. */
const terminationText = (doc: Y.Doc): Y.XmlText => ((doc.getXmlFragment(YJS_ROOT).get(1) as Y.XmlElement).get(1) as Y.XmlElement).get(0) as Y.XmlText
const plain = (text: Y.XmlText): string => (text.toDelta() as { insert: string }[]).map((op) => op.insert).join('')

/** An anchor over `phrase` in a text, as the browser would encode it. */
function anchorOver(text: Y.XmlText, phrase: string, { collapsed = false } = {}): { start: string; end: string } {
  const from = plain(text).indexOf(phrase)
  if (from < 0) throw new Error(`${phrase} not in ${plain(text)}`)
  const start = encode(Y.createRelativePositionFromTypeIndex(text, from))
  return { start, end: collapsed ? start : encode(Y.createRelativePositionFromTypeIndex(text, from + phrase.length)) }
}

const serverText = (id: string) => server.registry.withDocument(id, (d) => plain(terminationText(d.doc)))
const suggest = (url: string, user: TestUser, id: string, body: unknown) => call(url, user, 'POST', `/api/agreements/${id}/suggestions`, body)
const decide = (url: string, user: TestUser, id: string, decision: 'accept' | 'reject', ids: string[]) => call(url, user, 'POST', `/api/agreements/${id}/suggestions/decide`, { decision, ids })
const list = async (url: string, user: TestUser, id: string) => (await call(url, user, 'GET', `/api/agreements/${id}/suggestions`)).body.suggestions as any[]

/** Reads server-sent events of an agreement until `count` events named `name` arrived. */
async function collectEvents(url: string, user: TestUser, id: string): Promise<{ names: string[]; stop(): void }> {
  const controller = new AbortController()
  const res = await fetch(`${url}/api/agreements/${id}/events`, { headers: { cookie: user.cookie }, signal: controller.signal })
  const names: string[] = []
  const reader = res.body!.getReader()
  void (async () => {
    const decoder = new TextDecoder()
    let buffer = ''
    try {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) return
        buffer += decoder.decode(value, { stream: true })
        for (const match of buffer.matchAll(/^event: (\w+)$/gm)) names.push(match[1]!)
        buffer = buffer.slice(buffer.lastIndexOf('\n') + 1)
      }
    } catch {
      // aborted
    }
  })()
  return { names, stop: () => controller.abort() }
}

describe('suggesting', () => {
  it('stores a reviewer’s suggestion without touching the agreement; a drafter sees it live, with author and party', async () => {
    const { id } = await setUpAgreement()
    const lawyer = open(id, reviewer)
    await lawyer.synced()
    const events = await collectEvents(server.url, drafter, id)
    const before = await server.registry.withDocument(id, (d) => Y.encodeStateVector(d.doc))

    const made = await suggest(server.url, reviewer, id, { anchor: anchorOver(terminationText(lawyer.doc), 'sex'), originalText: 'sex', text: 'tre' })
    expect(made.status).toBe(201)
    expect(made.body).toMatchObject({ kind: 'replace', originalText: 'sex', text: 'tre', authorName: 'Rune Jurist', authorParty: 'Växjö kommun', status: 'open', outdated: false })

    await waitFor(() => events.names.includes('suggestions'), { what: 'the suggestions event' })
    events.stop()
    const seen = await list(server.url, drafter, id)
    expect(seen.map((s) => [s.id, s.text, s.authorName])).toEqual([[made.body.id, 'tre', 'Rune Jurist']])
    // The agreement's Y.Doc did not change at all: no update was made on the reviewer's behalf.
    const after = await server.registry.withDocument(id, (d) => Y.encodeStateVector(d.doc))
    expect(Buffer.from(after).equals(Buffer.from(before))).toBe(true)
    expect(plain(terminationText(lawyer.doc))).toBe(TERMINATION)

    // What the Word export reads: the open suggestion placed in the canonical content.
    const service = new SuggestionService(new SuggestionRepository(sqliteDatabase(server.store!.db)), server.registry, new AuditLog(sqliteDatabase(server.store!.db)), new AgreementEvents())
    const [placed] = await service.placed(id)
    const canonical = schema.nodeFromJSON((await call(server.url, drafter, 'GET', `/api/agreements/${id}`)).body.content)
    expect(placed).toMatchObject({ id: made.body.id, kind: 'replace', text: 'tre', authorName: 'Rune Jurist', authorParty: 'Växjö kommun', blockPath: [1, 1] })
    expect(canonical.textBetween(placed!.from, placed!.to)).toBe('sex')
    expect(canonical.child(1).child(1).textContent.slice(placed!.fromOffset, placed!.toOffset)).toBe('sex')
  })

  it('refuses what does not match the server’s text, and malformed, oversized or cross-site input', async () => {
    const { id, writer } = await setUpAgreement()
    const anchor = anchorOver(terminationText(writer.doc), 'sex')
    const url = server.url
    expect((await suggest(url, reviewer, id, { anchor, originalText: 'sju', text: 'tre' })).body.error.code).toBe('stale')
    expect((await suggest(url, reviewer, id, { anchor, originalText: 'sex', text: 'sex' })).status).toBe(400)
    expect((await suggest(url, reviewer, id, { anchor: { start: 'bm90IGFuY2hvcg==', end: anchor.end }, originalText: 'sex', text: 'tre' })).status).toBe(400)
    expect((await suggest(url, reviewer, id, { anchor, originalText: 'sex', text: 'tre\nfyra' })).status).toBe(400)
    expect((await suggest(url, reviewer, id, { anchor, originalText: 'sex', text: 'x'.repeat(5001) })).status).toBe(400)
    expect((await suggest(url, reviewer, id, { anchor, originalText: 'sex', text: 'tre', extra: true })).status).toBe(400)
    // Across the paragraph and the clause: not one line of text.
    const clauseText = (((writer.doc.getXmlFragment(YJS_ROOT).get(1) as Y.XmlElement).get(2) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlText
    const across = { start: anchor.start, end: encode(Y.createRelativePositionFromTypeIndex(clauseText, 2)) }
    expect((await suggest(url, reviewer, id, { anchor: across, originalText: 'sex', text: 'tre' })).body.error.code).toBe('anchor_not_found')
    expect((await suggest(url, viewer, id, { anchor, originalText: 'sex', text: 'tre' })).status).toBe(403)
    const form = await fetch(`${url}/api/agreements/${id}/suggestions`, {
      method: 'POST',
      headers: { cookie: reviewer.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'originalText=sex&text=tre',
    })
    expect(form.status).toBe(415)
    const crossSite = await fetch(`${url}/api/agreements/${id}/suggestions`, {
      method: 'POST',
      headers: { cookie: reviewer.cookie, 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ anchor, originalText: 'sex', text: 'tre' }),
    })
    expect(crossSite.status).toBe(403)
    expect(await list(url, drafter, id)).toEqual([])
  })
})

describe('the reviewer’s connection', () => {
  /** Opens a raw socket as `user`, as a hostile script would, and collects what it is told. */
  async function rawSocket(id: string, user: TestUser): Promise<{ ws: WebSocket; closed: Promise<number> }> {
    const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/sync/${id}?schema=${SCHEMA_VERSION}&token=${user.token}`)
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)))
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve())
      ws.once('error', reject)
    })
    return { ws, closed }
  }
  const frame = (step: number, update: Uint8Array): Uint8Array => {
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, 0)
    encoding.writeVarUint(e, step)
    encoding.writeVarUint8Array(e, update)
    return encoding.toUint8Array(e)
  }

  it('cannot change the agreement by any message: updates, a step 2 with content, a step 2 with only deletions', async () => {
    const { id, writer } = await setUpAgreement()
    // The official client: a local edit goes out as an update and the connection is closed for good.
    const lawyer = open(id, reviewer)
    await lawyer.synced()
    const codes: number[] = []
    lawyer.provider.on('connection-close', (e: CloseEvent | null) => e && codes.push(e.code))
    terminationText(lawyer.doc).insert(0, 'Granskaren skriver själv. ')
    await waitFor(() => codes.includes(CloseCode.Forbidden), { what: 'the refusal' })
    expect(lawyer.provider.shouldConnect).toBe(false)

    // Raw frames built from a copy of the document: an insertion as update and as step 2.
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(writer.doc))
    const known = Y.encodeStateAsUpdate(copy)
    const baseline = Y.encodeStateVector(copy)
    terminationText(copy).insert(0, 'Smugglad text. ')
    const insertion = Y.encodeStateAsUpdate(copy, baseline)
    for (const step of [1, 2]) {
      const { ws, closed } = await rawSocket(id, reviewer2)
      ws.send(frame(step, insertion))
      expect(await closed).toBe(CloseCode.Forbidden)
    }

    // A deletion-only update (no new structs) is still new content: refused as a step 2 and as an update.
    const deleter = new Y.Doc()
    Y.applyUpdate(deleter, Y.encodeStateAsUpdate(writer.doc))
    const svBefore = Y.encodeStateVector(deleter)
    const deletions: Uint8Array[] = []
    deleter.on('update', (u: Uint8Array) => deletions.push(u))
    terminationText(deleter).delete(0, 10)
    expect(Y.encodeStateVector(deleter)).toEqual(svBefore)
    const deletion = Y.mergeUpdates(deletions)
    for (const step of [1, 2]) {
      const { ws, closed } = await rawSocket(id, reviewer2)
      ws.send(frame(step, deletion))
      expect(await closed).toBe(CloseCode.Forbidden)
    }

    // What the server already holds (a read-only peer's copy, its answer to our step 1) changes
    // nothing: dropped silently, as step 2 and as update, and the connection stays open. A step 1
    // sent after them is answered, so the server has read both frames.
    const quiet = await rawSocket(id, reviewer2)
    const answered = new Promise<void>((resolve) =>
      quiet.ws.on('message', (data: Buffer) => {
        if (data[0] === 0 && data[1] === 1) resolve()
      }),
    )
    quiet.ws.send(frame(1, known))
    quiet.ws.send(frame(2, known))
    quiet.ws.send(frame(0, baseline))
    await answered
    expect(quiet.ws.readyState).toBe(WebSocket.OPEN)
    quiet.ws.close()
    expect(await quiet.closed).not.toBe(CloseCode.Forbidden)

    // Nothing was inserted or deleted anywhere.
    expect(await serverText(id)).toBe(TERMINATION)
    await waitFor(() => plain(terminationText(writer.doc)) === TERMINATION)
    expect(plain(terminationText(writer.doc))).toBe(TERMINATION)
  })

  it('may not decide suggestions, and may withdraw only its own', async () => {
    const { id, writer } = await setUpAgreement()
    const made = await suggest(server.url, reviewer, id, { anchor: anchorOver(terminationText(writer.doc), 'sex'), originalText: 'sex', text: 'tre' })
    for (const user of [reviewer, reviewer2, viewer]) {
      expect((await decide(server.url, user, id, 'accept', [made.body.id])).status).toBe(403)
      expect((await decide(server.url, user, id, 'reject', [made.body.id])).status).toBe(403)
    }
    expect((await call(server.url, reviewer2, 'POST', `/api/agreements/${id}/suggestions/${made.body.id}/withdraw`, {})).status).toBe(403)
    const withdrawn = await call(server.url, reviewer, 'POST', `/api/agreements/${id}/suggestions/${made.body.id}/withdraw`, {})
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', decidedByName: 'Rune Jurist' })
    expect((await decide(server.url, drafter, id, 'accept', [made.body.id])).body.results).toEqual([{ id: made.body.id, ok: false, code: 'not_open' }])
    expect(await serverText(id)).toBe(TERMINATION)
  })
})

describe('deciding', () => {
  it('accept changes the text for everyone, is audited with the suggestion’s author, and cannot happen twice', async () => {
    const { id, writer } = await setUpAgreement()
    const lawyer = open(id, reviewer)
    await lawyer.synced()
    const made = await suggest(server.url, reviewer, id, { anchor: anchorOver(terminationText(lawyer.doc), 'sex'), originalText: 'sex', text: 'tre' })
    const res = await decide(server.url, drafter, id, 'accept', [made.body.id])
    expect(res.body.results).toEqual([{ id: made.body.id, ok: true }])
    const expected = TERMINATION.replace('sex', 'tre')
    await waitFor(() => plain(terminationText(writer.doc)) === expected, { what: 'the drafter to see the accepted text' })
    await waitFor(() => plain(terminationText(lawyer.doc)) === expected, { what: 'the reviewer to see the accepted text' })
    const [record] = await list(server.url, viewer, id)
    expect(record).toMatchObject({ status: 'accepted', decidedByName: 'Dina Skribent' })

    const audit = await call(server.url, owner, 'GET', `/api/agreements/${id}/audit`)
    const entry = audit.body.entries.find((e: { action: string }) => e.action === 'suggestion_accepted')
    expect(entry).toMatchObject({
      actorName: 'Dina Skribent',
      details: { authorName: 'Rune Jurist', authorId: reviewer.userId, originalText: 'sex', text: 'tre', sectionUid: 'sec-termination', sectionKind: 'termination', clauseId: null },
    })
    expect((await decide(server.url, owner, id, 'accept', [made.body.id])).body.results[0]).toMatchObject({ ok: false, code: 'not_open' })
    expect(plain(terminationText(writer.doc))).toBe(expected)
  })

  it('of an acceptance and a rejection (or two acceptances) sent at once, exactly one wins, and the text shows only what was accepted', async () => {
    const { id, writer } = await setUpAgreement()
    const text = terminationText(writer.doc)
    const changes: [string, string][] = [
      ['Varje', 'Var'],
      ['avtalet', 'överenskommelsen'],
      ['sex', 'tre'],
      ['uppsägningstid', 'varsel'],
      ['avvecklingsplan', 'plan'],
    ]
    const made: string[] = []
    for (const [from, to] of changes) made.push((await suggest(server.url, reviewer, id, { anchor: anchorOver(text, from), originalText: from, text: to })).body.id)
    const answers = await Promise.all(
      made.map(async (sid, i) => {
        const accept = decide(server.url, owner, id, 'accept', [sid])
        // The last one is accepted by two people at once; the others accepted and rejected at once.
        const other = i === made.length - 1 ? decide(server.url, drafter, id, 'accept', [sid]) : decide(server.url, drafter, id, 'reject', [sid])
        const [a, b] = await Promise.all([accept, other])
        return [a.body.results[0].ok as boolean, b.body.results[0].ok as boolean]
      }),
    )
    for (const [a, b] of answers) expect(Number(a) + Number(b)).toBe(1)
    let expected = TERMINATION
    changes.forEach(([from, to], i) => {
      const accepted = i === changes.length - 1 || answers[i]![0]
      if (accepted) expected = expected.replace(from, to)
    })
    await waitFor(() => plain(text) === expected, { what: 'the accepted changes, and only those' })
    expect(await serverText(id)).toBe(expected)
    const stored = await list(server.url, drafter, id)
    for (const [i, sid] of made.entries()) {
      const accepted = i === changes.length - 1 || answers[i]![0]
      expect(stored.find((s) => s.id === sid)?.status).toBe(accepted ? 'accepted' : 'rejected')
    }
  })

  it('an acceptance can be undone while the accepted words are unchanged: the original returns and the suggestion is open again', async () => {
    const { id, writer } = await setUpAgreement()
    const text = terminationText(writer.doc)
    const made = await suggest(server.url, reviewer, id, { anchor: anchorOver(text, 'sex månaders'), originalText: 'sex månaders', text: 'nio månaders' })
    const deletion = await suggest(server.url, reviewer2, id, { anchor: anchorOver(text, ' Parterna tar fram en avvecklingsplan.'), originalText: ' Parterna tar fram en avvecklingsplan.', text: '' })
    await decide(server.url, drafter, id, 'accept', [made.body.id, deletion.body.id])
    await waitFor(() => plain(text) === 'Varje part får säga upp avtalet med nio månaders uppsägningstid.', { what: 'both accepted' })

    const undo = (user: TestUser, sid: string) => call(server.url, user, 'POST', `/api/agreements/${id}/suggestions/${sid}/undo-accept`, {})
    expect((await undo(reviewer, made.body.id)).status).toBe(403)
    const undone = await undo(drafter, made.body.id)
    expect(undone.body).toMatchObject({ status: 'open', decidedBy: null })
    expect((await undo(owner, deletion.body.id)).body.status).toBe('open')
    await waitFor(() => plain(text) === TERMINATION, { what: 'the original text back for everyone' })
    expect((await list(server.url, drafter, id)).map((s) => [s.status, s.outdated])).toEqual([
      ['open', false],
      ['open', false],
    ])
    const audit = (await call(server.url, owner, 'GET', `/api/agreements/${id}/audit`)).body.entries.filter((e: { action: string }) => e.action === 'suggestion_accept_undone')
    expect(audit.map((e: { actorName: string }) => e.actorName).sort()).toEqual(['Dina Skribent', 'Ägare'])

    // Accepted again, then someone edits the accepted words: no undo, the text stays as edited.
    expect((await decide(server.url, drafter, id, 'accept', [made.body.id])).body.results[0].ok).toBe(true)
    await waitFor(() => plain(text).includes('nio månaders'), { what: 'accepted again' })
    const at = plain(text).indexOf('nio')
    text.delete(at, 3)
    text.insert(at, 'tio')
    await waitFor(async () => (await undo(drafter, made.body.id)).status === 409, { what: 'the undo to be refused' })
    expect((await undo(drafter, made.body.id)).body.error.code).toBe('outdated')
    expect(await serverText(id)).toContain('tio månaders')
  })

  it('an outdated suggestion cannot be accepted, only rejected; of two overlapping ones only the first applies', async () => {
    const { id, writer } = await setUpAgreement()
    const text = terminationText(writer.doc)
    const a = await suggest(server.url, reviewer, id, { anchor: anchorOver(text, 'Parterna tar fram'), originalText: 'Parterna tar fram', text: 'Kommunen tar fram' })
    const b = await suggest(server.url, reviewer2, id, { anchor: anchorOver(text, 'sex månaders'), originalText: 'sex månaders', text: 'tolv månaders' })
    const c = await suggest(server.url, reviewer, id, { anchor: anchorOver(text, 'månaders uppsägningstid'), originalText: 'månaders uppsägningstid', text: 'veckors varsel' })
    // The drafter rewrites the words of `a` directly.
    const at = plain(text).indexOf('Parterna')
    text.delete(at, 'Parterna'.length)
    text.insert(at, 'Båda parterna')
    await waitFor(async () => (await list(server.url, drafter, id)).find((s) => s.id === a.body.id)?.outdated === true, { what: 'a to be outdated' })

    const results = (await decide(server.url, drafter, id, 'accept', [a.body.id, b.body.id, c.body.id])).body.results
    expect(results).toEqual([
      { id: a.body.id, ok: false, code: 'outdated' },
      { id: b.body.id, ok: true },
      { id: c.body.id, ok: false, code: 'outdated' },
    ])
    const expected = 'Varje part får säga upp avtalet med tolv månaders uppsägningstid. Båda parterna tar fram en avvecklingsplan.'
    await waitFor(() => plain(text) === expected, { what: 'only b applied' })
    expect(await serverText(id)).toBe(expected)
    expect((await decide(server.url, drafter, id, 'reject', [a.body.id, c.body.id])).body.results.every((r: { ok: boolean }) => r.ok)).toBe(true)
    expect((await list(server.url, drafter, id)).map((s) => s.status).sort()).toEqual(['accepted', 'rejected', 'rejected'])
    const rejections = (await call(server.url, owner, 'GET', `/api/agreements/${id}/audit`)).body.entries.filter((e: { action: string }) => e.action === 'suggestion_rejected')
    expect(rejections.map((e: { details: { authorName: string } }) => e.details.authorName).sort()).toEqual(['Rune Jurist', 'Rune Jurist'])
  })

  it('accepting a suggestion inside a library clause makes the clause deviate, as a direct edit would', async () => {
    const { id, writer } = await setUpAgreement()
    const clauseNode = async () => {
      const doc = schema.nodeFromJSON((await call(server.url, drafter, 'GET', `/api/agreements/${id}`)).body.content)
      return doc.child(1).child(2)
    }
    expect(detectDeviation(await clauseNode(), builtinLibrary()).status).toBe('approved')
    const clauseParagraph = ((writer.doc.getXmlFragment(YJS_ROOT).get(1) as Y.XmlElement).get(2) as Y.XmlElement).get(0) as Y.XmlElement
    const run = clauseParagraph.get(0) as Y.XmlText
    const gone = 'beslut av riksdagen, regeringen eller en statlig myndighet eller '
    const made = await suggest(server.url, reviewer, id, { anchor: anchorOver(run, gone), originalText: gone, text: '' })
    expect(made.body.kind).toBe('delete')
    expect((await decide(server.url, owner, id, 'accept', [made.body.id])).body.results[0].ok).toBe(true)
    await waitFor(() => !plain(run).includes('riksdagen'), { what: 'the deletion to arrive' })
    const node = await clauseNode()
    expect(node.textContent).toContain('Om ändrad lagstiftning, bortfall av statlig finansiering')
    expect(detectDeviation(node, builtinLibrary()).status).toBe('deviates')
    const entry = (await call(server.url, owner, 'GET', `/api/agreements/${id}/audit`)).body.entries.find((e: { action: string }) => e.action === 'suggestion_accepted')
    expect(entry.details).toMatchObject({ clauseId: 'termination.changed_conditions', clauseUid: 'clause-termination' })
  })
})

describe('durability', () => {
  it('suggestions survive a kill -9 of the server and can be accepted after the restart', async () => {
    const first = await startServerProcess()
    let second: Awaited<ReturnType<typeof startServerProcess>> | null = null
    try {
      // Fresh accounts on the process's own database.
      ;[owner, drafter, reviewer, reviewer2, viewer] = await Promise.all([
        signUp(first.url, 'Ägare'),
        signUp(first.url, 'Dina Skribent'),
        signUp(first.url, 'Rune Jurist'),
        signUp(first.url, 'Vera Granskare'),
        signUp(first.url, 'Läsare'),
      ])
      const { id, writer } = await setUpAgreement(first.url)
      const made = await suggest(first.url, reviewer, id, { anchor: anchorOver(terminationText(writer.doc), 'sex'), originalText: 'sex', text: 'tre' })
      expect(made.status).toBe(201)
      writer.destroy()
      await first.kill()
      second = await startServerProcess({ dataDir: first.dataDir })
      const after = await list(second.url, drafter, id)
      expect(after.map((s) => [s.id, s.status, s.outdated, s.authorName])).toEqual([[made.body.id, 'open', false, 'Rune Jurist']])
      expect((await decide(second.url, drafter, id, 'accept', [made.body.id])).body.results[0].ok).toBe(true)
      const reader = open(id, viewer, second.url)
      await reader.synced()
      expect(plain(terminationText(reader.doc))).toBe(TERMINATION.replace('sex', 'tre'))
    } finally {
      await second?.stop()
      first.removeDataDir()
    }
  }, 60_000)
})
