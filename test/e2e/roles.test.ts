import { describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { ServerProcess } from '../support/server-process.ts'
import { docText, focusEnd, newPerson, openPanel, screenshot, signIn, signUpInBrowser, TEST_PASSWORD, waitForStatus, useServerAndBrowser } from './browser.ts'

let server: ServerProcess
let browser: Browser
const contexts: BrowserContext[] = []

useServerAndBrowser((s, b) => {
  server = s
  browser = b
}, contexts)

async function person(name?: string): Promise<Page> {
  const { context, page } = await newPerson(browser, { name })
  contexts.push(context)
  return page
}

/** The stored text as the server has it (GET /api/agreements/:id), asked as `page`'s account. */
async function serverContent(page: Page, id: string): Promise<string> {
  const response = await page.context().request.get(`${server.url}/api/agreements/${id}`)
  expect(response.status()).toBe(200)
  return JSON.stringify(((await response.json()) as { content: unknown }).content)
}

const editable = (page: Page): Promise<string | null> => page.locator('.agreement-doc').getAttribute('contenteditable')
const members = (page: Page) => page.locator('.panel-card[data-panel=members]')

/** Fills the party form of the members panel and waits until the party is listed. */
async function addParty(page: Page, name: string, type: 'public' | 'idea_driven', orgNr: string): Promise<void> {
  const panel = members(page)
  const add = panel.locator('details.party-add')
  if (!(await add.evaluate((el) => (el as HTMLDetailsElement).open))) await add.locator('summary').click()
  await add.locator('input[name=partyName]').fill(name)
  await add.locator('select[name=partyType]').selectOption(type)
  await add.locator('input[name=orgNr]').fill(orgNr)
  await add.locator('.party-save').click()
  await panel.locator('.party-name', { hasText: name }).waitFor()
}

/** Edits one member's row in the members panel (as an owner) and waits for the row to show the role. */
async function editMember(page: Page, email: string, change: { role?: string; party?: string; mandate?: string }): Promise<void> {
  const panel = members(page)
  await panel.locator(`li.member[data-email="${email}"] .member-edit`).click()
  const form = panel.locator(`form.member-form[data-email="${email}"]`)
  if (change.role) await form.locator('select[name=role]').selectOption(change.role)
  if (change.party) await form.locator('select[name=partyId]').selectOption({ label: change.party })
  if (change.mandate !== undefined) await form.locator('input[name=mandate]').fill(change.mandate)
  await form.locator('.member-save').click()
  await panel.locator(`li.member[data-email="${email}"]${change.role ? `[data-role=${change.role}]` : ''}`).waitFor()
}

describe('roles in the writing group', () => {
  it('an owner invites a reviewer by link, the reviewer reads only, and a promotion lets them write without a reload', async () => {
    // The owner creates the agreement and writes a first sentence.
    const owner = await person('Olivia Ägare')
    const { email: ownerEmail } = await signIn(owner, server.url)
    const created = await owner.context().request.post(`${server.url}/api/agreements`, {
      data: { title: 'IOP Läxhjälp Västerås', municipality: 'Västerås', skeleton: false },
    })
    expect(created.status()).toBe(201)
    const { id } = (await created.json()) as { id: string }
    await owner.goto(`${server.url}/a/${id}`)
    await owner.waitForFunction(() => window.__overens?.provider.synced === true)
    await expect.poll(() => owner.locator('[data-testid=role-badge]').textContent()).toBe('Ägare')
    await openPanel(owner, 'members')
    await focusEnd(owner)
    await owner.keyboard.type('Kommunen bidrar med lokaler.')
    await waitForStatus(owner, 'saved')

    // Parties, and the owner's own party and mandate, through the panel.
    await addParty(owner, 'Västerås stad', 'public', '212000-2080')
    await addParty(owner, 'Läxhjälpen Västerås', 'idea_driven', '802000-1234')
    await editMember(owner, ownerEmail, { party: 'Läxhjälpen Västerås', mandate: 'får skriva under' })
    const ownerRow = members(owner).locator(`li.member[data-email="${ownerEmail}"]`)
    expect(await ownerRow.locator('.member-meta').textContent()).toBe('Ägare · Läxhjälpen Västerås')
    expect(await ownerRow.locator('.member-mandate').textContent()).toBe('får skriva under')

    // Adding by email needs an account: an unknown address is refused with a hint, a known one joins.
    const viewer = await person('Vera Läsare')
    const { email: viewerEmail } = await signIn(viewer, server.url)
    const addForm = members(owner).locator('details.members-add')
    await addForm.locator('summary').click()
    await addForm.locator('input[name=email]').fill('finns.inte@example.se')
    await addForm.locator('button[type=submit]').click()
    await expect.poll(() => addForm.locator('.error').textContent()).toBe('Det finns inget konto med den e-postadressen. Skicka en inbjudningslänk i stället.')
    await addForm.locator('input[name=email]').fill(viewerEmail)
    await addForm.locator('select[name=role]').selectOption('viewer')
    await addForm.locator('select[name=partyId]').selectOption({ label: 'Västerås stad' })
    await addForm.locator('input[name=mandate]').fill('ska förankra i nämnden')
    await addForm.locator('button[type=submit]').click()
    const viewerRow = members(owner).locator(`li.member[data-email="${viewerEmail}"]`)
    await expect.poll(() => viewerRow.locator('.member-meta').textContent()).toBe('Läsare · Västerås stad')
    expect(await addForm.locator('.error').isHidden()).toBe(true)

    // An invitation link for a reviewer.
    await members(owner).locator('details.members-invite summary').click()
    await members(owner).locator('.invite-form select[name=role]').selectOption('reviewer')
    await members(owner).locator('.invite-form input[name=expiresInDays]').fill('7')
    await members(owner).locator('.invite-create').click()
    const link = members(owner).locator('.invite-link')
    await expect.poll(() => link.inputValue()).toMatch(/\/invite\/[^/]+$/)
    const invitation = await link.inputValue()
    expect(await members(owner).locator('.invite-expiry').textContent()).toContain('går med som granskare')
    await screenshot(owner, 'roles-1-owner-invites')

    // The reviewer opens the link without an account, signs up and lands in the agreement.
    const reviewer = await person()
    await reviewer.goto(invitation)
    await reviewer.locator('form.auth-form[data-mode=signup] .auth-invitation').waitFor()
    await screenshot(reviewer, 'roles-2-invitation-signup')
    const { email: reviewerEmail } = await signUpInBrowser(reviewer, 'Rut Granskare')
    // Signed in, the page names the agreement and the role; joining takes a click, never a page load.
    await reviewer.locator('[data-testid=invite-join]:not([hidden])').click()
    await reviewer.waitForURL(`${server.url}/a/${id}`)
    await reviewer.waitForFunction(() => window.__overens?.provider.synced === true)
    await expect.poll(() => reviewer.locator('[data-testid=role-badge]').textContent()).toBe('Granskare – du kan kommentera men inte ändra texten')
    // Reviewers are always in suggest mode: the editor takes input, which becomes suggestions, never text.
    expect(await editable(reviewer)).toBe('true')
    expect(await reviewer.locator('.toolbar').isVisible()).toBe(false)
    expect(await docText(reviewer)).toBe(await docText(owner))

    // Typing changes nothing, locally or on the server, and the connection stays up.
    const before = await serverContent(owner, id)
    await reviewer.locator('.agreement-doc p').last().click()
    await reviewer.keyboard.type('Granskaren skriver.')
    await reviewer.keyboard.press('Enter')
    expect(await docText(reviewer)).toBe(await docText(owner))
    expect(await docText(reviewer)).not.toContain('Granskaren skriver.')
    // What the reviewer typed became a suggestion instead, drawn beside the text.
    await expect.poll(() => reviewer.locator('.agreement-doc .suggestion-ins').allTextContents()).toContain('Granskaren skriver.')
    // Nor does a change dispatched past the keyboard (a panel button would do this): it is vetoed.
    const afterDispatch = await reviewer.evaluate(() => {
      const { view } = window.__overens!
      view.dispatch(view.state.tr.insertText('Via en panel. ', 1))
      return view.state.doc.textContent
    })
    expect(afterDispatch).not.toContain('Via en panel.')
    expect(await serverContent(owner, id)).toBe(before)
    await waitForStatus(reviewer, 'saved')
    await reviewer.evaluate(() => scrollTo(0, 0))
    await screenshot(reviewer, 'roles-3-reviewer-read-only')

    // The owner sees the newcomer (they showed up in presence) and promotes them, with a party.
    const reviewerRow = members(owner).locator(`li.member[data-email="${reviewerEmail}"]`)
    await expect.poll(() => reviewerRow.locator('.member-meta').textContent()).toBe('Granskare')
    await editMember(owner, reviewerEmail, { role: 'drafter', party: 'Västerås stad', mandate: 'ska förankra i nämnden' })
    await screenshot(owner, 'roles-4-owner-promoted')

    // Without a reload: the reviewer's page follows the new role (4009 → reconnect → refetch).
    await expect.poll(() => reviewer.locator('[data-testid=role-badge]').textContent()).toBe('Skribent')
    await expect.poll(() => editable(reviewer)).toBe('true')
    expect(await reviewer.locator('.toolbar').isVisible()).toBe(true)
    await waitForStatus(reviewer, 'saved')
    await focusEnd(reviewer)
    await reviewer.keyboard.type(' Föreningen ordnar läxhjälp.')
    await expect.poll(() => docText(owner)).toContain('Kommunen bidrar med lokaler. Föreningen ordnar läxhjälp.')
    await waitForStatus(reviewer, 'saved')
    expect(await serverContent(owner, id)).toContain('Föreningen ordnar läxhjälp.')

    // Presence shows the party the server stamped on the new connection.
    const rutInPresence = owner.locator('.presence-person[data-name="Rut Granskare"]')
    await expect.poll(() => rutInPresence.locator('.presence-party').textContent()).toBe('Västerås stad')

    // The audit log tells the story in words.
    await members(owner).locator('details.audit summary').click()
    await expect
      .poll(() => members(owner).locator('.audit-text').allTextContents())
      .toEqual(
        expect.arrayContaining([
          'Olivia Ägare ändrade rollen för Rut Granskare från granskare till skribent',
          'Rut Granskare gick med via inbjudningslänk som granskare',
          'Olivia Ägare skapade en inbjudningslänk för granskare',
          'Olivia Ägare lade till parten Västerås stad',
        ]),
      )
    await screenshot(owner, 'roles-5-audit')

    // The last owner cannot leave: the server refuses and the panel says why.
    await members(owner).locator(`li.member[data-email="${ownerEmail}"] .member-edit`).click()
    const ownForm = members(owner).locator(`form.member-form[data-email="${ownerEmail}"]`)
    await ownForm.locator('select[name=role]').selectOption('drafter')
    await ownForm.locator('.member-save').click()
    await expect.poll(() => ownForm.locator('.error').textContent()).toBe('Avtalet måste ha minst en ägare. Gör någon annan till ägare först.')
    await ownForm.scrollIntoViewIfNeeded()
    await screenshot(owner, 'roles-5b-last-owner')
    await ownForm.locator('button', { hasText: 'Avbryt' }).click()

    // Removed while the page is open: the reviewer's page says so and stops.
    owner.once('dialog', (dialog) => void dialog.accept())
    await members(owner).locator(`li.member[data-email="${reviewerEmail}"] .member-edit`).click()
    await members(owner).locator(`form.member-form[data-email="${reviewerEmail}"] .member-remove`).click()
    await expect.poll(() => members(owner).locator(`li.member[data-email="${reviewerEmail}"]`).count()).toBe(0)
    await waitForStatus(reviewer, 'closed')
    expect(await reviewer.locator('.closed-message').textContent()).toBe('Du har inte längre tillgång till det här avtalet. En ägare kan ha tagit bort dig ur skrivgruppen.')
    await expect.poll(() => reviewer.locator('[data-testid=role-badge]').textContent()).toBe('Ingen åtkomst')
    expect(await editable(reviewer)).toBe('false')
    await reviewer.evaluate(() => scrollTo(0, 0))
    await screenshot(reviewer, 'roles-6-removed')
    // One story from invitation to removal, with two browsers: longer than the default 30 s under load.
  }, 60_000)

  it('a drafter demoted while offline is told the offline edits cannot be saved, and can drop them', async () => {
    const owner = await person('Olivia Ägare')
    await signIn(owner, server.url)
    const created = await owner.context().request.post(`${server.url}/api/agreements`, {
      data: { title: 'IOP Kvällsöppet', municipality: 'Gävle', skeleton: false },
    })
    const { id } = (await created.json()) as { id: string }
    const drafter = await person('Dag Skribent')
    const { email } = await signIn(drafter, server.url)
    const added = await owner.context().request.post(`${server.url}/api/agreements/${id}/members`, { data: { email, role: 'drafter' } })
    const { userId } = (await added.json()) as { userId: string }
    await drafter.goto(`${server.url}/a/${id}`)
    await waitForStatus(drafter, 'saved')
    await expect.poll(() => drafter.locator('[data-testid=role-badge]').textContent()).toBe('Skribent')

    // On the train: written offline, while the owner makes them a reviewer.
    await drafter.context().setOffline(true)
    await waitForStatus(drafter, 'offline')
    await focusEnd(drafter)
    await drafter.keyboard.type('Skrivet på tåget.')
    await drafter.locator('.connection-status[data-local="stored"]').waitFor()
    const demoted = await owner.context().request.patch(`${server.url}/api/agreements/${id}/members/${userId}`, { data: { role: 'reviewer' } })
    expect(demoted.status()).toBe(200)

    // Back online the server refuses the text (4403); the page says why instead of "no access".
    await drafter.context().setOffline(false)
    await waitForStatus(drafter, 'closed')
    const refused = drafter.locator('.refused-edits')
    await refused.waitFor()
    // It names the role the person has now and what cannot be saved, not a change it cannot know of.
    expect(await refused.locator('.refused-edits-message').textContent()).toContain('Du är granskare i avtalet och kan inte ändra texten.')
    expect(await drafter.locator('.closed-banner').isVisible()).toBe(false)
    expect(await serverContent(owner, id)).not.toContain('Skrivet på tåget.')
    await drafter.evaluate(() => scrollTo(0, 0))
    await screenshot(drafter, 'roles-9-refused-offline-edits')

    // Dropping this device's copy brings back a live, read-only view of the server's text.
    await drafter.locator('[data-testid=discard-refused-edits]').click()
    await drafter.waitForFunction(() => window.__overens?.provider.synced === true)
    await waitForStatus(drafter, 'saved')
    await expect.poll(() => drafter.locator('[data-testid=role-badge]').textContent()).toBe('Granskare – du kan kommentera men inte ändra texten')
    expect(await docText(drafter)).not.toContain('Skrivet på tåget.')
    expect(await drafter.locator('.refused-edits').isVisible()).toBe(false)
  })

  it('says so when the password is wrong, the address already has an account, or an invitation link is unknown', async () => {
    const someone = await person()
    await someone.goto(server.url)
    const { email } = await signUpInBrowser(someone, 'Sara Svensson')
    await someone.locator('[data-testid=logout]').click()
    await someone.locator('form.auth-form[data-mode=login]').waitFor()

    const form = someone.locator('form.auth-form')
    await form.locator('input[name=email]').fill(email)
    await form.locator('input[name=password]').fill('fel lösenord helt enkelt')
    await form.locator('button[type=submit]').click()
    await expect.poll(() => form.locator('[data-testid=auth-error]').textContent()).toBe('Fel e-postadress eller lösenord.')
    await screenshot(someone, 'roles-7-wrong-password')

    // The same address cannot get a second account.
    await form.locator('.auth-switch').click()
    await form.locator('input[name=displayName]').fill('Sara igen')
    await form.locator('input[name=email]').fill(email)
    await form.locator('input[name=password]').fill(TEST_PASSWORD)
    await form.locator('button[type=submit]').click()
    await expect.poll(() => form.locator('[data-testid=auth-error]').textContent()).toBe('Det finns redan ett konto med den e-postadressen. Logga in i stället.')

    await form.locator('.auth-switch').click()
    await form.locator('input[name=password]').fill(TEST_PASSWORD)
    await form.locator('button[type=submit]').click()
    await expect.poll(() => someone.locator('.who').textContent()).toBe('Inloggad som Sara Svensson')

    await someone.goto(`${server.url}/invite/finns-inte-alls`)
    await expect.poll(() => someone.locator('.invite-message').textContent()).toBe('Inbjudningslänken är okänd. Kontrollera att du har fått med hela länken.')
    await screenshot(someone, 'roles-8-unknown-invitation')
  })
})
