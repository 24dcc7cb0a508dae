import { describe, expect, it } from 'vitest'
import type { Browser, BrowserContext } from 'playwright-core'
import type { ServerProcess } from '../support/server-process.ts'
import { asCoordinator, createAgreement, docText, newPerson, openAgreement, openPanel, screenshot, useServerAndBrowser } from './browser.ts'

let server: ServerProcess
let browser: Browser
const contexts: BrowserContext[] = []

useServerAndBrowser((s, b) => {
  server = s
  browser = b
}, contexts)

describe('clause library panel', () => {
  it('builds one signature block per registered party, the position from the mandate, and says the clause is not reviewed', async () => {
    const agreement = await createAgreement(server.url, { title: 'IOP Läxhjälp', municipality: 'Exempelby', skeleton: false })
    const post = (path: string, body: unknown) => asCoordinator(server.url, agreement.id, `/api/agreements/${agreement.id}${path}`, { method: 'POST', body: JSON.stringify(body) })
    const kommun = (await (await post('/parties', { name: 'Exempelby kommun', type: 'public' })).json()) as { id: string }
    expect((await post('/parties', { name: 'Föreningen Läxhjälpen', type: 'idea_driven' })).status).toBe(201)
    const members = (await (await asCoordinator(server.url, agreement.id, `/api/agreements/${agreement.id}/members`)).json()) as { members: { userId: string }[] }
    const patched = await asCoordinator(server.url, agreement.id, `/api/agreements/${agreement.id}/members/${members.members[0]!.userId}`, {
      method: 'PATCH',
      body: JSON.stringify({ partyId: kommun.id, mandate: 'socialnämndens ordförande' }),
    })
    expect(patched.status).toBe(200)

    const { context, page } = await newPerson(browser, { name: 'Dora Drafter' })
    contexts.push(context)
    await openAgreement(page, server.url, agreement.id)
    await openPanel(page, 'clause-library')
    await page.locator('.clause-section').selectOption('signatures')
    const hit = page.locator('.clause-hit[data-clause-id="signatures.paper"]')
    expect(await hit.locator('.clause-hit-title').textContent()).toBe('Underskrift på papper')
    expect(await hit.locator('.clause-hit-review').textContent()).toBe('Bibliotekets förslag – inte juridiskt granskad')
    await hit.locator('.clause-hit-toggle').click()
    const rows = hit.locator('.param-field[data-param="signatories"] .rows-row')
    await expect.poll(() => rows.count()).toBe(2)
    const cells = async () => rows.evaluateAll((els) => els.map((row) => [...row.querySelectorAll('input')].map((i) => (i as HTMLInputElement).value)))
    await expect.poll(cells).toEqual([
      ['Exempelby kommun', 'socialnämndens ordförande'],
      ['Föreningen Läxhjälpen', ''],
    ])
    await hit.locator('.param-field[data-param="copies"] input').fill('2')
    await screenshot(page, 'clauses-9-signatures-from-parties')
    await hit.locator('.clause-insert').click()
    await expect.poll(() => docText(page)).toContain('Befattning: socialnämndens ordförande')
    const text = await docText(page)
    expect(text).toContain('För Exempelby kommun')
    expect(text).toContain('För Föreningen Läxhjälpen')
    expect(text).toContain('har upprättats i 2 likalydande exemplar')
    await screenshot(page, 'clauses-10-signature-blocks')
  }, 90_000)
})
