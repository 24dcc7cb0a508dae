import { TextSelection, type Plugin } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import type { Lang } from '../schema/index.ts'
import { AgreementAccess } from './agreement-access.ts'
import { ApiError, type Agreement } from './api.ts'
import { closedBannerView, connectionStatusView } from './connection-status.ts'
import { h } from './dom.ts'
import { createEditor } from './editor/create-editor.ts'
import { readOnlyGuard } from './editor/read-only-guard.ts'
import { getLang, onLangChange, t } from './i18n.ts'
import { onIdentityChange, type Identity } from './identity.ts'
import type { Page } from './router.ts'
import { EDITOR_PANELS, TAB_LABELS, type PanelContext } from './panels.ts'
import { readOnlyCaret } from './read-only-caret.ts'
import { saveTemplateButton } from './templates/save-template.ts'
import { CollabSession } from './session.ts'
import { createSidePanel } from './side-panel.ts'
import { createToolbar } from './toolbar.ts'
import { roleBadgeView } from './role-badge.ts'
import { refusedEditsView } from './refused-edits.ts'
import { createSuggestions } from './suggestions/index.ts'
import { exportMenu } from './export/export-menu.ts'
import { printExtras } from './export/print-view.ts'

declare global {
  interface Window {
    /** For end-to-end tests only: the live editor objects of the open agreement. */
    __overens?: { view: EditorView; ydoc: CollabSession['ydoc']; provider: CollabSession['provider'] }
  }
}

