import type { Node as PMNode } from 'prosemirror-model'
import { Plugin, TextSelection } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import type { SectionStatus } from '../schema/validator/types.ts'
import { h } from './dom.ts'
import { onLangChange, t, type MessageKey } from './i18n.ts'
import type { EditorPanel } from './panels.ts'
import { reviewTargets, STATUS_LABEL, type ShownStatus } from './review/review-badges.ts'
import { validationKey } from './validation/plugin.ts'

export interface OutlineEntry {
  pos: number
  title: string
  /** Review status of the section (Utkast, Godkänd…); null when the section has no uid. */
  review: ShownStatus | null
  /** What the validator says about it, when it recognised the section. */
  check: SectionStatus | null
}

const CHECK_LABEL: Record<SectionStatus, MessageKey> = {
  present: 'outlineCheckPresent',
  incomplete: 'outlineCheckIncomplete',
  missing: 'outlineCheckIncomplete',
}

/** The agreement's sections in document order, with their review and validator status. */
export function outlineEntries(view: EditorView): OutlineEntry[] {
  const reviews = new Map(reviewTargets(view.state).map((target) => [target.pos, target.shown]))
  const validation = validationKey.getState(view.state)
  const checks = new Map<number, SectionStatus>()
  if (validation?.result && validation.result.doc === view.state.doc) {
    // A section the group marked as met reads as done here too, as it does in the validator panel.
    const marked = new Set(validation.badges.filter((b) => b.state === 'acknowledged').map((b) => b.id))
    const byId = new Map(validation.result.report.sections.map((s) => [s.id, marked.has(s.id) ? 'present' : s.status]))
    for (const [id, pos] of validation.result.positions) {
      const status = byId.get(id)
      if (status) checks.set(pos, status)
    }
  }
  const entries: OutlineEntry[] = []
  view.state.doc.descendants((node: PMNode, pos: number) => {
    if (node.type.name !== 'section') return !node.isTextblock
    const heading = node.firstChild
    const title = heading?.type.name === 'heading' ? heading.textContent.trim() : ''
    entries.push({ pos, title, review: reviews.get(pos) ?? null, check: checks.get(pos) ?? null })
    // Sub-sections are listed too, one level deeper in the document but flat here.
    return true
  })
  return entries
}

/**
 * "Innehåll": the agreement's sections as a list of links, each with its status, so anyone (and a
 * keyboard user above all) reaches section 17 in one step instead of scrolling or tabbing.
 */
export const outlinePanel: EditorPanel = ({ onView, closeDrawer }) => {
  let view: EditorView | null = null
  const list = h('ol', { class: 'outline-list' })
  const empty = h('p', { class: 'muted outline-empty', text: 'layoutOutlineEmpty', attrs: { hidden: true } })
  const element = h('nav', { class: 'outline', i18nAttrs: { 'aria-label': 'layoutTabOutline' } }, h('p', { class: 'muted outline-hint', text: 'layoutOutlineHint' }), empty, list)

  const go = (pos: number): void => {
    if (!view) return
    const { doc } = view.state
    const section = doc.nodeAt(pos)
    if (!section) return
    // The caret at the end of the heading: the reader lands on the section's name, ready to review it.
    const heading = section.firstChild
    const at = heading?.type.name === 'heading' ? pos + 1 + heading.nodeSize - 1 : pos + 1
    const selection = TextSelection.near(doc.resolve(Math.min(at, doc.content.size)))
    view.dispatch(view.state.tr.setSelection(selection).scrollIntoView())
    closeDrawer?.()
    // view.focus() does nothing in a read-only view; the document is focusable (tabindex) all the same.
    view.focus()
    view.dom.focus({ preventScroll: true })
    view.dom.dispatchEvent(new CustomEvent('overens:navigated', { bubbles: true }))
  }

  let lastKey = ''
  const render = (force = false): void => {
    if (!view) return
    const entries = outlineEntries(view)
    const key = `${entries.map((e) => `${e.pos}|${e.title}|${e.review}|${e.check}`).join(';')}`
    // The validator tab's count is the validator panel's: it knows the group's marks (client/validation/panel.ts).
    if (key === lastKey && !force) return
    lastKey = key
    empty.hidden = entries.length > 0
    list.replaceChildren(
      ...entries.map((entry, index) =>
        h(
          'li',
          { class: 'outline-item', attrs: { 'data-review': entry.review ?? undefined, 'data-check': entry.check ?? undefined } },
          h(
            'button',
            { class: 'outline-go', attrs: { type: 'button', 'data-pos': entry.pos }, on: { click: () => go(entry.pos) } },
            h('span', { class: 'outline-title' }, entry.title || t('outlineUntitled', { n: index + 1 })),
            h(
              'span',
              { class: 'outline-status' },
              entry.review ? h('span', { class: 'outline-review', attrs: { 'data-status': entry.review } }, t(STATUS_LABEL[entry.review])) : null,
              entry.check && entry.check !== 'present' ? h('span', { class: 'outline-check' }, t(CHECK_LABEL[entry.check])) : null,
            ),
          ),
        ),
      ),
    )
  }

  const teardown: (() => void)[] = [onLangChange(() => render(true))]
  teardown.push(
    onView((v) => {
      view = v
      render()
    }),
  )

  return {
    id: 'outline',
    title: 'layoutTabOutline',
    body: element,
    // Read on every update (typing, a co-author's edit, new review records, a validator run): cheap,
    // and the DOM is only rebuilt when what the list shows changed.
    plugins: [new Plugin({ view: () => ({ update: () => render() }) })],
    destroy: () => {
      for (const fn of teardown.splice(0).reverse()) fn()
    },
  }
}
