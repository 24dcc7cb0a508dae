import { describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import type { ServerProcess } from '../support/server-process.ts'
import { newPerson, screenshot, signUpInBrowser, waitForStatus, useServerAndBrowser } from './browser.ts'

let server: ServerProcess
let browser: Browser

useServerAndBrowser((s, b) => {
  server = s
  browser = b
})

describe('language and the agreements list', () => {
  it('is Swedish by default, signs up, creates an agreement, and switches to English', async () => {
    const { context, page } = await newPerson(browser)
    await page.goto(server.url)
    // Signed out: the login page, in Swedish, offering to create an account.
    const form = page.locator('form.auth-form')
    await expect.poll(() => form.locator('h1').textContent()).toBe('Logga in')
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('sv')
    expect(await form.locator('.auth-switch-row').textContent()).toBe('Inget konto än? Skapa ett konto')
    await form.locator('.auth-switch').click()
    expect(await form.locator('h1').textContent()).toBe('Skapa konto')
    expect(await form.locator('.field-label').allTextContents()).toEqual(['Ditt namn', 'E-postadress', 'Lösenord'])
    await screenshot(page, 'i18n-1-signup')
    await signUpInBrowser(page, 'Astrid Lindgren')
    await expect.poll(() => page.locator('.who').textContent()).toBe('Inloggad som Astrid Lindgren')

    await expect.poll(() => page.locator('.list-status').textContent()).toBe('Inga avtal än. Skapa det första nedan.')
    expect(await page.locator('.create-form h2').textContent()).toBe('Nytt avtal')
    expect(await page.locator('.create-form .check').textContent()).toContain('Börja med alla 19 avsnitt')
    await page.locator('input[name=title]').fill('IOP Läxhjälp 2027')
    await page.locator('input[name=municipality]').fill('Västerås')
    await screenshot(page, 'i18n-2-list-sv')
    await page.locator('.create-form button[type=submit]').click()

    // Created with the skeleton: the editor opens on the new agreement.
    await page.waitForURL(/\/a\/[^/]+$/)
    await waitForStatus(page, 'saved')
    expect(await page.locator('.connection-status').textContent()).toBe('Sparat')
    const sections = await page.evaluate(() => {
      const kinds: string[] = []
      window.__overens!.view.state.doc.forEach((n) => {
        if (n.type.name === 'section') kinds.push(String(n.attrs.kind))
      })
      return kinds
    })
    expect(sections).toHaveLength(19)
    expect(await page.locator('.panel-card[data-panel=presence] .panel-title').textContent()).toBe('Här nu')
    await screenshot(page, 'i18n-3-editor-sv')

    // The switch relabels the page in place (the editor and its connection stay) and is remembered.
    await page.locator('[data-testid=lang-switch]').click()
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')
    expect(await page.locator('.connection-status').textContent()).toBe('Saved')
    expect(await page.locator('.panel-card[data-panel=presence] .panel-title').textContent()).toBe('Here now')
    expect(await page.locator('.tool-bold').getAttribute('title')).toBe('Bold')
    expect(await page.locator('.back-link').textContent()).toContain('All agreements')
    expect(await page.locator('[data-testid=role-badge]').textContent()).toBe('Owner')
    expect(await page.locator('.panel-card[data-panel=members] .panel-title').textContent()).toBe('Writing group')
    await screenshot(page, 'i18n-4-editor-en')

    await page.reload()
    await waitForStatus(page, 'saved')
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')
    await page.locator('.back-link').click()
    await expect.poll(() => page.locator('.agreement-row .agreement-title').first().textContent()).toBe('IOP Läxhjälp 2027')
    expect(await page.locator('.create-form h2').textContent()).toBe('New agreement')
    expect(await page.locator('.agreement-row .role-chip').first().textContent()).toBe('Owner')

    // Rename from the list.
    await page.locator('.agreement-row button.rename').first().click()
    await page.locator('.rename-input').fill('IOP Homework help 2027')
    await page.locator('.rename-form button[type=submit]').click()
    await expect.poll(() => page.locator('.agreement-row .agreement-title').first().textContent()).toBe('IOP Homework help 2027')
    await screenshot(page, 'i18n-5-list-en')

    await page.locator('[data-testid=lang-switch]').click()
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('sv')
    expect(await page.locator('.list-page h1').textContent()).toBe('Avtal')
    await context.close()
  })
})
