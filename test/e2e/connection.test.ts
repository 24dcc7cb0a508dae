import { describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { ServerProcess } from '../support/server-process.ts'
import { asCoordinator, createAgreement, docText, focusEnd, newPerson, openAgreement, screenshot, waitForStatus, useServerAndBrowser } from './browser.ts'

let server: ServerProcess
let browser: Browser

useServerAndBrowser((s, b) => {
  server = s
  browser = b
})

async function person(name: string): Promise<{ context: BrowserContext; page: Page }> {
  return newPerson(browser, { name })
}

/** Resolves once every local edit of `page` has committed to IndexedDB. */
function waitForLocalCopy(page: Page): Promise<void> {
  return page.locator('.connection-status[data-local="stored"]').waitFor()
}

describe('connection state and offline editing', () => {
  it('keeps editing offline and converges with a co-author after reconnecting', async () => {
    const agreement = await createAgreement(server.url, { title: 'IOP Mötesplats', municipality: 'Gävle', skeleton: false })
    const [anna, bertil] = await Promise.all([person('Anna Andersson'), person('Bertil Berg')])
    await Promise.all([openAgreement(anna.page, server.url, agreement.id), openAgreement(bertil.page, server.url, agreement.id)])

    await anna.context.setOffline(true)
    await waitForStatus(anna.page, 'offline')
    expect(await anna.page.locator('.connection-status').textContent()).toBe('Offline – ändringarna finns kvar på den här enheten')
    await focusEnd(anna.page)
    await anna.page.keyboard.type('Skrivet utan nät.')
    await waitForLocalCopy(anna.page)
    await screenshot(anna.page, 'offline-anna')

    // Meanwhile Bertil, online, writes in the same paragraph; Anna cannot see it yet.
    await focusEnd(bertil.page)
    await bertil.page.keyboard.type('Skrivet med nät.')
    await waitForStatus(bertil.page, 'saved')
    expect(await docText(anna.page)).not.toContain('Skrivet med nät.')
    expect(await docText(bertil.page)).not.toContain('Skrivet utan nät.')

    await anna.context.setOffline(false)
    await waitForStatus(anna.page, 'saved')
    await expect.poll(() => docText(bertil.page)).toContain('Skrivet utan nät.')
    await expect.poll(async () => (await docText(anna.page)) === (await docText(bertil.page))).toBe(true)
    expect(await docText(anna.page)).toContain('Skrivet med nät.')
    await Promise.all([anna.context.close(), bertil.context.close()])
  })

  it('keeps offline edits on the device after the tab is closed and sends them when back online', async () => {
    const agreement = await createAgreement(server.url, { title: 'IOP Sommarlov', municipality: 'Kiruna', skeleton: false })
    const anna = await person('Anna Andersson')
    await openAgreement(anna.page, server.url, agreement.id)
    await anna.context.setOffline(true)
    await waitForStatus(anna.page, 'offline')
    await focusEnd(anna.page)
    await anna.page.keyboard.type('Bara på den här enheten.')
    await waitForLocalCopy(anna.page)
    await anna.page.close()

    // The server never got it.
    const stored = (await (await asCoordinator(server.url, agreement.id, `/api/agreements/${agreement.id}`)).json()) as { content: unknown }
    expect(JSON.stringify(stored.content)).not.toContain('Bara på den här enheten.')

    await anna.context.setOffline(false)
    const again = await anna.context.newPage()
    await openAgreement(again, server.url, agreement.id)
    expect(await docText(again)).toContain('Bara på den här enheten.')

    const bertil = await person('Bertil Berg')
    await openAgreement(bertil.page, server.url, agreement.id)
    expect(await docText(bertil.page)).toContain('Bara på den här enheten.')
    await Promise.all([anna.context.close(), bertil.context.close()])
  })

  it('stops reconnecting and explains when the agreement is deleted', async () => {
    const agreement = await createAgreement(server.url, { title: 'IOP Att ta bort', municipality: 'Visby', skeleton: false })
    const { context, page } = await person('Anna Andersson')
    await openAgreement(page, server.url, agreement.id)
    const deleted = await asCoordinator(server.url, agreement.id, `/api/agreements/${agreement.id}`, { method: 'DELETE' })
    expect(deleted.status).toBe(204)

    await waitForStatus(page, 'closed')
    expect(await page.locator('.closed-banner').isVisible()).toBe(true)
    expect(await page.locator('.closed-message').textContent()).toContain('Avtalet finns inte längre på servern')
    expect(await page.evaluate(() => window.__overens!.provider.shouldConnect)).toBe(false)
    expect(await page.locator('.agreement-doc').getAttribute('contenteditable')).toBe('false')
    expect(await page.locator('.insert-section').isDisabled()).toBe(true)
    await screenshot(page, 'closed-4404')

    // Opening a link to an agreement that does not exist says so instead of showing an empty editor.
    await page.goto(`${server.url}/a/${agreement.id}`)
    await expect.poll(() => page.locator('.editor-notice').textContent()).toBe('Avtalet finns inte. Det kan ha tagits bort.')
    await context.close()
  })

  it('stops reconnecting and asks for a reload when the server refuses the schema version (4426)', async () => {
    const agreement = await createAgreement(server.url, { title: 'IOP Schemaversion', municipality: 'Borås', skeleton: false })
    const { context, page } = await person('Anna Andersson')
    await openAgreement(page, server.url, agreement.id)
    // Pretend to be a client built for another schema: the next connection carries schema=999.
    await page.evaluate(() => {
      const { provider } = window.__overens!
      provider.params = { schema: '999' }
      provider.disconnect()
      provider.connect()
    })
    await waitForStatus(page, 'closed')
    expect(await page.locator('.closed-message').textContent()).toBe('Den här versionen av Överens passar inte servern. Ladda om sidan för att hämta den nya versionen.')
    expect(await page.evaluate(() => window.__overens!.provider.shouldConnect)).toBe(false)
    await page.locator('[data-testid=lang-switch]').click()
    expect(await page.locator('.closed-message').textContent()).toBe('This version of Överens does not match the server. Reload the page to get the new version.')
    await screenshot(page, 'closed-4426-en')
    await context.close()
  })
})
