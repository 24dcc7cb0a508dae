import { describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { ServerProcess } from '../support/server-process.ts'
import { docText, newPerson, openPanel, screenshot, showAgreement, signIn, useServerAndBrowser, waitForStatus } from './browser.ts'

let server: ServerProcess
let browser: Browser

useServerAndBrowser((s, b) => {
  server = s
  browser = b
})

async function person(name: string): Promise<Page> {
  return (await newPerson(browser, { name })).page
}

async function post(path: string, cookie: string, body: unknown): Promise<any> {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) })
  const json = await res.json()
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`)
  return json
}

/**
 * An agreement built from a template holding a library termination clause, its coordinator (owner)
 * and a way to add people with a role, as the coordinator would.
 */
async function agreementWithTerminationClause(title: string): Promise<{ id: string; cookie: string; add(page: Page, role: string): Promise<void> }> {
  const signup = await fetch(`${server.url}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `samordnare.${Date.now()}.${Math.random().toString(36).slice(2)}@example.se`, password: 'ett långt lösenord för test', displayName: 'Samordnare' }),
  })
  const cookie = (signup.headers.get('set-cookie') ?? '').split(';')[0]!
  const org = await post('/api/organisations', cookie, { name: `Växjö kommun ${Math.random().toString(36).slice(2, 6)}`, type: 'public' })
  const template = await post(`/api/organisations/${org.id}/templates`, cookie, {
    name: { sv: 'Uppsägning', en: 'Termination' },
    lang: 'sv',
    items: [{ clauseId: 'termination.changed_conditions', params: { short_notice_months: 3, cost_split_rule: 'lika mellan parterna' } }],
  })
  const agreement = await post('/api/agreements', cookie, { title, municipality: 'Växjö', templateId: template.id })
  return {
    id: agreement.id,
    cookie,
    async add(page, role) {
      const { email } = await signIn(page, server.url)
      await post(`/api/agreements/${agreement.id}/members`, cookie, { email, role })
    },
  }
}

async function open(page: Page, id: string): Promise<void> {
  await showAgreement(page, server.url, id)
  // The side area shows one panel at a time: everyone here works in the list of suggestions.
  await openPanel(page, 'suggestions')
}

/** Selects `phrase` in the text, as a drag with the mouse would leave it. */
function select(page: Page, phrase: string): Promise<void> {
  return selectIn(page, phrase, 'all')
}

/** Puts the caret right before or right after `phrase`, as a click there would leave it. */
function caret(page: Page, phrase: string, side: 'before' | 'after'): Promise<void> {
  return selectIn(page, phrase, side)
}

async function selectIn(page: Page, phrase: string, part: 'all' | 'before' | 'after'): Promise<void> {
  await page.evaluate(
    ([wanted, part]) => {
      const { view } = window.__overens!
      let from = -1
      view.state.doc.descendants((node, pos) => {
        if (from >= 0 || !node.isText) return from < 0
        const at = node.text!.indexOf(wanted)
        if (at >= 0) from = pos + at
        return false
      })
      if (from < 0) throw new Error(`"${wanted}" is not in the document`)
      const Selection = view.state.selection.constructor as unknown as { create: (doc: unknown, a: number, b: number) => typeof view.state.selection }
      const to = from + wanted.length
      view.focus()
      view.dispatch(view.state.tr.setSelection(Selection.create(view.state.doc, part === 'after' ? to : from, part === 'before' ? from : to)))
    },
    [phrase, part] as const,
  )
}

/** The marks drawn in the text: struck-through original and underlined proposals. */
function inlineMarks(page: Page): Promise<{ del: string[]; ins: string[] }> {
  return page.evaluate(() => ({
    del: [...document.querySelectorAll('.agreement-doc .suggestion-del:not(.is-draft)')].map((e) => e.textContent ?? ''),
    ins: [...document.querySelectorAll('.agreement-doc .suggestion-ins:not(.is-draft)')].map((e) => e.textContent ?? ''),
  }))
}

const items = (page: Page) => page.locator('[data-testid=suggestions-panel] li.suggestion-item')
const OLD = 'en statlig myndighet'
const NEW = 'en kommunal nämnd'

