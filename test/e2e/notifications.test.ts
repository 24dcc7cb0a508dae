import { describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import type { ServerProcess } from '../support/server-process.ts'
import { axeViolations } from './a11y.ts'
import { createAgreement, docText, focusEnd, joinAgreement, newPerson, openAgreement, screenshot, selectWords, useServerAndBrowser, waitForStatus } from './browser.ts'

let server: ServerProcess
let browser: Browser

useServerAndBrowser((s, b) => {
  server = s
  browser = b
})

describe('notifications in the browser', () => {
  it('a mention reaches the mentioned member live, and the link opens the thread', { timeout: 120_000 }, async () => {
    const agreement = await createAgreement(server.url, { title: 'IOP Notiser Gävle', municipality: 'Gävle', lang: 'sv', skeleton: true })
    const drafter = (await newPerson(browser, { name: 'Dina Skribent' })).page
    const reviewer = (await newPerson(browser, { name: 'Rune Jurist' })).page
    await openAgreement(drafter, server.url, agreement.id)
    await focusEnd(drafter)
    await drafter.keyboard.type('Föreningen ansvarar för läxhjälpen.')
    await waitForStatus(drafter, 'saved')
    // The drafter goes on to the list page: the bell there must count up without a reload.
    await drafter.goto(server.url)
    await drafter.locator('[data-testid=bell]').waitFor()
    expect(await drafter.locator('[data-testid=bell-count]').isHidden()).toBe(true)

    await joinAgreement(reviewer, server.url, agreement.id, 'reviewer')
    await openAgreement(reviewer, server.url, agreement.id)
    // Once the role is known the reviewer's text takes input as suggestions; select only after that,
    // or the switch to editable can land between the keystrokes.
    await reviewer.locator('[data-testid=suggest-always]').waitFor()
    await expect.poll(() => docText(reviewer)).toContain('läxhjälpen')
    // The words are selected directly (keyboard-only selection has its own test in keyboard.test.ts);
    // this test is about the notification that the comment sends.
    await selectWords(reviewer, 'Föreningen')
    await reviewer.keyboard.press('Control+Alt+KeyM')
    const form = reviewer.locator('.comment-popover')
    await form.waitFor()
    await reviewer.keyboard.type('Vem håller i det? ')
    await form.locator('select.mention-picker').selectOption({ label: 'Dina Skribent' })
    await form.locator('button[type=submit]').click()
    await form.waitFor({ state: 'detached' })

    await expect.poll(() => drafter.locator('[data-testid=bell-count]').textContent(), { timeout: 10_000 }).toBe('1')
    await drafter.locator('[data-testid=bell]').click()
    const item = drafter.locator('.notification.is-unread')
    await item.waitFor()
    expect(await item.locator('.notification-text').textContent()).toBe('Rune Jurist nämnde dig i ”IOP Notiser Gävle”')
    expect(await item.locator('.notification-excerpt').textContent()).toBe('Vem håller i det? @Dina Skribent')
    expect(await axeViolations(drafter)).toEqual([])
    await screenshot(drafter, 'notifications-1-bell')

    // The link opens the agreement with the comments panel at that thread; the notification is read.
    await item.locator('a').click()
    await drafter.waitForFunction(() => window.__overens?.provider.synced === true)
    await drafter.locator('.panel-card[data-panel=comments]:not([hidden]) li.thread.is-active').waitFor()
    await expect.poll(() => drafter.locator('[data-testid=bell-count]').isHidden()).toBe(true)
    await screenshot(drafter, 'notifications-2-thread')
  })
})
