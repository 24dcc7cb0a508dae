import { describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { ServerProcess } from '../support/server-process.ts'
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

const runs = (page: Page): Promise<number> => page.evaluate(() => window.__overensValidation?.runs ?? 0)
const item = (page: Page, section: string) => page.locator(`.validator-item[data-section="${section}"]`)
const badge = (page: Page, section: string) => page.locator(`.agreement-doc .validation-badge[data-section="${section}"]`)

async function unfold(page: Page, section: string): Promise<void> {
  const details = item(page, section).locator('.validator-checklist')
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click()
}

/** Puts the cursor at the end of the section's text through the panel, as a person would, and types. */
async function typeInSection(page: Page, section: string, text: string): Promise<void> {
  await item(page, section).locator('.validator-goto').click()
  await page.keyboard.press('End')
  await page.keyboard.press('Enter')
  await page.keyboard.type(text)
}

describe('validator messages as codes', () => {
  it('switching Swedish to English relabels the panel and the badges without a new validation run', async () => {
    const agreement = await createAgreement(server.url, { title: 'IOP Språkbyte', municipality: 'Västerås', skeleton: true })
    const page = await person('Sara Svensson')
    await openAgreement(page, server.url, agreement.id)
    await openPanel(page, 'validator')
    await page.locator('.agreement-doc[data-validation="fresh"]').waitFor()
    const message = item(page, 'termination').locator('.validator-message')
    await message.waitFor()
    expect(await message.textContent()).toMatch(/^Avsnittet ”Uppsägning.*” är ofullständigt/)
    expect(await badge(page, 'termination').textContent()).toBe('Ofullständigt')
    expect(await badge(page, 'termination').getAttribute('title')).toMatch(/^Avsnittet ”Uppsägning/)
    // Let any run the opening scheduled settle, then count.
    await page.waitForTimeout(800)
    const before = await runs(page)
    expect(before).toBeGreaterThan(0)

    await page.locator('[data-testid=lang-switch]').click()
    await item(page, 'termination')
      .locator('.validator-message', { hasText: /^The section “Termination/ })
      .waitFor()
    await page.locator('.agreement-doc .validation-badge[data-section="termination"]', { hasText: 'Incomplete' }).waitFor()
    expect(await badge(page, 'termination').getAttribute('title')).toMatch(/^The section “Termination.*” is incomplete/)
    expect(await page.locator('.validator-summary').textContent()).toMatch(/^To fix:/)
    await screenshot(page, 'validator-codes-1-english-without-run')
    // Longer than the validator's idle delay: a run the switch had scheduled would have happened by now.
    await page.waitForTimeout(1000)
    expect(await runs(page)).toBe(before)

    await page.locator('[data-testid=lang-switch]').click()
    await item(page, 'termination')
      .locator('.validator-message', { hasText: /^Avsnittet ”Uppsägning/ })
      .waitFor()
    await page.waitForTimeout(1000)
    expect(await runs(page)).toBe(before)
  }, 60_000)

  it('a criterion marked as met completes its section for everyone until the section’s text changes', async () => {
    const agreement = await createAgreement(server.url, { title: 'IOP Markering', municipality: 'Västerås', skeleton: true })
    const [anna, bertil] = await Promise.all([person('Anna Andersson'), person('Bertil Berg')])
    await Promise.all([openAgreement(anna, server.url, agreement.id), openAgreement(bertil, server.url, agreement.id)])
    await Promise.all([openPanel(anna, 'validator'), openPanel(bertil, 'validator')])
    await Promise.all([anna, bertil].map((p) => p.locator('.agreement-doc[data-validation="fresh"]').waitFor()))

    // The skeleton's renegotiation section holds only a placeholder: its one criterion is unmet.
    expect(await item(bertil, 'renegotiation').getAttribute('data-status')).toBe('incomplete')
    expect(await badge(bertil, 'renegotiation').getAttribute('data-state')).toBe('incomplete')
    // The section is required: it counts among what is left to fix on the tab.
    const tabCount = bertil.locator('#tab-validator .panel-count')
    const flagged = Number(await tabCount.textContent())
    expect(flagged).toBeGreaterThan(1)

    await unfold(anna, 'renegotiation')
    const rn1 = item(anna, 'renegotiation').locator('.checklist-item[data-code="RN1"]')
    await rn1.locator('.checklist-mark-open').click()
    await rn1.locator('.checklist-note').fill('Översynen följer kommunens fasta IOP-rutin varje vår.')
    await rn1.locator('.checklist-save').click()

    // Bertil: the section moves to the done group, saying whose mark and which note, and its badge says so.
    const done = bertil.locator('.validator-done .validator-item[data-section="renegotiation"][data-acknowledged="true"]')
    await done.waitFor({ state: 'attached', timeout: 15_000 })
    const note = await done.locator('.validator-ack-note').textContent()
    expect(note).toContain('RN1 uppfyllt enligt markering av Anna Andersson')
    expect(note).toContain('fasta IOP-rutin')
    await bertil.locator('.agreement-doc .validation-badge[data-section="renegotiation"][data-state="acknowledged"]').waitFor()
    expect(await badge(bertil, 'renegotiation').textContent()).toBe('Uppfyllt enligt markering')
    expect(Number(await tabCount.textContent())).toBe(flagged - 1)
    expect(await badge(bertil, 'renegotiation').getAttribute('title')).toContain('Anna Andersson')
    // Only the badge changed: the amber edge of an incomplete section is gone, no green claim is made.
    expect(await bertil.locator('.agreement-doc .validation-incomplete[data-validation="renegotiation"]').count()).toBe(0)
    await bertil.locator('.validator-done > summary').click()
    await badge(bertil, 'renegotiation').scrollIntoViewIfNeeded()
    await done.scrollIntoViewIfNeeded()
    await screenshot(bertil, 'validator-codes-2-marked-seen-by-bertil')

    // Anna edits the section's text: the mark re-opens, the badge and the flag come back for Bertil.
    // Her panel lists the section among the done ones now, unfolded for her since her own mark moved it there.
    await anna.locator('.validator-done[open] .validator-item[data-section="renegotiation"] .validator-goto').waitFor()
    await typeInSection(anna, 'renegotiation', 'Parterna skriver detta stycke senare.')
    await bertil.locator('.agreement-doc .validation-badge[data-section="renegotiation"][data-state="incomplete"]').waitFor({ timeout: 15_000 })
    await bertil.locator('.validator-item[data-section="renegotiation"][data-status="incomplete"]').waitFor()
    expect(await bertil.locator('.validator-done .validator-item[data-section="renegotiation"]').count()).toBe(0)
    expect(Number(await tabCount.textContent())).toBe(flagged)
    await unfold(bertil, 'renegotiation')
    await badge(bertil, 'renegotiation').scrollIntoViewIfNeeded()
    await item(bertil, 'renegotiation').scrollIntoViewIfNeeded()
    expect(await item(bertil, 'renegotiation').locator('.checklist-item[data-code="RN1"] .checklist-reopened').textContent()).toContain('Anna Andersson')
    await screenshot(bertil, 'validator-codes-3-reopened')
  }, 90_000)
})
