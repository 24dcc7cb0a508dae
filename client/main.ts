import './styles.css'
import { h } from './dom.ts'
import { editorPage } from './editor-page.ts'
import { applyTranslations, getLang, onLangChange, setLang, t } from './i18n.ts'
import { currentUser, fetchCurrentUser, logOut, onUserChange, setCurrentUser } from './account.ts'
import { onUnauthenticated } from './api.ts'
import { authPage } from './auth-page.ts'
import { identityOf } from './identity.ts'
import { invitePage } from './invite-page.ts'
import { listPage } from './list-page.ts'
import { orgPage } from './org/org-page.ts'
import { notificationBell } from './notifications/bell.ts'
import { askForName } from './name-dialog.ts'
import { openAccountDialog } from './account-dialog.ts'
import { startRouter, type Page, type Route } from './router.ts'

/** Boot: who is signed in, the header, then the page for the current path (or the login page). */
async function main(): Promise<void> {
  applyTranslations(document)
  document.title = t('appName')
  // Unreachable server: start as signed out; the login page says so when it is tried.
  await fetchCurrentUser().catch(() => null)
  // Any 401 means the session ended (expired, revoked, logged out in another tab).
  onUnauthenticated(() => setCurrentUser(null))

  const who = h('span', { class: 'who muted' })
  const accountActions = h('span', { class: 'account-actions' })
  const bell = notificationBell()
  let bellUser: string | null = null
  const renderWho = (): void => {
    const user = currentUser()
    // A stream belongs to the account it was opened for: another account gets its own.
    if ((user?.id ?? null) !== bellUser) {
      bell.stop()
      bellUser = user?.id ?? null
      if (user) bell.start()
    }
    accountActions.hidden = !user
    who.textContent = user ? t('youAre', { name: user.displayName }) : ''
  }
  renderWho()
  onLangChange(renderWho)

  // The visible name of the other language is the button's name (a spoken "Byt språk…" label that
  // does not contain "English" confuses voice control); the explanation is its title.
  const langSwitch = h('button', {
    class: 'button button-quiet lang-switch',
    text: 'languageSwitch',
    i18nAttrs: { title: 'languageSwitchLabel' },
    attrs: { type: 'button', 'data-testid': 'lang-switch', lang: getLang() === 'sv' ? 'en' : 'sv' },
    on: { click: () => setLang(getLang() === 'sv' ? 'en' : 'sv') },
  })
  onLangChange((lang) => langSwitch.setAttribute('lang', lang === 'sv' ? 'en' : 'sv'))
  const skipLink = h('a', {
    class: 'skip-link',
    text: 'layoutSkipToContent',
    attrs: { href: '#main' },
    on: {
      click: (event) => {
        // To the agreement's text when one is open, else to the page's content.
        event.preventDefault()
        const target = document.querySelector<HTMLElement>('.agreement-doc') ?? outlet
        target.focus()
        target.scrollIntoView({ block: 'start' })
      },
    },
  })
  const header = h(
    'header',
    { class: 'app-header' },
    h('a', { class: 'brand', attrs: { href: '/', 'data-route': true } }, h('span', { class: 'brand-mark', attrs: { 'aria-hidden': 'true' } }, 'Ö'), h('span', { text: 'appName' })),
    h('span', { class: 'tagline muted', text: 'tagline' }),
    h('div', { class: 'header-actions' }, accountActions, langSwitch),
  )
  accountActions.append(
    bell.element,
    who,
    h('button', {
      class: 'button button-quiet change-name',
      text: 'changeName',
      attrs: { type: 'button' },
      on: { click: () => void askForName({ current: currentUser()?.displayName ?? '' }) },
    }),
    h('button', {
      class: 'button button-quiet account-open',
      text: 'securityAccount',
      attrs: { type: 'button', 'data-testid': 'account-open' },
      on: { click: () => openAccountDialog() },
    }),
    h('button', {
      class: 'button button-quiet logout',
      text: 'logout',
      attrs: { type: 'button', 'data-testid': 'logout' },
      on: { click: () => void logOut().catch(() => setCurrentUser(null)) },
    }),
  )
  const outlet = h('main', { class: 'outlet', attrs: { id: 'main', tabindex: -1 } })
  document.body.replaceChildren(skipLink, header, outlet)

  let page: Page | null = null
  const pageFor = (route: Route): Page => {
    const user = currentUser()
    // The invitation page speaks to signed-out visitors too: a dead link says so before any sign-up.
    if (route.page === 'invite') return invitePage({ token: route.token, navigate: (p, options) => router.navigate(p, options) })
    if (!user) return authPage({ invitation: false })
    if (route.page === 'editor') return editorPage({ agreementId: route.agreementId, identity: identityOf(user) })
    if (route.page === 'org') return orgPage({ orgId: route.orgId })
    return listPage({ navigate: (p) => router.navigate(p) })
  }
  const router = startRouter((route: Route) => {
    page?.destroy()
    page = pageFor(route)
    outlet.replaceChildren(page.element)
    scrollTo(0, 0)
  })
  // Signing in or out swaps the whole page; a new display name only relabels the header.
  onUserChange((user, previous) => {
    renderWho()
    if (!user !== !previous || (user && previous && user.id !== previous.id)) router.navigate(location.pathname)
  })
}

void main()