describe('suggested changes', () => {
  it('a reviewer suggests a replacement in a termination clause, a drafter accepts it, a second reviewer’s deletion is rejected', async () => {
    const agreement = await agreementWithTerminationClause('IOP Läxhjälp Växjö')
    const [drafter, rune, vera] = await Promise.all([person('Dina Skribent'), person('Rune Jurist'), person('Vera Granskare')])
    await agreement.add(drafter, 'drafter')
    await agreement.add(rune, 'reviewer')
    await agreement.add(vera, 'reviewer')
    await Promise.all([open(drafter, agreement.id), open(rune, agreement.id), open(vera, agreement.id)])
    const original = await docText(drafter)
    expect(original).toContain(`Om ändrad lagstiftning, beslut av riksdagen, regeringen eller ${OLD} eller bortfall av statlig finansiering`)

    // The reviewer is always in suggest mode: she selects words and types the new ones.
    await rune.locator('[data-testid=suggest-always]').waitFor()
    expect(await rune.locator('[data-testid=suggest-toggle]').isVisible()).toBe(false)
    await select(rune, OLD)
    await rune.keyboard.type(NEW, { delay: 10 })
    // While she types, her draft is drawn in place; nothing in the document changed.
    await expect.poll(() => rune.locator('.agreement-doc .suggestion-ins.is-draft').textContent()).toBe(NEW)
    expect(await docText(rune)).toBe(original)
    await screenshot(rune, 'suggestions-1-reviewer-typing')

    // Live for the drafter once she pauses: struck-through and underlined, and in the list per section.
    await expect.poll(() => inlineMarks(drafter), { timeout: 15_000 }).toEqual({ del: [OLD], ins: [NEW] })
    await expect.poll(() => items(drafter).count()).toBe(1)
    const item = items(drafter).first()
    expect(await item.locator('.suggestion-author').textContent()).toBe('Rune Jurist')
    expect(await item.locator('.suggestion-old').textContent()).toBe(OLD)
    expect(await item.locator('.suggestion-new').textContent()).toBe(NEW)
    expect(await drafter.locator('.suggestion-group-title').first().textContent()).toBe('Uppsägning och avveckling')
    expect(await docText(drafter)).toBe(original)
    // Author and time on hover.
    const tip = await drafter.locator('.agreement-doc .suggestion-ins').getAttribute('data-tip')
    expect(tip).toContain('Rune Jurist')
    expect(tip).toContain(`föreslår att ersätta ”${OLD}” med ”${NEW}”`)
    await drafter.locator('.agreement-doc .suggestion-ins').hover()
    await screenshot(drafter, 'suggestions-2-drafter-sees-suggestion')

    // A second reviewer suggests deleting words with Backspace over a selection.
    const gone = ' eller bortfall av statlig finansiering'
    await select(vera, gone)
    await vera.keyboard.press('Backspace')
    await vera.locator('.agreement-doc').blur()
    await expect.poll(() => items(drafter).count(), { timeout: 15_000 }).toBe(2)
    await expect.poll(() => inlineMarks(rune)).toEqual({ del: [OLD, gone], ins: [NEW] })
    // Neither reviewer's connection was ever refused: they never sent text.
    for (const page of [rune, vera]) expect(await page.locator('.connection-status').getAttribute('data-state')).toBe('saved')
    await drafter.locator('.panel-card[data-panel=suggestions]').scrollIntoViewIfNeeded()
    await screenshot(drafter, 'suggestions-3-panel-two-suggestions')

    // The drafter accepts Rune's and rejects Vera's.
    const runes = drafter.locator('li.suggestion-item', { has: drafter.locator('.suggestion-author', { hasText: 'Rune Jurist' }) })
    const veras = drafter.locator('li.suggestion-item', { has: drafter.locator('.suggestion-author', { hasText: 'Vera Granskare' }) })
    await runes.locator('.suggestion-accept').click()
    const accepted = original.replace(OLD, NEW)
    for (const page of [drafter, rune, vera]) await expect.poll(() => docText(page)).toBe(accepted)
    await veras.locator('.suggestion-reject').click()
    for (const page of [drafter, rune, vera]) {
      await expect.poll(() => items(page).count()).toBe(0)
      await expect.poll(() => inlineMarks(page)).toEqual({ del: [], ins: [] })
    }
    expect(await docText(vera)).toContain(gone)
    // The accepted wording makes the library clause deviate, as a direct edit would.
    await expect.poll(() => drafter.locator('.clause-badge').first().textContent()).toMatch(/.+/)
    expect(await drafter.locator('.clause-flagged').count()).toBe(1)
    await drafter.locator('.clause-flagged').scrollIntoViewIfNeeded()
    await screenshot(drafter, 'suggestions-4-accepted-clause-deviates')

    const audit = await (await fetch(`${server.url}/api/agreements/${agreement.id}/audit`, { headers: { cookie: agreement.cookie } })).json()
    const decisions = audit.entries.filter((e: { action: string }) => e.action.startsWith('suggestion_'))
    expect(decisions.map((e: { action: string; actorName: string; details: { authorName: string } }) => [e.action, e.actorName, e.details.authorName])).toEqual([
      ['suggestion_rejected', 'Dina Skribent', 'Vera Granskare'],
      ['suggestion_accepted', 'Dina Skribent', 'Rune Jurist'],
    ])
  }, 120_000)

  it('a drafter switches on "Föreslå ändringar": typing and deleting become suggestions; off, typing edits', async () => {
    const agreement = await agreementWithTerminationClause('IOP Mötesplats')
    const [dina, olle] = await Promise.all([person('Dina Skribent'), person('Olle Skribent')])
    await agreement.add(dina, 'drafter')
    await agreement.add(olle, 'drafter')
    await Promise.all([open(dina, agreement.id), open(olle, agreement.id)])
    const original = await docText(dina)
    const toggle = dina.locator('[data-testid=suggest-toggle]')
    expect(await toggle.textContent()).toBe('Föreslå ändringar')
    expect(await toggle.getAttribute('aria-pressed')).toBe('false')
    await toggle.click()
    expect(await toggle.getAttribute('aria-pressed')).toBe('true')

    // An insertion typed at a caret, then Backspace twice over the original text before it.
    // ("3 månaders", with a no-break space, is the notice parameter's value, unit included;
    // "uppsägningstid" follows as plain text.)
    await caret(dina, 'månaders', 'before')
    await dina.keyboard.type('hela ', { delay: 10 })
    // A click elsewhere finishes the insertion; Backspace there strikes out characters to the left.
    await caret(dina, 'mån', 'after')
    await dina.keyboard.press('Backspace')
    await dina.keyboard.press('Backspace')
    await dina.locator('.agreement-doc').blur()
    await expect.poll(() => items(olle).count(), { timeout: 15_000 }).toBe(2)
    expect(await docText(dina)).toBe(original)
    expect(await docText(olle)).toBe(original)
    const olleSees = await inlineMarks(olle)
    expect(olleSees.ins).toEqual(['hela '])
    expect(olleSees.del).toEqual(['ån'])
    // Enter cannot be suggested: it is refused and said so.
    await select(dina, 'uppsägningstid')
    await dina.keyboard.press('Enter')
    await expect.poll(() => dina.locator('.suggest-notice').textContent()).toContain('kan inte föreslås')
    expect(await docText(dina)).toBe(original)
    await dina.evaluate(() => scrollTo(0, 0))
    await screenshot(dina, 'suggestions-5-drafter-suggest-mode')

    // The author withdraws one; the other drafter accepts the other.
    const mine = items(dina)
    await expect.poll(() => mine.count()).toBe(2)
    await mine.filter({ hasText: 'hela' }).locator('.suggestion-withdraw').click()
    await expect.poll(() => items(olle).count()).toBe(1)
    await items(olle).first().locator('.suggestion-accept').click()
    const expected = original.replace('3\u00a0månaders', '3\u00a0maders')
    await expect.poll(() => docText(dina)).toBe(expected)
    // Accepting can be taken back: the original words return for everyone and the suggestion is open again.
    await olle.locator('.panel-card[data-panel=suggestions]').scrollIntoViewIfNeeded()
    await screenshot(olle, 'suggestions-6-accepted-undo-offer')
    await olle.locator('.suggestions-undo-button').click()
    await expect.poll(() => docText(dina)).toBe(original)
    await expect.poll(() => items(olle).count()).toBe(1)
    await items(olle).first().locator('.suggestion-accept').click()
    await expect.poll(() => docText(dina)).toBe(expected)

    // Off again: typing changes the text directly.
    await toggle.click()
    expect(await toggle.getAttribute('aria-pressed')).toBe('false')
    await select(dina, 'maders')
    await dina.keyboard.type('månaders')
    await expect.poll(() => docText(olle)).toBe(original)
    expect(await items(olle).count()).toBe(0)
  }, 120_000)

  it('a suggestion made offline waits in the browser and reaches the drafters once the reviewer is back online', async () => {
    const agreement = await agreementWithTerminationClause('IOP Offline')
    const [dina, rune] = await Promise.all([person('Dina Skribent'), person('Rune Jurist')])
    await agreement.add(dina, 'drafter')
    await agreement.add(rune, 'reviewer')
    await Promise.all([open(dina, agreement.id), open(rune, agreement.id)])
    await rune.context().setOffline(true)
    await waitForStatus(rune, 'offline')
    await select(rune, 'lika mellan parterna')
    await rune.keyboard.type('efter förhandling', { delay: 10 })
    await rune.locator('.agreement-doc').blur()
    // Shown as pending where it was made, kept in this browser's storage, not yet on the server.
    await expect.poll(() => rune.locator('.agreement-doc .suggestion-ins.is-pending').textContent()).toBe('efter förhandling')
    expect(await rune.evaluate((id) => localStorage.getItem(`overens.suggestions.outbox.${id}`), agreement.id)).toContain('efter förhandling')
    expect(await items(dina).count()).toBe(0)
    await rune.context().setOffline(false)
    await expect.poll(() => items(dina).count(), { timeout: 15_000 }).toBe(1)
    expect(await items(dina).first().locator('.suggestion-new').textContent()).toBe('efter förhandling')
    await expect.poll(() => rune.evaluate((id) => localStorage.getItem(`overens.suggestions.outbox.${id}`), agreement.id)).toBeNull()
  }, 90_000)

  it('pasting over words in suggest mode proposes a replacement; pasting two paragraphs is refused', async () => {
    const agreement = await agreementWithTerminationClause('IOP Klistra')
    const [dina, rune] = await Promise.all([person('Dina Skribent'), person('Rune Jurist')])
    await agreement.add(dina, 'drafter')
    await agreement.add(rune, 'reviewer')
    await Promise.all([open(dina, agreement.id), open(rune, agreement.id)])
    const original = await docText(rune)
    const paste = (text: string) =>
      rune.evaluate((t) => {
        const data = new DataTransfer()
        data.setData('text/plain', t)
        window.__overens!.view.dom.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
      }, text)
    await select(rune, 'lika mellan parterna')
    await paste('enligt bilaga 2')
    await rune.locator('.agreement-doc').blur()
    await expect.poll(() => items(dina).count(), { timeout: 15_000 }).toBe(1)
    expect(await items(dina).first().locator('.suggestion-old').textContent()).toBe('lika mellan parterna')
    expect(await items(dina).first().locator('.suggestion-new').textContent()).toBe('enligt bilaga 2')
    await select(rune, 'uppsägningstid')
    await paste('första stycket\n\nandra stycket')
    await expect.poll(() => rune.locator('.suggest-notice').textContent()).toContain('kan inte föreslås')
    expect(await docText(rune)).toBe(original)
    expect(await docText(dina)).toBe(original)
  }, 90_000)

  it('a lawyer and two drafters work through a round of suggestions: "accept all in this section" leaves one agreed text in three browsers', async () => {
    const agreement = await agreementWithTerminationClause('IOP Runda')
    const [lawyer, dina, olle] = await Promise.all([person('Rune Jurist'), person('Dina Skribent'), person('Olle Skribent')])
    await agreement.add(lawyer, 'reviewer')
    await agreement.add(dina, 'drafter')
    await agreement.add(olle, 'drafter')
    await Promise.all([open(lawyer, agreement.id), open(dina, agreement.id), open(olle, agreement.id)])
    const original = await docText(dina)

    await select(lawyer, 'ändrad lagstiftning')
    await lawyer.keyboard.type('ny lagstiftning', { delay: 5 })
    await select(lawyer, ' som har byggts upp')
    await lawyer.keyboard.press('Backspace')
    // Olle proposes too, in suggest mode.
    await olle.locator('[data-testid=suggest-toggle]').click()
    await select(olle, 'lika mellan parterna')
    await olle.keyboard.type('i proportion till insatserna', { delay: 5 })
    await olle.locator('.agreement-doc').blur()
    await lawyer.locator('.agreement-doc').blur()
    await expect.poll(() => items(dina).count(), { timeout: 15_000 }).toBe(3)
    await dina.locator('.panel-card[data-panel=suggestions]').scrollIntoViewIfNeeded()
    await screenshot(dina, 'suggestions-7-round-three-open')

    await dina.locator('.suggestion-group .suggestions-accept-section').click()
    const agreed = original.replace('ändrad lagstiftning', 'ny lagstiftning').replace(' som har byggts upp', '').replace('lika mellan parterna', 'i proportion till insatserna')
    for (const page of [lawyer, dina, olle]) {
      await expect.poll(() => docText(page)).toBe(agreed)
      await expect.poll(() => items(page).count()).toBe(0)
    }
    await waitForStatus(lawyer, 'saved')
    expect(await lawyer.locator('.connection-status').getAttribute('data-state')).toBe('saved')
  }, 120_000)
})
