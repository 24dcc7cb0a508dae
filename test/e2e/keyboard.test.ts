import { describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { ServerProcess } from '../support/server-process.ts'
import { asCoordinator, createAgreement, docText, focusEnd, joinAgreement, newPerson, openAgreement, screenshot, useServerAndBrowser, waitForStatus } from './browser.ts'

let server: ServerProcess
let browser: Browser

useServerAndBrowser((s, b) => {
  server = s
  browser = b
})

const selectedText = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const { state } = window.__overens!.view
    return state.doc.textBetween(state.selection.from, state.selection.to)
  })

const focused = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const el = document.activeElement
    return el ? `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}` : ''
  })

describe('keyboard only', () => {
  it('a reviewer comments on a selection and approves a section without touching the mouse', { timeout: 120_000 }, async () => {
    const agreement = await createAgreement(server.url, { title: 'IOP Tangentbord Luleå', municipality: 'Luleå', lang: 'sv', skeleton: true })
    const drafter = (await newPerson(browser, { name: 'Dina Skribent' })).page
    await openAgreement(drafter, server.url, agreement.id)
    await focusEnd(drafter)
    await drafter.keyboard.type('Kommunen bidrar med lokaler i Folkets hus.')
    await waitForStatus(drafter, 'saved')

    const reviewer = (await newPerson(browser, { name: 'Rune Jurist' })).page
    await joinAgreement(reviewer, server.url, agreement.id, 'reviewer')
    await openAgreement(reviewer, server.url, agreement.id)
    await reviewer.locator('.comments-hint').waitFor({ state: 'attached' })
    // A reviewer is always in suggest mode: the text takes input, and what she types becomes a suggestion, never an edit.
    await reviewer.locator('[data-testid=suggest-always]').waitFor()
    expect(await reviewer.locator('.agreement-doc').getAttribute('contenteditable')).toBe('true')

    // From the top of the page: the skip link is the first Tab stop and lands in the text.
    await reviewer.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    await reviewer.keyboard.press('Tab')
    expect(await focused(reviewer)).toBe('a.skip-link')
    await reviewer.keyboard.press('Enter')
    expect(await focused(reviewer)).toContain('agreement-doc')

    // The browser's own caret in the text: to the end, to the start of that line, then two words with Shift+Ctrl+→.
    await reviewer.keyboard.press('Control+End')
    await reviewer.keyboard.press('Home')
    await reviewer.keyboard.press('Shift+Control+ArrowRight')
    await reviewer.keyboard.press('Shift+Control+ArrowRight')
    await expect.poll(() => selectedText(reviewer)).toBe('Kommunen bidrar')
    await reviewer.keyboard.press('Shift+ArrowRight')
    await reviewer.keyboard.press('Shift+Control+ArrowRight')
    await expect.poll(() => selectedText(reviewer)).toBe('Kommunen bidrar med')
    await reviewer.keyboard.press('Shift+ArrowLeft')
    await reviewer.keyboard.press('Shift+ArrowLeft')
    await reviewer.keyboard.press('Shift+ArrowLeft')
    await reviewer.keyboard.press('Shift+ArrowLeft')
    await expect.poll(() => selectedText(reviewer)).toBe('Kommunen bidrar')
    expect(await reviewer.evaluate(() => getSelection()?.toString())).toBe('Kommunen bidrar')
    await screenshot(reviewer, 'keyboard-1-selection')

    // Ctrl+Alt+M: the comment form opens next to the text (in DOM order right after the document) with the focus in it.
    await reviewer.keyboard.press('Control+Alt+KeyM')
    await reviewer.locator('.comment-popover').waitFor()
    expect(await focused(reviewer)).toBe('textarea.input.comment-input')
    expect(await reviewer.evaluate(() => document.querySelector('.doc-page')!.compareDocumentPosition(document.querySelector('.comment-popover')!) & Node.DOCUMENT_POSITION_FOLLOWING)).toBeTruthy()
    expect(await reviewer.locator('.comment-popover').getAttribute('aria-label')).toBe('Kommentera markerad text')
    await reviewer.keyboard.type('Vilka lokaler avses, och vem betalar städningen?')
    await screenshot(reviewer, 'keyboard-2-comment')
    await reviewer.keyboard.press('Control+Enter')
    await reviewer.locator('.comment-popover').waitFor({ state: 'detached' })
    // The focus is back in the text, and the comment reached the server with the chosen words.
    expect(await focused(reviewer)).toContain('agreement-doc')
    await expect
      .poll(async () => {
        const res = await asCoordinator(server.url, agreement.id, `/api/agreements/${agreement.id}/comments`)
        const { threads } = (await res.json()) as { threads: { quote: string; comments: { body: string }[] }[] }
        return threads.map((th) => `${th.quote}: ${th.comments[0]?.body}`)
      })
      .toEqual(['Kommunen bidrar: Vilka lokaler avses, och vem betalar städningen?'])

    // Ctrl+Alt+G: the review of the section at the caret; "Godkänn" has the focus, Enter approves.
    await reviewer.keyboard.press('Control+Alt+KeyG')
    await reviewer.locator('.review-popover-menu').waitFor()
    expect(await reviewer.locator('.review-popover-menu').getAttribute('aria-label')).toMatch(/^Granskning av /)
    expect(await reviewer.evaluate(() => (document.activeElement as HTMLElement).dataset.action)).toBe('approved')
    await screenshot(reviewer, 'keyboard-3-review')
    const uid = await reviewer.locator('.review-popover-menu .review-menu').getAttribute('data-uid')
    await reviewer.keyboard.press('Enter')
    await reviewer.locator('.review-popover-menu').waitFor({ state: 'detached' })
    expect(await focused(reviewer)).toContain('agreement-doc')
    await expect
      .poll(async () => {
        const res = await asCoordinator(server.url, agreement.id, `/api/agreements/${agreement.id}/reviews`)
        const { reviews } = (await res.json()) as { reviews: { targetUid: string; status: string; byName: string }[] }
        return reviews.filter((r) => r.targetUid === uid).map((r) => `${r.status} ${r.byName}`)
      })
      .toEqual(['approved Rune Jurist'])

    // The drafter sees it live: the badge of that section says Godkänd.
    await drafter.locator(`.review-badge[data-uid="${uid}"][data-status=approved]`).waitFor()

    // The side panel by keyboard: Tab from the text reaches the tabs, arrows switch them; Escape in a popover returns focus.
    await reviewer.keyboard.press('Tab')
    let guard = 0
    while (!(await focused(reviewer)).startsWith('button.panel-tab') && guard++ < 30) await reviewer.keyboard.press('Tab')
    expect(await focused(reviewer)).toMatch(/^button\.panel-tab/)
    const start = await reviewer.evaluate(() => (document.activeElement as HTMLElement).dataset.tab)
    await reviewer.keyboard.press('ArrowRight')
    const next = await reviewer.evaluate(() => (document.activeElement as HTMLElement).dataset.tab)
    expect(next).not.toBe(start)
    expect(await reviewer.locator(`.panel-card[data-panel="${next}"]`).isVisible()).toBe(true)

    // The outline: Enter on a section puts the caret there; Ctrl+Alt+G then opens that section's review; Escape closes it.
    await reviewer.keyboard.press('Home')
    expect(await reviewer.evaluate(() => (document.activeElement as HTMLElement).dataset.tab)).toBe('outline')
    await reviewer.keyboard.press('Tab')
    let hops = 0
    while (!(await focused(reviewer)).startsWith('button.outline-go') && hops++ < 5) await reviewer.keyboard.press('Tab')
    await reviewer.keyboard.press('Tab') // the second section
    await reviewer.keyboard.press('Enter')
    expect(await focused(reviewer)).toContain('agreement-doc')
    await reviewer.keyboard.press('Control+Alt+KeyG')
    await reviewer.locator('.review-popover-menu').waitFor()
    expect(await reviewer.locator('.review-popover-menu').getAttribute('aria-label')).toBe('Granskning av Samhällsutmaning och bakgrund')
    await reviewer.keyboard.press('Escape')
    await reviewer.locator('.review-popover-menu').waitFor({ state: 'detached' })
    expect(await focused(reviewer)).toContain('agreement-doc')

    // Nothing typed by the reviewer ever reached the text: it becomes a suggestion for the drafters,
    // the agreement stays as it was on the server and for the drafter, and her connection is never refused.
    const before = await docText(drafter)
    await reviewer.keyboard.type('xyz')
    expect(await reviewer.evaluate(() => window.__overens!.view.state.doc.textContent.includes('xyz'))).toBe(false)
    await reviewer.locator('.agreement-doc').blur()
    await expect
      .poll(async () => {
        const res = await asCoordinator(server.url, agreement.id, `/api/agreements/${agreement.id}/suggestions`)
        const { suggestions } = (await res.json()) as { suggestions: { text: string; authorName: string }[] }
        return suggestions.map((s) => `${s.authorName}: ${s.text}`)
      })
      .toEqual(['Rune Jurist: xyz'])
    await waitForStatus(reviewer, 'saved')
    const stored = await (await asCoordinator(server.url, agreement.id, `/api/agreements/${agreement.id}`)).json()
    expect(JSON.stringify(stored.content)).not.toContain('xyz')
    expect(await docText(drafter)).toBe(before)
    expect(await docText(reviewer)).toBe(before)
    expect(await reviewer.locator('.connection-status').getAttribute('data-state')).toBe('saved')
  })
})
