import { TextSelection } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import { h } from '../dom.ts'
import { t } from '../i18n.ts'
import { anchorFromRange } from './anchors.ts'
import { commentForm } from './comment-form.ts'
import { openPopover, type Popover } from './popover.ts'
import type { Anchor, Member } from './review-api.ts'

const QUOTE_MAX = 500

export interface CommentOnSelectionOptions {
  view: EditorView
  canComment: () => boolean
  members: () => Member[]
  create(input: { anchor: Anchor; quote: string; body: string; mentions: string[] }): Promise<void>
}

/**
 * "Kommentera" beside a text selection, then a small form. Works in a read-only editor too: reviewers
 * cannot type but can select. The anchor is taken when the form opens, so the words chosen stay
 * chosen however the text moves while the comment is being written.
 */
/** `refresh` must be called on every editor update (the panel's plugin view does). */
export function commentOnSelection({ view, canComment, members, create }: CommentOnSelectionOptions): { refresh(): void; open(): boolean; destroy(): void } {
  let popover: Popover | null = null
  const button = h('button', {
    class: 'button comment-on-selection',
    text: 'commentAction',
    attrs: { type: 'button', hidden: true, 'data-testid': 'comment-on-selection' },
    on: { mousedown: (e) => e.preventDefault(), click: () => openForm() },
  })
  // Right after the document in the DOM: it follows what it acts on in the Tab order.
  const page = view.dom.parentElement ?? view.dom
  page.after(button)

  const place = (): void => {
    const { selection } = view.state
    const show = !popover && canComment() && selection instanceof TextSelection && !selection.empty && view.state.doc.textBetween(selection.from, selection.to).trim() !== ''
    button.hidden = !show
    if (!show) return
    // In the margin beside the selection's first line, so it never covers the words around it.
    const start = view.coordsAtPos(selection.from)
    const text = view.dom.getBoundingClientRect()
    const page = (view.dom.parentElement ?? view.dom).getBoundingClientRect()
    const centred = text.right + Math.max(4, (page.right - text.right - button.offsetWidth) / 2)
    const left = Math.min(centred, document.documentElement.clientWidth - button.offsetWidth - 8)
    const parent = (button.offsetParent ?? document.body).getBoundingClientRect()
    button.style.left = `${left - parent.left}px`
    button.style.top = `${start.top - 2 - parent.top}px`
  }

  const openForm = (): boolean => {
    const { from, to, empty } = view.state.selection
    if (empty || !canComment() || view.state.doc.textBetween(from, to).trim() === '') return false
    const anchor = anchorFromRange(view.state, from, to)
    if (!anchor) return false
    const quote = view.state.doc.textBetween(from, to, ' ').slice(0, QUOTE_MAX)
    const end = view.coordsAtPos(to)
    const form = commentForm({
      placeholder: 'commentPlaceholder',
      members,
      onSubmit: async (body, mentions) => {
        await create({ anchor, quote, body, mentions })
        popover?.close()
        // The words are highlighted now; a selection left on them would offer "Kommentera" again.
        const { to: end } = view.state.selection
        view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, end)))
        view.focus()
      },
      onCancel: () => popover?.close(),
    })
    popover = openPopover({ left: end.left, bottom: end.bottom }, form.element, {
      className: 'comment-popover',
      label: t('layoutPopoverComment'),
      after: button,
      returnFocus: view.dom,
      onClose: () => {
        popover = null
        place()
      },
    })
    place()
    form.focus()
    return true
  }

  addEventListener('resize', place)
  place()
  return {
    refresh: place,
    open: openForm,
    destroy() {
      removeEventListener('resize', place)
      popover?.close()
      button.remove()
    },
  }
}
