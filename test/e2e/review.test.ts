import { describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { ServerProcess } from '../support/server-process.ts'
import { createAgreement, docText, focusEnd, joinAgreement, newPerson, openAgreement, openPanel, screenshot, waitForStatus, useServerAndBrowser } from './browser.ts'

let server: ServerProcess
let browser: Browser

useServerAndBrowser((s, b) => {
  server = s
  browser = b
})

async function person(name: string): Promise<Page> {
  return (await newPerson(browser, { name })).page
}

/** A drafter and a reviewer in the same agreement, both synced. */
async function drafterAndReviewer(skeleton: boolean, title: string): Promise<{ id: string; drafter: Page; reviewer: Page }> {
  const agreement = await createAgreement(server.url, { title, municipality: 'Växjö', lang: 'sv', skeleton })
  const [drafter, reviewer] = await Promise.all([person('Dina Skribent'), person('Rune Jurist')])
  await joinAgreement(reviewer, server.url, agreement.id, 'reviewer')
  await Promise.all([openAgreement(drafter, server.url, agreement.id), openAgreement(reviewer, server.url, agreement.id)])
  // The editor takes input once the role is known; the reviewer's panels offer commenting then.
  await drafter.locator('.agreement-doc[contenteditable=true]').waitFor()
  await reviewer.locator('.comments-hint:not([hidden])').waitFor({ state: 'attached' })
  await Promise.all([openPanel(drafter, 'comments'), openPanel(reviewer, 'comments')])
  return { id: agreement.id, drafter, reviewer }
}

/**
 * Selects `phrase` with the mouse, dragging from its first to its last character. A redraw that lands
 * mid-drag (a co-author's caret, the validator's markers) can reset a selection the browser has not
 * reported yet, as it would for a person, who would drag again; so does this.
 */
async function selectWithMouse(page: Page, phrase: string): Promise<void> {
  const drag = async (): Promise<string> => {
    const box = await page.evaluate((wanted) => {
      const root = document.querySelector('.agreement-doc')!
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(wanted)
        if (at < 0) continue
        const range = document.createRange()
        range.setStart(node, at)
        range.setEnd(node, at + wanted.length)
        const rects = [...range.getClientRects()]
        const first = rects[0]!
        const last = rects[rects.length - 1]!
        return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right + 1, y2: last.top + last.height / 2 }
      }
      throw new Error(`"${wanted}" is not in the document`)
    }, phrase)
    await page.mouse.move(box.x1, box.y1)
    await page.mouse.down()
    await page.mouse.move(box.x2, box.y2, { steps: 5 })
    await page.mouse.up()
    const selected = (): Promise<string> =>
      page.evaluate(() => {
        const { state } = window.__overens!.view
        return state.doc.textBetween(state.selection.from, state.selection.to)
      })
    // The browser reports a selection change asynchronously; give it that moment before dragging again.
    await page
      .waitForFunction(
        (wanted) => {
          const { state } = window.__overens!.view
          return state.doc.textBetween(state.selection.from, state.selection.to) === wanted
        },
        phrase,
        { timeout: 1000 },
      )
      .catch(() => undefined)
    return selected()
  }
  await expect.poll(drag, { timeout: 15_000 }).toBe(phrase)
}

/** The highlighted words of open comment threads, without any remote caret inside them. */
function highlighted(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.agreement-doc .comment-highlight')].map((el) => {
      const copy = el.cloneNode(true) as HTMLElement
      copy.querySelectorAll('.remote-cursor').forEach((c) => c.remove())
      return copy.textContent ?? ''
    }),
  )
}

/** Puts the caret in front of `phrase` (inside the text, as a click would). */
async function caretBefore(page: Page, phrase: string): Promise<void> {
  await page.evaluate((wanted) => {
    const { view } = window.__overens!
    let target = -1
    view.state.doc.descendants((node, pos) => {
      if (target >= 0 || !node.isText) return target < 0
      const at = node.text!.indexOf(wanted)
      if (at >= 0) target = pos + at
      return false
    })
    if (target < 0) throw new Error(`"${wanted}" is not in the document`)
    const Selection = view.state.selection.constructor as unknown as { near: (pos: unknown) => typeof view.state.selection }
    view.focus()
    view.dispatch(view.state.tr.setSelection(Selection.near(view.state.doc.resolve(target))))
  }, phrase)
}

const badge = (page: Page, kind: string) => page.locator(`section[data-kind="${kind}"] .review-badge`)

