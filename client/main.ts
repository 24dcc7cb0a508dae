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
  const renderWho = (): void => {
    const user = currentUser()
    accountActions.hidden = !user
    who.textContent = user ? t('youAre', { name: user.displayName }) : ''
  }
  renderWho()
  onLangChange(renderWho)

  const header = h(
    'header',
    { class: 'app-header' },
    h('a', { class: 'brand', attrs: { href: '/', 'data-route': true } }, h('span', { class: 'brand-mark', attrs: { 'aria-hidden': 'true' } }, 'Ö'), h('span', { text: 'appName' })),
    h('span', { class: 'tagline muted', text: 'tagline' }),
    h(
      'div',
      { class: 'header-actions' },
      accountActions,
      h('button', {
        class: 'button button-quiet lang-switch',
        text: 'languageSwitch',
        i18nAttrs: { 'aria-label': 'languageSwitchLabel' },
        attrs: { type: 'button', 'data-testid': 'lang-switch' },
        on: { click: () => setLang(getLang() === 'sv' ? 'en' : 'sv') },
      }),
    ),
  )
  accountActions.append(
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
  const outlet = h('main', { class: 'outlet' })
  document.body.replaceChildren(header, outlet)

  let page: Page | null = null
  const pageFor = (route: Route): Page => {
    const user = currentUser()
    // The invitation page speaks to signed-out visitors too: a dead link says so before any sign-up.
    if (route.page === 'invite') return invitePage({ token: route.token, navigate: (p, options) => router.navigate(p, options) })
    if (!user) return authPage({ invitation: false })
    if (route.page === 'editor') return editorPage({ agreementId: route.agreementId, identity: identityOf(user) })
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
