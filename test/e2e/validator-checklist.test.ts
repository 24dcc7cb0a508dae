import { describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { ServerProcess } from '../support/server-process.ts'
import { axeViolations } from './a11y.ts'
import { createAgreement, newPerson, openAgreement, openPanel, screenshot, useServerAndBrowser } from './browser.ts'

let server: ServerProcess
let browser: Browser
const contexts: BrowserContext[] = []

useServerAndBrowser((s, b) => {
  server = s
  browser = b
}, contexts)

async function person(name: string): Promise<Page> {
  const { context, page } = await newPerson(browser, { name })
  contexts.push(context)
  return page
}

const checklist = (page: Page, section: string) => page.locator(`.validator-item[data-section="${section}"] .validator-checklist`)
const criterion = (page: Page, section: string, code: string) => checklist(page, section).locator(`.checklist-item[data-code="${code}"]`)

async function unfold(page: Page, section: string): Promise<void> {
  const details = checklist(page, section)
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click()
}

/** Puts the cursor at the end of the section's text through the panel, as a person would, and types. */
async function typeInSection(page: Page, section: string, text: string): Promise<void> {
  await page.locator(`.validator-item[data-section="${section}"] .validator-goto`).click()
  await page.keyboard.press('Enter')
  await page.keyboard.type(text)
}

describe('validator checklist', () => {
  it('shows criteria with their words, selects a quote, and a mark is seen by others until the section changes', async () => {
    const agreement = await createAgreement(server.url, { title: 'IOP Checklista', municipality: 'Västerås', skeleton: true })
    const [anna, bertil] = await Promise.all([person('Anna Andersson'), person('Bertil Berg')])
    await Promise.all([openAgreement(anna, server.url, agreement.id), openAgreement(bertil, server.url, agreement.id)])
    await Promise.all([openPanel(anna, 'validator'), openPanel(bertil, 'validator')])

    await typeInSection(anna, 'governance', 'Gemensamma frågor avgörs i samförstånd i styrgruppen.')
    await anna.locator('.agreement-doc[data-validation="fresh"]').waitFor()
    await unfold(anna, 'governance')
    const gv3 = criterion(anna, 'governance', 'GV3')
    await gv3
      .locator('.checklist-quote')
      .first()
      .waitFor({ timeout: 10_000 })
      .catch(async (e) => {
        await screenshot(anna, 'validator-checklist-debug')
        throw e
      })
    expect(await gv3.getAttribute('data-state')).toBe('met')
    expect(await gv3.locator('.checklist-status').textContent()).toContain('Uppfyllt')
    const quote = gv3.locator('.checklist-quote').first()
    expect(await quote.textContent()).toContain('avgörs i samförstånd')
    expect(await criterion(anna, 'governance', 'GV2').getAttribute('data-state')).toBe('unmet')

    // A click on the quote selects exactly those words in the text.
    await quote.click()
    const selected = await anna.evaluate(() => {
      const { state } = window.__overens!.view
      return state.doc.textBetween(state.selection.from, state.selection.to)
    })
    expect(selected).toContain('avgörs i samförstånd')

    // The outline lists the section as incomplete until the group decides otherwise.
    const outlineGovernance = bertil.locator('.outline-item', { hasText: 'Organisation och styrning' })
    await bertil.locator('.outline-item[data-check="incomplete"]', { hasText: 'Organisation och styrning' }).waitFor({ state: 'attached' })

    // Anna marks GV2 (operational level) as met with a note; Bertil sees the decision with her name and the note.
    const gv2 = criterion(anna, 'governance', 'GV2')
    await gv2.locator('.checklist-mark-open').click()
    await gv2.locator('.checklist-note').fill('Kontaktpersonerna i bilaga 2 är den operativa nivån.')
    await screenshot(anna, 'validator-checklist-1-marking')
    // The unfolded checklist with its note form open: named buttons, labelled note, status in words.
    expect(await axeViolations(anna)).toEqual([])
    await gv2.locator('.checklist-save').click()
    await anna.locator('.validator-item[data-section="governance"] .checklist-item[data-code="GV2"][data-state="acknowledged"]').waitFor({ state: 'attached' })

    // GV2 was the section's only unmet criterion: marked, the section counts as done (by the mark) for both.
    await bertil.locator('.validator-done .validator-item[data-section="governance"][data-acknowledged="true"]').waitFor({ state: 'attached' })
    // The outline agrees with the panel: the marked section no longer reads as incomplete there.
    await bertil.locator('.outline-item[data-check="present"]', { hasText: 'Organisation och styrning' }).waitFor({ state: 'attached' })
    expect(await outlineGovernance.locator('.outline-check').count()).toBe(0)
    await bertil.locator('.validator-done > summary').click()
    await unfold(bertil, 'governance')
    const bertilGv2 = bertil.locator('.validator-item[data-section="governance"] .checklist-item[data-code="GV2"][data-state="acknowledged"]')
    await bertilGv2.waitFor()
    const ackText = await bertilGv2.locator('.checklist-ack').textContent()
    expect(ackText).toContain('Anna Andersson')
    expect(ackText).toContain('bilaga 2')
    expect(await bertilGv2.locator('.checklist-status').textContent()).toContain('Uppfyllt enligt beslut')
    await screenshot(bertil, 'validator-checklist-2-seen-by-bertil')

    // Editing the section re-opens the mark for everyone, saying whose mark it was.
    // Anna's own mark moved the section among the done ones, unfolded for her so her checklist stays in view.
    await anna.locator('.validator-done[open] .validator-item[data-section="governance"] .checklist-item[data-code="GV2"]').waitFor()
    await typeInSection(anna, 'governance', 'Styrgruppen möts fyra gånger per år.')
    const reopened = bertil.locator('.validator-item[data-section="governance"] .checklist-item[data-code="GV2"]:not([data-state="acknowledged"]) .checklist-reopened')
    await reopened.waitFor()
    await bertil.locator('.outline-item[data-check="incomplete"]', { hasText: 'Organisation och styrning' }).waitFor({ state: 'attached' })
    expect(await reopened.textContent()).toContain('Anna Andersson')
    await screenshot(bertil, 'validator-checklist-3-reopened')

    // The checklist is rendered from criterion codes: switching language relabels it.
    await bertil.locator('[data-testid=lang-switch]').click()
    const relabelled = bertil.locator('.validator-item[data-section="governance"] .checklist-item[data-code="GV3"]')
    await relabelled.locator('.checklist-text', { hasText: 'A decision rule' }).waitFor()
    expect(await relabelled.locator('.checklist-status').textContent()).toContain('Met')
    expect(await relabelled.locator('.checklist-quote').getAttribute('aria-label')).toContain('Select the words in the text')
  }, 90_000)
})