describe('comments', () => {
  it('a reviewer comments while a drafter types; the anchor keeps covering the same words', async () => {
    const { drafter, reviewer } = await drafterAndReviewer(false, 'IOP Mötesplats Norr')
    await focusEnd(drafter)
    await drafter.keyboard.type('Uppsägningstiden är sex månader. Parterna tar fram en avvecklingsplan.')
    await expect.poll(() => docText(reviewer)).toContain('Parterna tar fram en avvecklingsplan.')

    // The reviewer's editor is read-only, yet the reviewer selects words and comments on them,
    // while the drafter keeps writing a new paragraph.
    await selectWithMouse(reviewer, 'sex månader')
    const comment = reviewer.getByTestId('comment-on-selection')
    await comment.waitFor()
    await screenshot(reviewer, 'review-1-comment-button')
    await comment.click()
    const form = reviewer.locator('.comment-popover .comment-form')
    await form.locator('textarea').fill('Räcker det för personalen? ')
    await form.locator('.mention-picker').selectOption({ label: 'Dina Skribent' })
    expect(await form.locator('textarea').inputValue()).toBe('Räcker det för personalen? @Dina Skribent ')
    await screenshot(reviewer, 'review-2-comment-form')
    await drafter.keyboard.press('Enter')
    const typing = drafter.keyboard.type('Lokalen finns på Storgatan 3.', { delay: 15 })
    await form.locator('button[type=submit]').click()
    await typing

    // Live for the drafter: the thread in the panel and the words highlighted in the text.
    const thread = drafter.locator('.panel-card[data-panel=comments] li.thread')
    await expect.poll(() => thread.count()).toBe(1)
    expect(await thread.locator('.comment-author').textContent()).toBe('Rune Jurist')
    expect(await thread.locator('.comment-body').textContent()).toBe('Räcker det för personalen? @Dina Skribent')
    expect(await thread.locator('.comment-body .mention').textContent()).toBe('@Dina Skribent')
    await expect.poll(() => highlighted(drafter)).toEqual(['sex månader'])
    await expect.poll(() => highlighted(reviewer)).toEqual(['sex månader'])

    // The reviewer's text is the drafter's; typing in a read-only editor changes nothing anywhere.
    await waitForStatus(drafter, 'saved')
    await expect.poll(async () => (await docText(reviewer)) === (await docText(drafter))).toBe(true)
    const before = await docText(drafter)
    await reviewer.locator('.agreement-doc p', { hasText: 'Lokalen' }).click()
    await reviewer.keyboard.type('Juristen skriver inte här.')
    await reviewer.keyboard.press('Enter')
    expect(await docText(reviewer)).toBe(before)
    expect(await docText(drafter)).toBe(before)
    expect(await reviewer.locator('.connection-status').getAttribute('data-state')).toBe('saved')

    // Text before the anchor and a paragraph split after it: the same words stay covered, on both sides.
    await caretBefore(drafter, 'Uppsägningstiden')
    await drafter.keyboard.type('Varje part får säga upp avtalet. ')
    await caretBefore(drafter, 'Parterna tar fram')
    await drafter.keyboard.press('Enter')
    await expect.poll(() => docText(reviewer)).toContain('Varje part får säga upp avtalet. Uppsägningstiden är sex månader. \nParterna tar fram')
    await expect.poll(() => highlighted(drafter)).toEqual(['sex månader'])
    await expect.poll(() => highlighted(reviewer)).toEqual(['sex månader'])
    await drafter.locator('.panel-card[data-panel=comments]').scrollIntoViewIfNeeded()
    await screenshot(drafter, 'review-3-comment-drafter')

    // Clicking the highlighted words shows their thread.
    await drafter.locator('.agreement-doc .comment-highlight').click()
    await expect.poll(() => thread.getAttribute('class')).toContain('is-active')

    // The drafter replies; clicking the quote selects the words in the text.
    await thread.locator('.thread-reply').click()
    await thread.locator('.comment-form textarea').fill('Vi skriver nio månader i stället.')
    await thread.locator('.comment-form button[type=submit]').click()
    const reviewerThread = reviewer.locator('.panel-card[data-panel=comments] li.thread')
    await expect.poll(() => reviewerThread.locator('.comment').count()).toBe(2)
    await reviewerThread.locator('.thread-quote').click()
    await expect
      .poll(() =>
        reviewer.evaluate(() => {
          const { state } = window.__overens!.view
          return state.doc.textBetween(state.selection.from, state.selection.to)
        }),
      )
      .toBe('sex månader')

    // Deleting the words marks the thread; resolving moves it below the open ones.
    await selectWithMouse(drafter, 'sex månader')
    await drafter.keyboard.press('Backspace')
    await expect.poll(() => reviewerThread.getAttribute('class')).toContain('is-deleted')
    expect(await reviewerThread.locator('.thread-deleted').textContent()).toBe('texten är borttagen')
    expect(await reviewerThread.locator('.thread-deleted').isVisible()).toBe(true)
    await reviewer.locator('.panel-card[data-panel=comments]').scrollIntoViewIfNeeded()
    await screenshot(reviewer, 'review-4-comment-deleted')
    await reviewerThread.locator('.thread-resolve').click()
    await expect.poll(() => drafter.locator('[data-list=resolved] li.thread').count()).toBe(1)
    expect(await drafter.locator('[data-list=resolved] .thread-resolved-by').textContent()).toBe('Löst av Rune Jurist')
  }, 90_000)
})

