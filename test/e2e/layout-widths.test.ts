import { describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { ServerProcess } from '../support/server-process.ts'
import { createAgreement, newPerson, openAgreement, screenshot, useServerAndBrowser } from './browser.ts'

let server: ServerProcess
let browser: Browser
const contexts: BrowserContext[] = []

useServerAndBrowser((s, b) => {
  server = s
  browser = b
}, contexts)

/** What sticks out on the right of the page (it would make the whole page scroll sideways); the closed drawer waits off screen by design. */
function overflow(page: Page): Promise<{ by: number; elements: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth
    const elements = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((e) => e.getBoundingClientRect().right + window.scrollX > width + 1 && e.offsetParent !== null && !e.closest('.side-panel:not(.is-open)'))
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`)
    return { by: document.documentElement.scrollWidth - width, elements }
  })
}

describe('the editor at common widths, in Swedish and English', () => {
  it('never scrolls sideways, and the header keeps its actions on screen', async () => {
    const agreement = await createAgreement(server.url, { title: 'IOP Bredder', municipality: 'Västerås', skeleton: true })
    // A long name, and a second person of the same name ("(2)") in the presence list.
    const { context, page } = await newPerson(browser, { name: 'Bertil Berg-Långnamnsson' })
    const { context: other, page: namesake } = await newPerson(browser, { name: 'Bertil Berg-Långnamnsson' })
    contexts.push(context, other)
    await openAgreement(namesake, server.url, agreement.id)
    await openAgreement(page, server.url, agreement.id)
    for (const lang of ['sv', 'en']) {
      for (const width of [1280, 1024, 800, 390]) {
        await page.setViewportSize({ width, height: 800 })
        expect(await overflow(page), `${lang} ${width}`).toEqual({ by: 0, elements: [] })
        // The language switch is the header's last action: still inside the window.
        const box = await page.locator('[data-testid=lang-switch]').boundingBox()
        expect(box!.x + box!.width, `${lang} ${width}`).toBeLessThanOrEqual(width)
      }
      await screenshot(page, `layout-${lang}-1024`)
      if (lang === 'sv') await page.locator('[data-testid=lang-switch]').click()
    }
    // The list of agreements, in English (the choice stays) and back in Swedish.
    await page.goto(server.url)
    await page.locator('.agreement-row').first().waitFor()
    for (const lang of ['en', 'sv']) {
      for (const width of [1280, 1024, 800, 390]) {
        await page.setViewportSize({ width, height: 800 })
        expect(await overflow(page), `list ${lang} ${width}`).toEqual({ by: 0, elements: [] })
      }
      await screenshot(page, `layout-list-${lang}-390`)
      // On a phone the header is two rows: the name with the language switch, then the account's actions.
      const middle = async (selector: string): Promise<number> => {
        const box = (await page.locator(selector).boundingBox())!
        return box.y + box.height / 2
      }
      expect(Math.abs((await middle('.brand')) - (await middle('[data-testid=lang-switch]'))), `list ${lang} 390: switch beside the name`).toBeLessThan(4)
      expect(Math.abs((await middle('[data-testid=bell]')) - (await middle('[data-testid=logout]'))), `list ${lang} 390: actions in one row`).toBeLessThan(4)
      if (lang === 'en') await page.locator('[data-testid=lang-switch]').click()
    }
    await openAgreement(page, server.url, agreement.id)
    // Initials skip the "(2)" that tells the namesake apart.
    await page.setViewportSize({ width: 1280, height: 800 })
    const avatars = await page.locator('.side-top .presence-person .avatar').allTextContents()
    expect(avatars).toEqual(['BB', 'BB'])
  }, 90_000)
})
