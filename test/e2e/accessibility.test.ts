import { describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { ServerProcess } from '../support/server-process.ts'
import { AxeLog, axeViolations, horizontalOverflow } from './a11y.ts'
import { asCoordinator, createAgreement, focusEnd, joinAgreement, newPerson, openAgreement, screenshot, useServerAndBrowser, waitForStatus } from './browser.ts'

let server: ServerProcess
let browser: Browser

useServerAndBrowser((s, b) => {
  server = s
  browser = b
})

const WIDE = { width: 1280, height: 860 }
const NARROW = { width: 390, height: 844 }
const TABS = ['outline', 'validator', 'clause-library', 'comments', 'review', 'versions', 'members'] as const
const log = new AxeLog()

/** Runs axe-core and the sideways-scroll check on the page as it is, and records the result. */
async function check(page: Page, state: string): Promise<void> {
  // Animations (drawer, toasts) settle first, so colours are measured as a person sees them.
  await page.waitForTimeout(250)
  const width = page.viewportSize()?.width ?? 0
  const violations = await axeViolations(page)
  const overflow = await horizontalOverflow(page)
  log.add(state, width, violations, overflow)
  expect.soft(violations, `${state} @${width}`).toEqual([])
  expect.soft(overflow, `${state} @${width}: horizontal scroll`).toBeLessThanOrEqual(0)
}

/** Shows a side panel's tab (opening the drawer first on a narrow screen). */
async function openTab(page: Page, id: string): Promise<void> {
  const toggle = page.locator('[data-testid=drawer-toggle]')
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click()
  await page.locator(`.panel-tab[data-tab="${id}"]`).click()
  await page.locator(`.panel-card[data-panel="${id}"]:not([hidden])`).waitFor()
}

async function closeDrawer(page: Page): Promise<void> {
  const toggle = page.locator('[data-testid=drawer-toggle]')
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) === 'true') await page.locator('.drawer-close').click()
}

/** Puts the caret (or a selection of `length` characters) at the start of the text `phrase`. */
async function caretAt(page: Page, phrase: string, length = 0): Promise<void> {
  await page.locator('.agreement-doc').focus()
  await page.evaluate(
    ({ phrase, length }) => {
      const { view } = window.__overens!
      let at = -1
      view.state.doc.descendants((node, pos) => {
        if (at >= 0 || !node.isText) return at < 0
        const i = node.text!.indexOf(phrase)
        if (i >= 0) at = pos + i
        return false
      })
      if (at < 0) throw new Error(`"${phrase}" is not in the document`)
      const Sel = view.state.selection.constructor as unknown as { create(doc: unknown, a: number, b: number): typeof view.state.selection }
      view.dispatch(view.state.tr.setSelection(Sel.create(view.state.doc, at, at + length)))
    },
    { phrase, length },
  )
}

async function editorStates(page: Page, role: string, { popovers }: { popovers: boolean }): Promise<void> {
  for (const size of [WIDE, NARROW]) {
    await page.setViewportSize(size)
    await closeDrawer(page)
    await check(page, `editor ${role}`)
    if (size === NARROW) await screenshot(page, `a11y-${role}-390-document`)
    for (const tab of TABS) {
      await openTab(page, tab)
      await check(page, `editor ${role}, panel ${tab}`)
      if (size === NARROW && tab === 'outline') await screenshot(page, `a11y-${role}-390-drawer`)
      if (size === WIDE && tab === 'review') await screenshot(page, `a11y-${role}-1280-review`)
    }
    await closeDrawer(page)
    if (!popovers) continue
    // The review popover of the section at the caret (Ctrl+Alt+G) and, where allowed, the comment form (Ctrl+Alt+M).
    await caretAt(page, 'Kommunen bidrar')
    await page.keyboard.press('Control+Alt+KeyG')
    await page.locator('.review-popover-menu').waitFor()
    await check(page, `editor ${role}, review popover`)
    if (size === WIDE) await screenshot(page, `a11y-${role}-1280-review-popover`)
    await page.keyboard.press('Escape')
    if (role === 'reviewer' || role === 'owner') {
      await caretAt(page, 'Kommunen bidrar', 15)
      await page.keyboard.press('Control+Alt+KeyM')
      await page.locator('.comment-popover').waitFor()
      await check(page, `editor ${role}, comment popover`)
      if (size === NARROW) await screenshot(page, `a11y-${role}-390-comment-popover`)
      await page.keyboard.press('Escape')
    }
  }
  await page.setViewportSize(WIDE)
}