/** One agreement open for editing: status bar, toolbar, the document page and the side panel. */
export function editorPage({ agreementId, identity }: { agreementId: string; identity: Identity }): Page {
  const session = new CollabSession({ agreementId, identity })
  const teardown: (() => void)[] = [() => session.destroy()]
  let agreement: Agreement | null = null
  let view: EditorView | null = null
  let destroyed = false

  const status = connectionStatusView(session)
  const banner = closedBannerView(session)
  teardown.push(status.destroy, banner.destroy)
  const access = new AgreementAccess(agreementId, session)
  const roleBadge = roleBadgeView(access)
  const refusedEdits = refusedEditsView(session, access)
  teardown.push(() => access.destroy(), roleBadge.destroy, refusedEdits.destroy)
  teardown.push(onIdentityChange((next) => session.setIdentity(next)))
  teardown.push(() => sidePanel.destroy())

  const documentLang = (): Lang => agreement?.lang ?? getLang()
  const toolbar = createToolbar(documentLang)
  teardown.push(toolbar.destroy)
  // Read-only roles get no toolbar; a role change (4009 → refetch) switches both without a reload.
  teardown.push(
    access.subscribe((state) => {
      toolbar.element.hidden = !access.canEdit()
      session.setWritePolicy(state.status === 'loading' ? 'unknown' : access.canEdit() ? 'write' : 'read')
      view?.setProps({})
    }),
  )

  const municipality = h('span', { class: 'muted editor-municipality' })
  const notice = h('p', { class: 'editor-notice muted', text: 'editorLoading' })
  const mount = h('div', { class: 'doc-page', attrs: { hidden: true, id: 'agreement-text' } })

  const viewListeners = new Set<(view: EditorView) => void>()
  const sidePanel = createSidePanel()
  const panelContext: PanelContext = {
    agreementId,
    session,
    documentLang,
    access,
    setCount: (id, count) => sidePanel.setCount(id, count),
    revealPanel: (id) => sidePanel.reveal(id),
    closeDrawer: () => sidePanel.closeDrawer(),
    getView: () => view,
    onView: (listener) => {
      if (view) listener(view)
      else viewListeners.add(listener)
      return () => viewListeners.delete(listener)
    },
  }
  const panelPlugins: Plugin[] = []
  for (const makePanel of EDITOR_PANELS) {
    const panel = makePanel(panelContext)
    sidePanel.add({ ...panel, tab: panel.tab ?? TAB_LABELS[panel.id] })
    if (panel.plugins) panelPlugins.push(...panel.plugins)
    if (panel.destroy) teardown.push(panel.destroy)
  }

  const suggestions = createSuggestions({ agreementId, access, identity: () => identity, onView: panelContext.onView, getView: () => view })
  teardown.push(suggestions.destroy)
  sidePanel.add({ id: 'suggestions', title: 'suggestionsTitle', body: suggestions.panel.element })
  const printView = printExtras(agreementId, documentLang)
  const exportControls = exportMenu(agreementId, printView.refresh)
  teardown.push(printView.destroy, exportControls.destroy)

  const element = h(
    'div',
    { class: 'editor-page' },
    h(
      'div',
      { class: 'editor-bar' },
      h('a', { class: 'back-link', attrs: { href: '/', 'data-route': true } }, h('span', { attrs: { 'aria-hidden': 'true' } }, '← '), h('span', { text: 'backToList' })),
      municipality,
      roleBadge.element,
      suggestions.mode.element,
      status.element,
      exportControls.element,
      saveTemplateButton(agreementId, () => agreement?.title ?? ''),
      sidePanel.drawerToggle,
    ),
    refusedEdits.element,
    banner.element,
    h('div', { class: 'editor-layout' }, h('div', { class: 'doc-column' }, toolbar.element, notice, mount, printView.element), sidePanel.element),
  )

  let notFound = false
  const showNotice = (key: 'editorLoading' | 'editorNotCached' | 'editorNotFound'): void => {
    if (notFound && key !== 'editorNotFound') return
    notice.dataset.i18n = key
    notice.textContent = t(key)
    notice.hidden = false
  }

  // While waiting for content, an offline device without a cached copy should say why nothing shows.
  const offWaiting = session.subscribe((state) => {
    if (!view) showNotice(state.online ? 'editorLoading' : 'editorNotCached')
  })
  teardown.push(offWaiting)

  access.load().then(
    (found) => {
      agreement = found
      municipality.textContent = found.municipality
      document.title = `${found.title} – ${t('appName')}`
    },
    (err: unknown) => {
      // Offline the API is unreachable but the cached copy is still editable; only a real 404 stops us.
      if (err instanceof ApiError && err.status === 404 && !destroyed) {
        notFound = true
        showNotice('editorNotFound')
        view?.destroy()
        view = null
        delete window.__overens
        mount.hidden = true
        banner.element.hidden = true
        session.destroy()
      }
    },
  )

  void session.whenReady().then(() => {
    if (destroyed || notFound) return
    if (session.getState().closed && session.fragment.length === 0) {
      notice.hidden = true
      return
    }
    offWaiting()
    notice.hidden = true
    mount.hidden = false
    view = createEditor({
      mount,
      fragment: session.fragment,
      awareness: session.provider.awareness,
      titlePlaceholder: () => t('titlePlaceholder'),
      // After a final close nothing typed could reach the server; with a wrong schema (4426) it could
      // even be harmful once replayed from IndexedDB by a newer client. So the page becomes read-only.
      // Reviewers and viewers read: the server would refuse their text and close the connection.
      // In suggest mode a reviewer types too: the suggestions plugin turns input into suggestions.
      editable: () => !session.getState().closed && (access.canEdit() || suggestions.mode.active()),
      extraPlugins: [toolbar.plugin, ...panelPlugins, readOnlyCaret(), suggestions.plugin, readOnlyGuard(() => !session.getState().closed && access.canEdit())],
    })
    window.__overens = { view, ydoc: session.ydoc, provider: session.provider }
    for (const listener of viewListeners) listener(view)
    viewListeners.clear()
    goToHashTarget(view, sidePanel)
    let wasClosed = !!session.getState().closed
    teardown.push(
      session.subscribe((state) => {
        if (!!state.closed === wasClosed) return
        wasClosed = !!state.closed
        view?.setProps({})
      }),
    )
    // The placeholder is a decoration: an empty transaction makes it pick up the new language.
    teardown.push(onLangChange(() => view?.dispatch(view.state.tr.setMeta('addToHistory', false))))
  })

  return {
    element,
    destroy() {
      destroyed = true
      view?.destroy()
      view = null
      delete window.__overens
      for (const fn of teardown.splice(0).reverse()) fn()
      document.title = t('appName')
    },
  }
}

/**
 * `#at=<uid or thread id>` (a notification's link): the caret goes to that section or clause, or the
 * comments panel shows that thread.
 */
function goToHashTarget(view: EditorView, sidePanel: ReturnType<typeof createSidePanel>): void {
  const match = /^#at=([^&]{1,200})$/.exec(location.hash)
  if (!match?.[1]) return
  const target = decodeURIComponent(match[1])
  let found = -1
  view.state.doc.descendants((node, pos) => {
    if (found >= 0) return false
    if ((node.type.name === 'section' || node.type.name === 'clause') && node.attrs.uid === target) found = pos
    return !node.isTextblock
  })
  if (found >= 0) {
    view.dispatch(view.state.tr.setSelection(TextSelection.near(view.state.doc.resolve(found + 1))).scrollIntoView())
    view.dom.focus({ preventScroll: true })
    view.dom.querySelector('.ro-caret')?.scrollIntoView({ block: 'center' })
    ;(view.domAtPos(found + 1).node as Element | null)?.parentElement?.scrollIntoView({ block: 'center' })
    return
  }
  sidePanel.reveal('comments')
  view.dom.dispatchEvent(new CustomEvent('overens:show-thread', { detail: target }))
}
