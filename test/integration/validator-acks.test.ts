import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer } from '../support/in-process-server.ts'
import { call, signUp, type TestUser } from '../support/accounts.ts'
import { createAgreement } from '../support/yjs-clients.ts'
import { locateSections, toDocNode } from '../../schema/validator/index.ts'
import { sectionHash, sectionText } from '../../schema/validator/acknowledged.ts'

let server: Awaited<ReturnType<typeof startTestServer>>
let owner: TestUser
beforeAll(async () => {
  server = await startTestServer()
  owner = await signUp(server.url)
})
afterAll(() => server.close())

describe('"Markera som uppfyllt" on a validator criterion', () => {
  it('is stored for the group, replaced, removed, and audited', async () => {
    const id = await createAgreement(server.url, owner)
    const url = `/api/agreements/${id}/validation/acks`
    expect((await call(server.url, owner, 'GET', url)).body).toEqual({ acks: [] })
    const put = await call(server.url, owner, 'PUT', `${url}/termination/TE2`, { note: 'Avvecklingsplanen finns i bilaga 2.', sectionHash: 'a1b2c3d4e5f60718' })
    expect(put.status).toBe(200)
    await call(server.url, owner, 'PUT', `${url}/termination/TE2`, { note: 'Se bilaga 2, punkt 3.', sectionHash: 'a1b2c3d4e5f60719' })
    const list = (await call(server.url, owner, 'GET', url)).body.acks
    expect(list).toHaveLength(1)
    expect(list[0]).toMatchObject({ sectionId: 'termination', code: 'TE2', note: 'Se bilaga 2, punkt 3.', sectionHash: 'a1b2c3d4e5f60719' })
    expect((await call(server.url, owner, 'DELETE', `${url}/termination/TE2`)).status).toBe(204)
    expect((await call(server.url, owner, 'DELETE', `${url}/termination/TE2`)).status).toBe(404)
    const audit = await call(server.url, owner, 'GET', `/api/agreements/${id}/audit`)
    const actions = (audit.body.entries ?? audit.body).map((e: { action: string }) => e.action)
    expect(actions).toContain('validator_ack')
    expect(actions).toContain('validator_ack_removed')
  })

  it('refuses unknown sections and codes, empty or long notes, extra fields and strangers', async () => {
    const id = await createAgreement(server.url, owner)
    const url = `/api/agreements/${id}/validation/acks`
    const body = { note: 'ok', sectionHash: 'a1b2c3d4' }
    expect((await call(server.url, owner, 'PUT', `${url}/no_such_section/TE2`, body)).status).toBe(400)
    expect((await call(server.url, owner, 'PUT', `${url}/termination/TE2;drop`, body)).status).toBe(400)
    expect((await call(server.url, owner, 'PUT', `${url}/termination/TE2`, { ...body, note: '   ' })).status).toBe(400)
    expect((await call(server.url, owner, 'PUT', `${url}/termination/TE2`, { ...body, note: 'x'.repeat(501) })).status).toBe(400)
    expect((await call(server.url, owner, 'PUT', `${url}/termination/TE2`, { ...body, extra: 1 })).status).toBe(400)
    const stranger = await signUp(server.url)
    expect((await call(server.url, stranger, 'PUT', `${url}/termination/TE2`, body)).status).toBe(404)
    expect((await call(server.url, stranger, 'GET', url)).status).toBe(404)
  })

  it('tells open editors on the event stream when a mark is set or removed', async () => {
    const id = await createAgreement(server.url, owner)
    const url = `/api/agreements/${id}/validation/acks`
    const controller = new AbortController()
    const res = await fetch(`${server.url}/api/agreements/${id}/events`, { headers: { cookie: owner.cookie }, signal: controller.signal })
    const reader = res.body!.getReader()
    const decoder = new TextDecoder()
    const next = async (): Promise<string> => {
      let text = ''
      while (!/^event: \w+$/m.test(text)) text += decoder.decode((await reader.read()).value, { stream: true })
      return text
    }
    try {
      await call(server.url, owner, 'PUT', `${url}/termination/TE2`, { note: 'Se bilaga 2.', sectionHash: 'a1b2c3d4' })
      expect(await next()).toContain('event: acks')
      await call(server.url, owner, 'DELETE', `${url}/termination/TE2`)
      expect(await next()).toContain('event: acks')
    } finally {
      controller.abort()
    }
  })

  it('the validation report lists the marks that hold beside the validator’s own verdicts, which they never change', async () => {
    const id = await createAgreement(server.url, owner, { skeleton: true })
    const content = (await call(server.url, owner, 'GET', `/api/agreements/${id}`)).body.content
    const doc = toDocNode(content)
    const text = sectionText(doc, locateSections(doc), 'termination')
    expect(text).not.toBeNull()
    const hash = sectionHash(text!)
    const before = (await call(server.url, owner, 'GET', `/api/agreements/${id}/validation`)).body
    const termination = before.sections.find((s: { id: string }) => s.id === 'termination')
    expect(termination.status).toBe('incomplete')
    expect(before.acknowledged).toEqual([])
    const url = `/api/agreements/${id}/validation/acks`
    const failed: string[] = termination.criteria
    expect(failed.length).toBeGreaterThan(0)
    // All but one marked: each is listed, none closes the section.
    for (const code of failed.slice(1)) await call(server.url, owner, 'PUT', `${url}/termination/${code}`, { note: `Se bilaga om ${code}.`, sectionHash: hash })
    // A mark made on another text of the section is not listed at all.
    await call(server.url, owner, 'PUT', `${url}/duration/DU1`, { note: 'Gammal text.', sectionHash: '00000000' })
    const partly = (await call(server.url, owner, 'GET', `/api/agreements/${id}/validation`)).body
    expect(partly.acknowledged.map((a: { code: string; closesSection: boolean }) => [a.code, a.closesSection])).toEqual(failed.slice(1).map((c) => [c, false]))
    await call(server.url, owner, 'PUT', `${url}/termination/${failed[0]}`, { note: 'Uppsägningstiden står i huvudavtalet.', sectionHash: hash })
    const after = (await call(server.url, owner, 'GET', `/api/agreements/${id}/validation`)).body
    expect(after.sections.find((s: { id: string }) => s.id === 'termination')).toMatchObject({ status: 'incomplete', criteria: failed })
    const listed = after.acknowledged.filter((a: { sectionId: string }) => a.sectionId === 'termination')
    expect(listed.map((a: { code: string }) => a.code).sort()).toEqual([...failed].sort())
    expect(listed.every((a: { closesSection: boolean; userId: string }) => a.closesSection && a.userId === owner.userId)).toBe(true)
    expect(listed.find((a: { code: string }) => a.code === failed[0])).toMatchObject({ note: 'Uppsägningstiden står i huvudavtalet.' })
  })
})
