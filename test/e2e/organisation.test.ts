import { describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { ServerProcess } from '../support/server-process.ts'
import { axeViolations, horizontalOverflow } from './a11y.ts'
import { newPerson, screenshot, showAgreement, signIn, useServerAndBrowser } from './browser.ts'

let server: ServerProcess
let browser: Browser

useServerAndBrowser((s, b) => {
  server = s
  browser = b
})

const clause = (text: string) => ({
  id: 'termination.council_notice',
  sectionId: 'termination',
  parameters: [{ name: 'notice_months', type: 'months', label: { sv: 'Uppsägningstid (månader)', en: 'Notice (months)' }, required: true }],
  text: { sv: text, en: 'Either party may terminate with {notice_months} months’ notice.' },
})

async function post(page: Page, path: string, data: unknown): Promise<{ status: number; body: any }> {
  const res = await page.context().request.post(`${server.url}${path}`, { data })
  return { status: res.status(), body: await res.json().catch(() => null) }
}

describe('organisation library and templates in the browser', () => {
  it('a lawyer sees the diff and approves an organisation clause version with a note', { timeout: 120_000 }, async () => {
    const admin = (await newPerson(browser, { name: 'Anna Admin' })).page
    const lawyer = (await newPerson(browser, { name: 'Lars Jurist' })).page
    await signIn(admin, server.url)
    const { email: lawyerEmail } = await signIn(lawyer, server.url)
    const org = await post(admin, '/api/organisations', { name: 'Luleå kommun', type: 'public' })
    expect(org.status).toBe(201)
    expect((await post(admin, `/api/organisations/${org.body.id}/members`, { email: lawyerEmail, role: 'lawyer' })).status).toBe(201)
    expect((await post(admin, `/api/organisations/${org.body.id}/clauses`, clause('Parterna får säga upp avtalet med {notice_months} månaders varsel.'))).status).toBe(201)
    const v2 = await post(admin, `/api/organisations/${org.body.id}/clauses`, {
      ...clause('Parterna får säga upp avtalet skriftligt med {notice_months} månaders varsel till kommunstyrelsen.'),
      basedOn: 1,
    })
    expect(v2.status).toBe(201)
    const clauseId = v2.body.clause.id as string

    // From the list page to the organisation, by its link.
    await lawyer.goto(server.url)
    await lawyer.locator('.org-link', { hasText: 'Luleå kommun' }).click()
    await lawyer.locator('.org-page h1', { hasText: 'Luleå kommun' }).waitFor()
    expect(await lawyer.locator('.org-role').textContent()).toBe('Din roll: Jurist')
    const row = lawyer.locator(`.org-clause[data-clause-id="${clauseId}"]`)
    expect(await row.locator('.org-clause-meta').textContent()).toBe('version 2 · Utkast – inte godkänd')
    await row.locator('.org-clause-toggle').click()
    const version2 = row.locator('.org-version[data-version="2"]')
    await version2.waitFor()
    // The diff to version 1, word by word.
    expect(await version2.locator('.org-clause-diff ins').allTextContents()).toEqual(expect.arrayContaining(['skriftligt ']))
    expect((await version2.locator('.org-clause-diff ins').allTextContents()).join('')).toContain('kommunstyrelsen')
    expect(await version2.locator('.org-clause-diff').textContent()).not.toContain('undefined')

    await version2.locator('textarea[name=note]').fill('Stämmer med kommunens delegationsordning.')
    await screenshot(lawyer, 'org-1-before-approval')
    await version2.locator('[data-testid=approve-clause-version]').click()
    await expect.poll(() => row.locator('.org-clause-meta').textContent()).toMatch(/^version 2 · Godkänd av Lars Jurist /)
    const approved = lawyer.locator(`.org-clause[data-clause-id="${clauseId}"] .org-version[data-version="2"]`)
    expect(await approved.getAttribute('data-status')).toBe('approved')
    expect(await approved.textContent()).toContain('Anteckning: Stämmer med kommunens delegationsordning.')
    // Version 1 is still a draft and can be approved on its own; version 2's form is gone.
    expect(await approved.locator('[data-testid=approve-clause-version]').count()).toBe(0)
    await screenshot(lawyer, 'org-2-approved')

    // The server has the approval with its note.
    const stored = await lawyer.context().request.get(`${server.url}/api/clauses/${encodeURIComponent(clauseId)}`)
    const versions = ((await stored.json()) as { versions: { clause: { version: number }; approval: { byName: string; note: string } | null }[] }).versions
    expect(versions.map((v) => [v.clause.version, v.approval?.byName ?? null, v.approval?.note ?? null])).toEqual([
      [1, null, null],
      [2, 'Lars Jurist', 'Stämmer med kommunens delegationsordning.'],
    ])

    // A member (not a lawyer) gets no approval form; the page passes axe at both widths.
    for (const size of [
      { width: 1280, height: 860 },
      { width: 390, height: 844 },
    ]) {
      await lawyer.setViewportSize(size)
      expect(await axeViolations(lawyer), `org page @${size.width}`).toEqual([])
      expect(await horizontalOverflow(lawyer)).toBeLessThanOrEqual(0)
    }
    await screenshot(lawyer, 'org-3-390')
  })

  it('saves a 19-section agreement as a template from the editor, and the skeleton box is off while a template is chosen', { timeout: 120_000 }, async () => {
    const owner = (await newPerson(browser, { name: 'Olof Ägare' })).page
    await signIn(owner, server.url)
    expect((await post(owner, '/api/organisations', { name: 'Piteå kommun', type: 'public' })).status).toBe(201)
    const created = await post(owner, '/api/agreements', { title: 'IOP Förlaga Piteå', municipality: 'Piteå', skeleton: true })
    await showAgreement(owner, server.url, created.body.id)

    // The dialog proposes the agreement's title as the template's name once the page knows it.
    await owner.waitForFunction(() => document.title.startsWith('IOP Förlaga Piteå'))
    await owner.locator('[data-testid=save-template]').click()
    const dialog = owner.locator('dialog.save-template-dialog[open]')
    await dialog.waitFor()
    await dialog.locator('select[name=orgId] option').first().waitFor({ state: 'attached' })
    expect(await dialog.locator('input[name=nameSv]').inputValue()).toBe('IOP Förlaga Piteå')
    await dialog.locator('input[name=nameSv]').fill('Piteås förlaga')
    await dialog.locator('input[name=nameEn]').fill('Piteå template')
    expect(await axeViolations(owner)).toEqual([])
    await dialog.locator('button[type=submit]').click()
    await expect.poll(() => dialog.locator('.save-template-status').textContent()).toBe('Mallen ”Piteås förlaga” är sparad med 19 avsnitt och 0 klausuler.')
    await screenshot(owner, 'templates-1-saved')
    await owner.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    expect(await owner.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('save-template')

    // On the list page: choosing the template turns the skeleton box off and disables it; "Utan mall" gives it back.
    await owner.goto(server.url)
    const form = owner.locator('form.create-form')
    await form.locator('select[name=template] option', { hasText: 'Piteås förlaga' }).waitFor({ state: 'attached' })
    const skeleton = form.locator('input[name=skeleton]')
    expect(await skeleton.isChecked()).toBe(true)
    await form.locator('select[name=template]').selectOption({ label: 'Piteås förlaga · Piteå kommun' })
    expect(await skeleton.isChecked()).toBe(false)
    expect(await skeleton.isDisabled()).toBe(true)
    await form.locator('select[name=template]').selectOption('')
    expect(await skeleton.isChecked()).toBe(true)
    expect(await skeleton.isDisabled()).toBe(false)

    // A new agreement from it has the same 19 sections.
    await form.locator('select[name=template]').selectOption({ label: 'Piteås förlaga · Piteå kommun' })
    await form.locator('input').first().fill('IOP Piteå 2027')
    await form.locator('input').nth(1).fill('Piteå')
    await form.locator('button[type=submit]').click()
    await owner.waitForFunction(() => window.__overens?.provider.synced === true)
    await expect
      .poll(() =>
        owner.evaluate(() => {
          let n = 0
          window.__overens!.view.state.doc.forEach((node) => {
            if (node.type.name === 'section') n++
          })
          return n
        }),
      )
      .toBe(19)
  })
})
