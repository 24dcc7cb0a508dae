import type { Node as PMNode } from 'prosemirror-model'
import type { EditorState } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import { SECTIONS, type SectionId } from '../../schema/index.ts'
import { h } from '../dom.ts'
import { getLang, t } from '../i18n.ts'
import { commentHighlightsKey } from '../review/comment-highlights.ts'
import { reviewTargets } from '../review/review-badges.ts'
import { deleteSection, findSectionOfKind, goToSection, sectionAtCursor } from './commands.ts'
import './section-tools.css'

/** Whether a section carries something a person would lose with it: a stored review status or comments. */
export function sectionHasReviewOrComments(state: EditorState, section: PMNode, pos: number): boolean {
  const end = pos + section.nodeSize
  if (reviewTargets(state).some((target) => target.pos >= pos && target.pos < end && target.record !== null)) return true
  const ranges = commentHighlightsKey.getState(state)?.ranges
  if (!ranges) return false
  for (const range of ranges.values()) if (range && range.from >= pos && range.to <= end) return true
  return false
}

function sectionTitle(section: PMNode): string {
  const text = section.firstChild?.textContent.trim()
  return text ? text : t('structureUntitledSection')
}

/** "Ta bort avsnittet": deletes the section at the cursor, asking first when review work would go with it. */
export function deleteSectionButton(getView: () => EditorView | null): { element: HTMLButtonElement; refresh: (state: EditorState, editable: boolean) => void } {
  const confirmDelete =
    (view: EditorView) =>
    (section: PMNode, pos: number): boolean =>
      !sectionHasReviewOrComments(view.state, section, pos) || window.confirm(t('structureDeleteSectionConfirm', { name: sectionTitle(section) }))
  const element = h('button', {
    class: 'button button-secondary delete-section',
    text: 'structureDeleteSection',
    i18nAttrs: { title: 'structureDeleteSectionHint' },
    attrs: { type: 'button', 'data-testid': 'delete-section' },
    on: {
      mousedown: (e) => e.preventDefault(),
      click: () => {
        const view = getView()
        if (!view) return
        deleteSection(confirmDelete(view))(view.state, view.dispatch, view)
        view.focus()
      },
    },
  }) as HTMLButtonElement
  return {
    element,
    refresh: (state, editable) => {
      element.disabled = !editable || !sectionAtCursor(state)
    },
  }
}

/**
 * The notice shown when the section kind to insert is already in the agreement: it names it, offers
 * to go there, or to insert a second one anyway.
 */
export function duplicateSectionPrompt(done: () => void): {
  element: HTMLElement
  offer: (view: EditorView, kind: SectionId, insertAnyway: () => void) => boolean
  refresh: (view: EditorView) => void
} {
  const message = h('span', { class: 'section-exists-message' })
  const goButton = h('button', { class: 'button', text: 'structureGoToSection', attrs: { type: 'button', 'data-testid': 'go-to-section' } })
  const anywayButton = h('button', { class: 'button button-secondary', text: 'structureInsertAnyway', attrs: { type: 'button', 'data-testid': 'insert-section-anyway' } })
  const cancelButton = h('button', { class: 'button button-quiet', text: 'structureCancel', attrs: { type: 'button' } })
  const element = h('div', { class: 'section-exists', attrs: { role: 'alert', hidden: true, 'data-testid': 'section-exists' } }, message, goButton, anywayButton, cancelButton)
  let current: { kind: SectionId; view: EditorView; insertAnyway: () => void } | null = null

  const close = (): void => {
    current = null
    element.hidden = true
    done()
  }
  goButton.addEventListener('click', () => {
    if (!current) return
    const { view, kind } = current
    const found = findSectionOfKind(view.state, kind)
    if (found) goToSection(found.pos)(view.state, view.dispatch, view)
    close()
    view.focus()
  })
  anywayButton.addEventListener('click', () => {
    const insert = current?.insertAnyway
    close()
    insert?.()
  })
  cancelButton.addEventListener('click', close)

  return {
    element,
    offer(view, kind, insertAnyway) {
      const found = findSectionOfKind(view.state, kind)
      if (!found) return false
      const name = SECTIONS.find((s) => s.id === kind)?.name[getLang()] ?? kind
      message.textContent = t('structureSectionExists', { name })
      current = { kind, view, insertAnyway }
      element.hidden = false
      goButton.focus()
      return true
    },
    refresh(view) {
      // The section may have been deleted meanwhile (by anyone): then there is nothing to warn about.
      if (current && !findSectionOfKind(view.state, current.kind)) close()
    },
  }
}
