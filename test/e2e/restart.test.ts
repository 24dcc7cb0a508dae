import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { startServer, type ServerProcess } from '../support/server-process.ts'
import { asCoordinator, assertNoPageErrors, createAgreement, docText, focusEnd, launchBrowser, newPerson, openAgreement, screenshot, waitForStatus } from './browser.ts'

let first: ServerProcess
let second: ServerProcess | undefined
let browser: Browser

beforeAll(async () => {
  ;[first, browser] = await Promise.all([startServer(), launchBrowser()])
})

afterEach(assertNoPageErrors)

afterAll(async () => {
  await browser?.close()
  await first?.stop()
  await second?.stop()
  first?.removeDataDir()
})

describe('a server restart', () => {
  it('shows "Återansluter…" while the server is away and sends what was written meanwhile', async () => {
    const agreement = await createAgreement(first.url, { title: 'IOP Omstart', municipality: 'Sundsvall', skeleton: false })
    const { context, page } = await newPerson(browser, { name: 'Anna Andersson' })
    await openAgreement(page, first.url, agreement.id)
    await focusEnd(page)
    await page.keyboard.type('Före omstarten.')
    await waitForStatus(page, 'saved')

    expect(await first.stop()).toBe(0)
    await waitForStatus(page, 'reconnecting')
    expect(await page.locator('.connection-status').textContent()).toBe('Återansluter…')
    await page.keyboard.type(' Medan servern var borta.')
    await page.locator('.connection-status[data-local="stored"]').waitFor()
    await screenshot(page, 'restart-reconnecting')

    // Same data folder, same port: the provider's own backoff finds the server again.
    second = await startServer({ dataDir: first.dataDir, env: { PORT: String(first.port) } })
    await waitForStatus(page, 'saved')
    await expect
      .poll(async () => JSON.stringify(((await (await asCoordinator(second!.url, agreement.id, `/api/agreements/${agreement.id}`)).json()) as { content: unknown }).content))
      .toContain('Före omstarten. Medan servern var borta.')
    expect(await docText(page)).toContain('Före omstarten. Medan servern var borta.')
    await context.close()
  })
})