describe('review status', () => {
  it('the reviewer approves a section; once the drafter edits it both see "Ändrad sedan godkännandet"', async () => {
    const { drafter, reviewer } = await drafterAndReviewer(true, 'IOP Läxhjälp Söder')
    await expect.poll(() => badge(drafter, 'duration').textContent()).toBe('Utkast')
    expect(await badge(reviewer, 'duration').textContent()).toBe('Utkast')

    // The drafter may only submit; the reviewer sees it live.
    await badge(drafter, 'duration').click()
    const drafterMenu = drafter.locator('.review-menu')
    expect(await drafterMenu.locator('button[data-action]').evaluateAll((els) => els.map((e) => e.textContent))).toEqual(['Klar för granskning'])
    await drafterMenu.locator('button[data-action=ready_for_review]').click()
    await expect.poll(() => badge(reviewer, 'duration').textContent()).toBe('Klar för granskning')

    await badge(reviewer, 'duration').click()
    const reviewerMenu = reviewer.locator('.review-menu')
    expect(await reviewerMenu.locator('button[data-action]').evaluateAll((els) => els.map((e) => e.textContent))).toEqual(['Godkänn', 'Begär ändringar'])
    await screenshot(reviewer, 'review-5-status-menu')
    await reviewerMenu.locator('button[data-action=approved]').click()
    await expect.poll(() => badge(drafter, 'duration').textContent()).toBe('Godkänd')
    expect(await badge(drafter, 'duration').getAttribute('title')).toMatch(/^Godkänd av Rune Jurist, /)
    await expect.poll(() => badge(reviewer, 'duration').textContent()).toBe('Godkänd')
    await drafter.locator('section[data-kind="duration"] h2').scrollIntoViewIfNeeded()
    await screenshot(drafter, 'review-6-approved')

    // A clause has its own badge, at its top.
    await drafter.evaluate(() => {
      const { view } = window.__overens!
      const { schema } = view.state
      let at = -1
      view.state.doc.forEach((node, offset) => {
        if (node.attrs.kind === 'meeting_cadence') at = offset + node.nodeSize - 1
      })
      const text = schema.nodes.paragraph!.create(null, schema.text('Styrgruppen möts fyra gånger om året.'))
      view.dispatch(view.state.tr.insert(at, schema.nodes.clause!.create({ clauseId: 'meeting_cadence.e2e', version: 1, uid: 'clause-e2e-1' }, text)))
    })
    const clauseBadge = reviewer.locator('.clause[data-uid="clause-e2e-1"] .review-badge')
    await expect.poll(() => clauseBadge.count()).toBe(1)
    expect(await clauseBadge.textContent()).toBe('Utkast')
    await clauseBadge.scrollIntoViewIfNeeded()
    await screenshot(reviewer, 'review-6b-clause-badge')

    // Changes requested with a note on another section: the note is in the badge's hover text.
    await badge(reviewer, 'termination').click()
    await reviewerMenu.locator('button[data-action=request_changes]').click()
    await reviewerMenu.locator('.review-note-input').fill('Ange uppsägningstiden i månader.')
    await reviewerMenu.locator('.review-note-form button[type=submit]').click()
    await expect.poll(() => badge(drafter, 'termination').textContent()).toBe('Ändringar begärda')
    expect(await badge(drafter, 'termination').getAttribute('title')).toContain('Ange uppsägningstiden i månader.')

    // The drafter edits the approved section: both see it at once, computed from the live text.
    await drafter.locator('section[data-kind="duration"] p').first().click()
    await drafter.keyboard.type('Avtalet gäller i tre år.')
    await expect.poll(() => badge(drafter, 'duration').textContent()).toBe('Ändrad sedan godkännandet')
    await expect.poll(() => badge(reviewer, 'duration').textContent()).toBe('Ändrad sedan godkännandet')
    expect(await badge(reviewer, 'duration').getAttribute('data-status')).toBe('changed')
    await expect.poll(() => reviewer.locator('.review-summary-row[data-status=changed] .review-count').textContent()).toBe('1')
    // The badges are decorations, not text: the document holds only what people wrote.
    expect(await docText(drafter)).toContain('Avtalstid\nAvtalet gäller i tre år.')
    await reviewer.locator('section[data-kind="duration"] h2').scrollIntoViewIfNeeded()
    await openPanel(reviewer, 'review')
    await screenshot(reviewer, 'review-7-changed-since-approval')

    // The badges follow a language switch without a reload.
    await reviewer.locator('[data-testid=lang-switch]').click()
    await expect.poll(() => badge(reviewer, 'duration').textContent()).toBe('Changed since approval')
    expect(await badge(reviewer, 'termination').textContent()).toBe('Changes requested')
    expect(await reviewer.locator('.panel-card[data-panel=review] .panel-title').textContent()).toBe('Review')
  }, 90_000)
})

