import { describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { ServerProcess } from '../support/server-process.ts'
import { asCoordinator, createAgreement, docText, newPerson, openAgreement, openPanel, screenshot, signIn, useServerAndBrowser } from './browser.ts'

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

const flag = (page: Page, section: string) => page.locator(`.validator-item[data-section="${section}"]`)
const statusOf = (page: Page, section: string) => flag(page, section).getAttribute('data-status')

/** Waits until the validator and the deviation check have both looked at the current document. */
async function settled(page: Page): Promise<void> {
  await page.locator('.agreement-doc[data-validation="fresh"][data-clause-check="fresh"]').waitFor()
}

/** Selects `length` characters of the document starting `offset` characters into the first match of `text`. */
async function selectInText(page: Page, text: string, offset = 0, length = text.length): Promise<void> {
  await page.evaluate(
    ([needle, off, len]) => {
      const { view } = window.__overens!
      let from = -1
      view.state.doc.descendants((node, pos) => {
        if (from >= 0) return false
        if (node.isText && node.text!.includes(needle)) from = pos + node.text!.indexOf(needle) + off
        return true
      })
      if (from < 0) throw new Error(`text not found: ${needle}`)
      const Selection = view.state.selection.constructor as unknown as { create: (doc: unknown, a: number, b: number) => typeof view.state.selection }
      view.focus()
      view.dispatch(view.state.tr.setSelection(Selection.create(view.state.doc, from, from + len)))
    },
    [text, offset, length] as const,
  )
}

async function openClause(page: Page, id: string): Promise<void> {
  const toggle = page.locator(`.clause-hit[data-clause-id="${id}"] .clause-hit-toggle`)
  await toggle.scrollIntoViewIfNeeded()
  await toggle.click()
  await page.locator(`.clause-hit[data-clause-id="${id}"] .clause-preview`).waitFor()
}

describe('validator panel and clause library', () => {
  it('flags what is missing, clears a flag live for two people when a clause is inserted, and shows deviations', async () => {
    const agreement = await createAgreement(server.url, { title: 'IOP Läxhjälp 2027', municipality: 'Västerås', skeleton: true })
    const [anna, bertil] = await Promise.all([person('Anna Andersson'), person('Bertil Berg')])
    await Promise.all([openAgreement(anna, server.url, agreement.id), openAgreement(bertil, server.url, agreement.id)])
    await Promise.all([openPanel(anna, 'validator'), openPanel(bertil, 'clause-library')])

    // The skeleton's sections are all there but empty: required ones are errors, recommended ones warnings.
    await settled(anna)
    expect(await statusOf(anna, 'termination')).toBe('incomplete')
    const annaErrors = anna.locator('.validator-group[data-group="errors"]')
    expect(await annaErrors.locator('.validator-item[data-section="termination"] .validator-message').textContent()).toContain('Uppsägning och avveckling')
    expect(await anna.locator('.validator-group[data-group="warnings"] .validator-item[data-section="meeting_cadence"]').count()).toBe(1)
    expect(await anna.locator('.validator-summary').textContent()).toMatch(/^Att åtgärda: 14 · Att se över: \d+ · Klara: 0$/)
    // Quiet markers in the text: an amber edge and a badge on the heading.
    const terminationSection = anna.locator('section.agreement-section[data-kind="termination"]')
    expect(await terminationSection.getAttribute('class')).toContain('validation-incomplete')
    expect(await terminationSection.locator('h2 .validation-badge').textContent()).toBe('Ofullständigt')
    await screenshot(anna, 'validator-1-skeleton')

    // A click on a flag takes you to the section: the cursor lands in its text.
    await flag(anna, 'duration').locator('.validator-goto').click()
    expect(
      await anna.evaluate(() => {
        const { $from } = window.__overens!.view.state.selection
        return $from.node(1).attrs.kind as string
      }),
    ).toBe('duration')

    // "Choose a clause" opens the library filtered to that section.
    await flag(anna, 'termination').locator('.validator-clauses').click()
    expect(await anna.locator('.clause-section').inputValue()).toBe('termination')
    expect(await anna.locator('.clause-hit').evaluateAll((els) => els.map((e) => e.getAttribute('data-clause-id')))).toEqual(
      expect.arrayContaining(['termination.gradual_winddown', 'termination.material_breach']),
    )
    await openClause(anna, 'termination.gradual_winddown')
    // Fields start empty with the example as placeholder; the preview names what is missing by its label.
    const notice = anna.locator('.param-field[data-param="notice_months"] input')
    expect(await notice.inputValue()).toBe('')
    expect(await notice.getAttribute('placeholder')).toBe('t.ex. 6')
    expect(await anna.locator('.clause-preview .clause-provenance').textContent()).toContain('Inte juridiskt granskat')
    await notice.fill('9')
    await anna.locator('.param-field[data-param="plan_weeks"] input').fill('4')
    await expect.poll(() => anna.locator('.clause-preview-text').textContent()).toContain('9\u00a0månaders uppsägningstid')
    await screenshot(anna, 'clauses-1-preview')
    await anna.locator('.clause-insert').click()

    // The flag clears for both people: the second browser only got the edit over the wire.
    await expect.poll(() => statusOf(anna, 'termination')).toBe('present')
    await expect.poll(() => statusOf(bertil, 'termination')).toBe('present')
    expect(await docText(bertil)).toContain('skriftligen med 9\u00a0månaders uppsägningstid')
    expect(await bertil.locator('section.agreement-section[data-kind="termination"]').getAttribute('class')).not.toContain('validation-incomplete')
    await screenshot(bertil, 'validator-2-bertil-after-insert')

    // Search folds diacritics and case: "LARANDEMAL" finds the learning-goal clauses.
    await bertil.locator('.clause-query').fill('LARANDEMAL')
    await expect
      .poll(() => bertil.locator('.clause-hit').evaluateAll((els) => els.map((e) => e.getAttribute('data-clause-id'))))
      .toEqual(['learning_goals.shared_and_own', 'learning_goals.structural_change'])

    // Bertil fills in the duration; Anna's panel follows.
    await bertil.locator('.clause-query').fill('avtalstid')
    await openClause(bertil, 'duration.fixed_term')
    await bertil.locator('.param-field[data-param="start_date"] input').fill('2027-01-01')
    await bertil.locator('.param-field[data-param="end_date"] input').fill('2029-12-31')
    await bertil.locator('.clause-insert').click()
    await expect.poll(() => statusOf(anna, 'duration')).toBe('present')
    await settled(anna)
    expect(await anna.locator('.clause-badge').count()).toBe(0)

    // One word changed inside the approved text: both see the badge.
    // A built-in clause is the library's suggestion, not approved wording, and the badge says so.
    await selectInText(anna, 'skriftligen med', 0, 'skriftligen'.length)
    await anna.keyboard.type('muntligen')
    await anna.locator('.clause-badge', { hasText: 'Avviker från bibliotekets förslag' }).waitFor()
    await bertil.locator('.clause-badge', { hasText: 'Avviker från bibliotekets förslag' }).waitFor()
    await screenshot(anna, 'clauses-2-deviation-badge')

    // From the keyboard: Ctrl+Alt+K with the caret in the changed clause opens the badge's dialog, and
    // Escape brings her back to the text; outside a flagged clause the shortcut says why nothing opened.
    await anna.keyboard.press('Control+Alt+KeyK')
    await anna.locator('dialog.deviation-dialog[open]').waitFor()
    await anna.keyboard.press('Escape')
    await anna.locator('dialog.deviation-dialog').waitFor({ state: 'detached' })
    expect(await anna.evaluate(() => document.activeElement?.classList.contains('agreement-doc'))).toBe(true)
    await selectInText(anna, 'Parter och mandat', 0, 0)
    await anna.keyboard.press('Control+Alt+KeyK')
    await expect.poll(() => anna.locator('[data-testid=toast]').textContent()).toBe('Markören står inte i en klausul som avviker från biblioteket.')
    expect(await anna.locator('dialog.deviation-dialog').count()).toBe(0)

    // The badge opens a word-level diff; restoring brings the approved wording back and the badge goes.
    await anna.locator('.clause-badge').click()
    const dialog = anna.locator('dialog.deviation-dialog')
    await dialog.waitFor()
    expect(await dialog.locator('del.diff-removed').allTextContents()).toEqual(['skriftligen'])
    expect(await dialog.locator('ins.diff-added').allTextContents()).toEqual(['muntligen'])
    await screenshot(anna, 'clauses-3-deviation-diff')
    await dialog.locator('.deviation-revert').click()
    await settled(anna)
    expect(await anna.locator('.clause-badge').count()).toBe(0)
    expect(await docText(anna)).toContain('skriftligen med 9\u00a0månaders uppsägningstid')
    await settled(bertil)
    await expect.poll(() => bertil.locator('.clause-badge').count()).toBe(0)

    // Changing only a value (inside the filled-in date) is not a deviation.
    await selectInText(bertil, '2029-12-31', 0, 4)
    await bertil.keyboard.type('2030')
    await expect.poll(() => docText(bertil)).toContain('till och med 2030-12-31')
    await settled(bertil)
    expect(await bertil.locator('.clause-badge').count()).toBe(0)
    await expect.poll(() => docText(anna)).toContain('till och med 2030-12-31')
    await settled(anna)
    expect(await anna.locator('.clause-badge').count()).toBe(0)

    // The clause under the cursor has its values in the library card; changing them there is no deviation either.
    const atCursor = bertil.locator('.clause-at-cursor')
    await atCursor.waitFor()
    expect(await atCursor.locator('.param-field[data-param="end_date"] input').inputValue()).toBe('2030-12-31')
    await atCursor.locator('.param-field[data-param="start_date"] input').fill('2027-03-01')
    await screenshot(bertil, 'clauses-4a-values-at-cursor')
    await atCursor.locator('.clause-values-apply').click()
    await expect.poll(() => docText(anna)).toContain('från och med 2027-03-01 till och med 2030-12-31')
    await settled(anna)
    expect(await anna.locator('.clause-badge').count()).toBe(0)

    // A kept change carries the group's comment, shown with the clause.
    await selectInText(bertil, 'förlängs inte automatiskt', 0, 'förlängs'.length)
    await bertil.keyboard.type('fortsätter')
    await bertil.locator('.clause-badge').click()
    await bertil.locator('.deviation-keep').click()
    await bertil.locator('.deviation-note-input').fill('Parterna vill kunna förlänga ett år i taget.')
    await bertil.locator('.deviation-note-save').click()
    await anna.locator('.clause-badge', { hasText: 'Avviker – kommenterad' }).waitFor()
    expect(await anna.locator('.clause-note').textContent()).toBe('Kommentar till ändringen: Parterna vill kunna förlänga ett år i taget.')
    await screenshot(anna, 'clauses-4-deviation-noted')

    // The panel speaks the UI language, whatever the agreement's language is.
    await bertil.locator('[data-testid=lang-switch]').click()
    await expect.poll(() => bertil.locator('.validator-summary').textContent()).toMatch(/^To fix: \d+ · To review: \d+ · Done: \d+$/)
    expect(await flag(bertil, 'signatures').locator('.validator-message').textContent()).toContain('Signatures')
    expect(await bertil.locator('.clause-badge').textContent()).toBe('Differs – commented')
    await screenshot(bertil, 'validator-3-english')

    // Restoring keeps the value Bertil typed into the text; only the wording goes back.
    await anna.locator('.clause-badge').click()
    await anna.locator('dialog.deviation-dialog .deviation-revert').click()
    await expect.poll(() => docText(bertil)).toContain('till och med 2030-12-31. Överenskommelsen förlängs inte automatiskt')
    await expect.poll(() => bertil.locator('.clause-note').count()).toBe(0)
  }, 90_000)

  it('inserts a clause for a missing section with its heading, in taxonomy order, and undo takes it back', async () => {
    const agreement = await createAgreement(server.url, { title: 'IOP Fritidsgård', municipality: 'Umeå', skeleton: false })
    const carin = await person('Carin Ceder')
    // Carin's municipality has a clause of its own, approved by its lawyer (the creator is admin).
    await signIn(carin, server.url)
    const api = carin.context().request
    const org = (await (await api.post(`${server.url}/api/organisations`, { data: { name: 'Umeå kommun', type: 'public' } })).json()) as { id: string }
    const written = await api.post(`${server.url}/api/organisations/${org.id}/clauses`, {
      data: {
        id: 'termination.council_decision',
        sectionId: 'termination',
        parameters: [],
        text: { sv: 'Uppsägning från kommunens sida kräver beslut i kommunfullmäktige.', en: 'Termination by the municipality requires a decision of the municipal council.' },
      },
    })
    expect(written.status()).toBe(201)
    const orgClauseId = ((await written.json()) as { clause: { id: string } }).clause.id
    expect((await api.post(`${server.url}/api/organisations/${org.id}/clauses/termination.council_decision/versions/1/approve`, { data: {} })).status()).toBe(200)
    const party = await asCoordinator(server.url, agreement.id, `/api/agreements/${agreement.id}/parties`, { method: 'POST', body: JSON.stringify({ name: 'Umeå kommun', type: 'public' }) })
    expect(party.status).toBe(201)
    await openAgreement(carin, server.url, agreement.id)
    await openPanel(carin, 'validator')
    await settled(carin)
    expect(await statusOf(carin, 'termination')).toBe('missing')
    expect(await flag(carin, 'termination').locator('.validator-message').textContent()).toMatch(/Uppsägning och avveckling/)
    await screenshot(carin, 'validator-4-empty-doc')

    await flag(carin, 'termination').locator('.validator-add').click()
    await openClause(carin, 'termination.gradual_winddown')
    // Nothing is filled in for the group: without values the section would stay incomplete.
    await carin.locator('.param-field[data-param="notice_months"] input').fill('6')
    await carin.locator('.param-field[data-param="plan_weeks"] input').fill('4')
    await carin.locator('.clause-insert').click()
    // The inserted clause is brought into view and marked, so nobody has to look for it.
    await carin.locator('.ProseMirror div.clause.clause-just-inserted').waitFor()
    await screenshot(carin, 'clauses-8-just-inserted')
    await expect.poll(() => statusOf(carin, 'termination')).toBe('present')
    const kinds = () =>
      carin.evaluate(() => {
        const out: string[] = []
        window.__overens!.view.state.doc.forEach((n) => {
          if (n.type.name === 'section') out.push(`${String(n.attrs.kind)}:${n.firstChild?.textContent ?? ''}`)
        })
        return out
      })
    expect(await kinds()).toEqual(['termination:Uppsägning och avveckling'])

    // A section that comes earlier in an agreement goes before it; an empty one, too.
    await openPanel(carin, 'validator')
    await flag(carin, 'duration').locator('.validator-empty').click()
    await expect.poll(kinds).toEqual(['duration:Avtalstid', 'termination:Uppsägning och avveckling'])
    await expect.poll(() => statusOf(carin, 'duration')).toBe('incomplete')

    // Undo is the editor's own: the empty section, then the clause, go again.
    await carin.keyboard.press('Control+z')
    await expect.poll(kinds).toEqual(['termination:Uppsägning och avveckling'])
    await carin.keyboard.press('Control+z')
    await expect.poll(kinds).toEqual([])
    await expect.poll(() => statusOf(carin, 'termination')).toBe('missing')

    // A party parameter offers the agreement's parties, and free text for one not registered.
    await openPanel(carin, 'clause-library')
    await carin.locator('.clause-section').selectOption('budget_and_resources')
    await openClause(carin, 'budget_and_resources.annual_frame')
    const publicParty = carin.locator('.param-field[data-param="public_party"] select')
    await expect.poll(() => publicParty.locator('option').allTextContents()).toEqual(['Välj part…', 'Umeå kommun', 'Annan part…'])
    await publicParty.selectOption('Umeå kommun')
    await carin.locator('.param-field[data-param="public_amount_per_year"] input').fill('1200000')
    await expect.poll(() => carin.locator('.clause-preview-text').textContent()).toMatch(/^Umeå kommun lämnar ett bidrag till partnerskapet om 1\s200\s000\skr per år/)
    // A choice offers only its answers, each with its own sentence.
    await carin.locator('.param-field[data-param="payment_interval"] select').selectOption('semiannual_advance')
    expect(await carin.locator('.clause-preview-text').textContent()).toContain('halvårsvis i förskott, senast den femte vardagen i januari och juli.')
    expect(await carin.locator('.clause-unfilled').textContent()).toContain('Fördelning')
    await screenshot(carin, 'clauses-6-party-parameters')

    // The organisation's approved clause is in the library, marked as its own, and inserts like a built-in.
    await carin.locator('.clause-section').selectOption('')
    await carin.locator('.clause-query').fill('kommunfullmaktige sida')
    await expect.poll(() => carin.locator('.clause-hit').evaluateAll((els) => els.map((e) => e.getAttribute('data-clause-id')))).toEqual([orgClauseId])
    expect(await carin.locator('.clause-hit-owner').textContent()).toBe(' · Umeå kommun')
    await openClause(carin, orgClauseId)
    await screenshot(carin, 'clauses-5-organisation-clause')
    await carin.locator('.clause-insert').click()
    await expect.poll(() => docText(carin)).toContain('kräver beslut i kommunfullmäktige')
    await expect.poll(kinds).toEqual(['termination:Uppsägning och avveckling'])
    await settled(carin)
    expect(await carin.locator('.clause-badge').count()).toBe(0)
    await selectInText(carin, 'kräver beslut', 0, 'kräver'.length)
    await carin.keyboard.type('förutsätter')
    await carin.locator('.clause-badge', { hasText: 'Avviker från godkänd lydelse' }).waitFor()
    await carin.locator('.clause-badge').click()
    await carin.locator('dialog.deviation-dialog .deviation-revert').click()
    await expect.poll(() => docText(carin)).toContain('kräver beslut i kommunfullmäktige')

    // The lawyer approves a new version: the clause in the agreement says an update is there.
    const v2 = await api.post(`${server.url}/api/organisations/${org.id}/clauses`, {
      data: {
        id: 'termination.council_decision',
        sectionId: 'termination',
        parameters: [],
        basedOn: 1,
        text: {
          sv: 'Uppsägning från kommunens sida kräver beslut i kommunfullmäktige eller i den nämnd som fullmäktige har utsett.',
          en: 'Termination by the municipality requires a decision of the municipal council or of the committee it has appointed.',
        },
      },
    })
    expect(v2.status()).toBe(201)
    expect((await api.post(`${server.url}/api/organisations/${org.id}/clauses/termination.council_decision/versions/2/approve`, { data: {} })).status()).toBe(200)
    await carin.reload()
    await carin.waitForFunction(() => window.__overens?.provider.synced === true)
    await carin.locator('.clause-badge', { hasText: 'Uppdatering finns' }).waitFor()
    await carin.locator('.clause-badge').click()
    expect(await carin.locator('dialog.deviation-dialog h2').textContent()).toBe('Ny godkänd version')
    expect(await carin.locator('dialog.deviation-dialog ins.diff-added').allTextContents()).toEqual(['eller i den nämnd som fullmäktige har utsett'])
    await screenshot(carin, 'clauses-7-update-available')
    await carin.locator('dialog.deviation-dialog .deviation-revert').click()
    await expect.poll(() => docText(carin)).toContain('eller i den nämnd som fullmäktige har utsett')
    await settled(carin)
    expect(await carin.locator('.clause-badge').count()).toBe(0)
  }, 90_000)
})
