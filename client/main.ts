import './styles.css'
import { h } from './dom.ts'
import { editorPage } from './editor-page.ts'
import { applyTranslations, getLang, onLangChange, setLang, t } from './i18n.ts'
import { loadIdentity, onIdentityChange, type Identity } from './identity.ts'
import { listPage } from './list-page.ts'
import { askForName } from './name-dialog.ts'
import { startRouter, type Page, type Route } from './router.ts'

/** Boot: header, the name on first visit, then the page for the current path. */
async function main(): Promise<void> {
  applyTranslations(document)
  document.title = t('appName')
  const identity: Identity = loadIdentity() ?? (await askForName({ required: true }))!
  let current: Identity = identity
  onIdentityChange((next) => {
    current = next
    renderWho()
  })

  const who = h('span', { class: 'who muted' })
  const renderWho = (): void => {
    who.textContent = t('youAre', { name: current.name })
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
      who,
      h('button', {
        class: 'button button-quiet change-name',
        text: 'changeName',
        attrs: { type: 'button' },
        on: { click: () => void askForName({ current: current.name, required: false }) },
      }),
      h('button', {
        class: 'button button-quiet lang-switch',
        text: 'languageSwitch',
        i18nAttrs: { 'aria-label': 'languageSwitchLabel' },
        attrs: { type: 'button', 'data-testid': 'lang-switch' },
        on: { click: () => setLang(getLang() === 'sv' ? 'en' : 'sv') },
      }),
    ),
  )
  const outlet = h('main', { class: 'outlet' })
  document.body.replaceChildren(header, outlet)

  let page: Page | null = null
  const router = startRouter((route: Route) => {
    page?.destroy()
    page = route.page === 'editor' ? editorPage({ agreementId: route.agreementId, identity: current }) : listPage({ navigate: (p) => router.navigate(p) })
    outlet.replaceChildren(page.element)
    scrollTo(0, 0)
  })
}

void main()