describe('named versions', () => {
  it('saves a version, compares it with now and opens it read-only', async () => {
    const { drafter, reviewer } = await drafterAndReviewer(false, 'IOP Fritidsgård Öst')
    await focusEnd(drafter)
    await drafter.keyboard.type('Föreningen håller öppet på kvällarna.')
    await waitForStatus(drafter, 'saved')

    await Promise.all([openPanel(drafter, 'versions'), openPanel(reviewer, 'versions')])
    // Reviewers read versions but do not save them.
    expect(await reviewer.locator('.version-save').isHidden()).toBe(true)
    await drafter.locator('.version-name').fill('Skickad till styrgruppen')
    await drafter.locator('.version-save button[type=submit]').click()
    await expect.poll(() => reviewer.locator('.version .version-name-text').allTextContents()).toEqual(['Skickad till styrgruppen'])

    await focusEnd(drafter)
    await drafter.keyboard.press('Enter')
    await drafter.keyboard.type('Kommunen står för lokalen och städningen.')
    await expect.poll(() => docText(reviewer)).toContain('Kommunen står för lokalen och städningen.')

    await drafter.locator('.version .version-compare-now').click()
    const dialog = drafter.locator('dialog.version-dialog')
    await dialog.waitFor()
    expect(await dialog.locator('h2').textContent()).toBe('Skickad till styrgruppen jämfört med nu')
    expect((await dialog.locator('.diff-block ins').allTextContents()).join('')).toContain('Kommunen står för lokalen och städningen.')
    expect(await dialog.locator('.diff-block[data-kind=same]', { hasText: 'Föreningen håller öppet på kvällarna.' }).count()).toBe(1)
    await screenshot(drafter, 'review-8-compare-with-now')
    await dialog.locator('.version-dialog-close').click()
    await dialog.waitFor({ state: 'detached' })

    // Two versions compared with each other; the newest is listed first.
    await drafter.locator('.version-name').fill('Efter mötet med styrgruppen')
    await drafter.locator('.version-save button[type=submit]').click()
    await expect.poll(() => drafter.locator('.version .version-name-text').allTextContents()).toEqual(['Efter mötet med styrgruppen', 'Skickad till styrgruppen'])
    await drafter.locator('.version-compare .version-from').selectOption({ label: 'Skickad till styrgruppen' })
    await drafter.locator('.version-compare .version-to').selectOption({ label: 'Efter mötet med styrgruppen' })
    await drafter.locator('.version-compare button[type=submit]').click()
    await dialog.waitFor()
    expect(await dialog.locator('h2').textContent()).toBe('Skickad till styrgruppen jämfört med Efter mötet med styrgruppen')
    expect((await dialog.locator('.diff-block ins').allTextContents()).join('')).toContain('Kommunen står för lokalen och städningen.')
    await dialog.locator('.version-dialog-close').click()
    await dialog.waitFor({ state: 'detached' })

    await reviewer.locator('.version', { hasText: 'Skickad till styrgruppen' }).filter({ hasNotText: 'Efter' }).locator('.version-open').click()
    const version = reviewer.locator('dialog.version-dialog')
    await version.waitFor()
    const versionDoc = version.locator('.version-doc .agreement-doc')
    expect(await versionDoc.textContent()).toContain('Föreningen håller öppet på kvällarna.')
    expect(await versionDoc.textContent()).not.toContain('Kommunen står för lokalen')
    expect(await versionDoc.getAttribute('contenteditable')).toBe('false')
    await screenshot(reviewer, 'review-9-version-read-only')
  }, 90_000)
})