describe('accessibility: no serious or critical axe-core violations, no sideways scroll', () => {
  it('checks every page state at 1280 and 390 px wide', { timeout: 600_000 }, async () => {
    // Signed out: login, sign-up, and an invitation link.
    const anon = (await newPerson(browser)).page
    for (const size of [WIDE, NARROW]) {
      await anon.setViewportSize(size)
      await anon.goto(server.url)
      await anon.locator('form.auth-form').waitFor()
      await check(anon, 'login')
      await anon.locator('.auth-switch').click()
      await anon.locator('form.auth-form[data-mode=signup]').waitFor()
      await check(anon, 'sign-up')
      await anon.goto(`${server.url}/invite/not-a-real-token`)
      await anon.locator('[data-testid=invite-message]').waitFor()
      await check(anon, 'invitation, signed out')
    }
    await screenshot(anon, 'a11y-login-390')

    // An agreement with the 19-section skeleton, some text, a version, and people in every role.
    const agreement = await createAgreement(server.url, { title: 'IOP Tillgänglighet Umeå', municipality: 'Umeå', lang: 'sv', skeleton: true })
    const people: Record<'owner' | 'drafter' | 'reviewer' | 'viewer', Page> = {
      owner: (await newPerson(browser, { name: 'Olle Ägare' })).page,
      drafter: (await newPerson(browser, { name: 'Dina Skribent' })).page,
      reviewer: (await newPerson(browser, { name: 'Rune Jurist' })).page,
      viewer: (await newPerson(browser, { name: 'Vera Läsare' })).page,
    }
    for (const role of ['owner', 'reviewer', 'viewer'] as const) await joinAgreement(people[role], server.url, agreement.id, role)
    await openAgreement(people.drafter, server.url, agreement.id)
    await focusEnd(people.drafter)
    await people.drafter.keyboard.type('Kommunen bidrar med lokaler och föreningen med volontärer.')
    await waitForStatus(people.drafter, 'saved')
    expect((await asCoordinator(server.url, agreement.id, `/api/agreements/${agreement.id}/versions`, { method: 'POST', body: JSON.stringify({ name: 'Första utkastet' }) })).status).toBe(201)

    // The list page and the invitation page of a signed-in person.
    const owner = people.owner
    for (const size of [WIDE, NARROW]) {
      await owner.setViewportSize(size)
      await owner.goto(server.url)
      await owner.locator('.agreement-row').first().waitFor()
      await check(owner, 'agreement list')
      await owner.goto(`${server.url}/invite/not-a-real-token`)
      await owner.locator('.invite-message.error').waitFor()
      await check(owner, 'invitation, signed in, unknown link')
    }
    await owner.setViewportSize(NARROW)
    await owner.goto(server.url)
    await owner.locator('.agreement-row').first().waitFor()
    await screenshot(owner, 'a11y-list-390')
    await owner.setViewportSize(WIDE)
    await screenshot(owner, 'a11y-list-1280')

    // The editor in every role, each panel open, the popovers; then the dialogs.
    for (const role of ['owner', 'drafter', 'reviewer', 'viewer'] as const) {
      const page = people[role]
      if (role !== 'drafter') await openAgreement(page, server.url, agreement.id)
      await page.locator('.outline-go').first().waitFor()
      await editorStates(page, role, { popovers: role !== 'viewer' })
    }

    // Dialogs: the display name, and a named version.
    await owner.locator('.change-name').click()
    await owner.locator('dialog.name-dialog[open]').waitFor()
    await check(owner, 'name dialog')
    await owner.keyboard.press('Escape')
    await openTab(owner, 'versions')
    await owner.locator('.version-open').first().click()
    await owner.locator('dialog[open]').waitFor()
    await check(owner, 'version dialog')
    await screenshot(owner, 'a11y-version-dialog')
    await owner.keyboard.press('Escape')

    const file = log.write('axe-results')
    const failing = log.rows.filter((r) => r.violations.length > 0 || r.overflow > 0)
    console.info(`axe: ${log.rows.length} states checked, ${failing.length} failing (${file})`)
    for (const row of failing) console.info(`  ${row.state} @${row.width}: ${row.violations.map((v) => `${v.id} ${v.nodes.join(' | ')}`).join('; ')} overflow ${row.overflow}`)
  })
})
