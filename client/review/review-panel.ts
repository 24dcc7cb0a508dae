import type { Node as PMNode } from 'prosemirror-model'
import { Plugin, TextSelection } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import { announce, isShortcut } from '../announce.ts'
import { errorText } from '../error-text.ts'
import { h } from '../dom.ts'
import { onLangChange, t, type MessageKey } from '../i18n.ts'
import type { EditorPanel } from '../panels.ts'
import { liveResource } from './live.ts'
import { pointerGate } from './pointer-gate.ts'
import { closePopover, openPopover } from './popover.ts'
import { reviewApi, type ReviewRecord, type ReviewStatus } from './review-api.ts'
import { describe, reviewBadges, reviewTargets, setReviewRecords, STATUS_LABEL, type ShownStatus } from './review-badges.ts'

/** A section's heading, or the first words of a clause: how a person recognises the target. */
function titleOf(node: PMNode): string {
  const first = node.firstChild
  const text = (first?.type.name === 'heading' ? first.textContent : node.textContent).trim()
  return text.length > 60 ? `${text.slice(0, 57)}…` : text
}

const ORDER: ShownStatus[] = ['draft', 'ready_for_review', 'changes_requested', 'approved', 'changed']

/**
 * Review status of sections and clauses: feeds the badges in the text, answers a click on one with
 * the actions the person's role allows, and sums up where the agreement stands.
 */
export const reviewPanel: EditorPanel = ({ agreementId, onView, access, setCount, closeDrawer }) => {
  let records: ReviewRecord[] = []
  let view: EditorView | null = null
  const can = (action: 'submit_for_review' | 'review'): boolean => access.can(action)

  const summary = h('ul', { class: 'review-summary' })
  // What waits for someone: one button each, so the review is reached without hunting for badges.
  const pendingTitle = h('h3', { class: 'review-pending-title', text: 'layoutReviewPending', attrs: { hidden: true } })
  const pending = h('ul', { class: 'review-pending' })
  const element = h(
    'div',
    { class: 'review' },
    summary,
    pendingTitle,
    pending,
    h('p', { class: 'muted review-hint', text: 'reviewHint' }),
    h('p', { class: 'muted review-hint', text: 'layoutKeyboardHint' }),
  )

  let lastCounts = ''
  const renderSummary = (): void => {
    if (!view) return
    const counts = new Map<ShownStatus, number>()
    for (const target of reviewTargets(view.state)) counts.set(target.shown, (counts.get(target.shown) ?? 0) + 1)
    const waiting = reviewTargets(view.state).filter((x) => x.shown === 'ready_for_review' || x.shown === 'changed' || x.shown === 'changes_requested')
    const key = ORDER.map((s) => counts.get(s) ?? 0).join(',') + waiting.map((x) => `${x.uid}:${x.shown}:${titleOf(x.node)}`).join(';')
    if (key === lastCounts) return
    lastCounts = key
    setCount?.('review', (counts.get('ready_for_review') ?? 0) + (counts.get('changed') ?? 0))
    pendingTitle.hidden = waiting.length === 0
    pending.replaceChildren(
      ...waiting.map((x) =>
        h(
          'li',
          {},
          h(
            'button',
            {
              class: 'review-pending-item',
              attrs: { type: 'button', 'data-uid': x.uid, 'data-status': x.shown },
              on: {
                click: (event) => {
                  const v = view
                  if (!v) return
                  closeDrawer?.()
                  v.dispatch(v.state.tr.setSelection(TextSelection.near(v.state.doc.resolve(x.pos + 1))).scrollIntoView())
                  openMenu(x.uid, event.currentTarget as HTMLElement, { returnFocus: event.currentTarget as HTMLElement })
                },
              },
            },
            h('span', { class: 'review-pending-name' }, titleOf(x.node)),
            h('span', { class: 'review-pending-status' }, t(STATUS_LABEL[x.shown])),
          ),
        ),
      ),
    )
    summary.replaceChildren(
      ...ORDER.filter((s) => counts.get(s)).map((s) =>
        h(
          'li',
          { class: 'review-summary-row', attrs: { 'data-status': s } },
          h('span', { class: 'review-dot', attrs: { 'aria-hidden': 'true' } }),
          h('span', { text: STATUS_LABEL[s] }),
          h('span', { class: 'review-count' }, String(counts.get(s))),
        ),
      ),
    )
  }

  const setStatus = async (uid: string, status: ReviewStatus, note?: string): Promise<void> => {
    await reviewApi.setReview(agreementId, uid, status, note)
    closePopover()
    reviews.refresh()
  }

  const openMenu = (uid: string, badgeEl: HTMLElement, where: { at?: { left: number; bottom: number }; returnFocus?: HTMLElement } = {}): void => {
    if (!view) return
    const target = reviewTargets(view.state).find((x) => x.uid === uid)
    if (!target) return
    const { shown, record } = target
    const error = h('p', { class: 'error', attrs: { hidden: true } })
    const run = (status: ReviewStatus, note?: string): void => {
      error.hidden = true
      setStatus(uid, status, note).catch((err: unknown) => {
        error.textContent = t('reviewError', { message: errorText(err) })
        error.hidden = false
      })
    }
    const action = (label: MessageKey, status: ReviewStatus, cls = ''): HTMLElement =>
      h('button', { class: `button ${cls}`.trim(), text: label, attrs: { type: 'button', 'data-action': status }, on: { click: () => run(status) } })

    const noteInput = h('textarea', { class: 'input review-note-input', i18nAttrs: { placeholder: 'reviewNoteLabel', 'aria-label': 'reviewNoteLabel' }, attrs: { rows: 3, maxlength: 2000 } })
    const noteForm = h(
      'form',
      { class: 'review-note-form', attrs: { hidden: true } },
      noteInput,
      h('div', { class: 'form-actions' }, h('button', { class: 'button', text: 'reviewNoteSend', attrs: { type: 'submit' } })),
    )
    noteForm.addEventListener('submit', (event) => {
      event.preventDefault()
      run('changes_requested', noteInput.value.trim() || undefined)
    })

    const actions: HTMLElement[] = []
    if (can('submit_for_review')) {
      if (record?.status !== 'ready_for_review') actions.push(action('reviewMarkReady', 'ready_for_review'))
      if (record && record.status !== 'draft') actions.push(action('reviewBackToDraft', 'draft', 'button-secondary'))
    }
    if (can('review')) {
      if (shown !== 'approved') actions.push(action('reviewApprove', 'approved'))
      actions.push(
        h('button', {
          class: 'button button-secondary',
          text: 'reviewRequestChanges',
          attrs: { type: 'button', 'data-action': 'request_changes' },
          on: {
            click: () => {
              noteForm.hidden = false
              noteInput.focus()
            },
          },
        }),
      )
    }
    const rect = badgeEl.getBoundingClientRect()
    const inPanel = !view.dom.contains(badgeEl)
    openPopover(
      where.at ?? { left: rect.left, bottom: rect.bottom },
      h(
        'div',
        { class: 'review-menu', attrs: { 'data-uid': uid } },
        h('p', { class: 'review-menu-status', attrs: { 'data-status': shown } }, t(STATUS_LABEL[shown])),
        h('p', { class: 'muted review-menu-who' }, describe(shown, record)),
        actions.length > 0 ? h('div', { class: 'review-menu-actions' }, ...actions) : null,
        noteForm,
        error,
      ),
      {
        className: 'review-popover-menu',
        label: t('layoutPopoverReview', { section: titleOf(target.node) }),
        // Next to its trigger in the DOM: a badge lives inside the text, so right after the document.
        after: inPanel ? badgeEl : (view.dom.parentElement ?? view.dom),
        returnFocus: where.returnFocus ?? (inPanel ? badgeEl : view.dom),
      },
    )
  }

  let gate: ReturnType<typeof pointerGate> | null = null
  const feed = (): void => {
    gate?.run('reviews', () => {
      if (!view) return
      view.dispatch(setReviewRecords(view.state.tr, records, openMenu))
      lastCounts = ''
      renderSummary()
    })
  }

  const teardown: (() => void)[] = []
  const reviews = liveResource(
    agreementId,
    'reviews',
    () => reviewApi.reviews(agreementId),
    (data) => {
      if (!data) return
      records = data
      feed()
    },
  )
  teardown.push(reviews.stop, onLangChange(feed))
  teardown.push(
    onView((v) => {
      view = v
      gate = pointerGate(v.dom)
      teardown.push(gate.destroy)
      feed()
    }),
  )

  return {
    id: 'review',
    title: 'reviewTitle',
    body: element,
    plugins: [
      reviewBadges(renderSummary),
      // Ctrl+Alt+G: the review of the innermost section or clause at the caret.
      new Plugin({
        props: {
          handleDOMEvents: {
            keydown: (v, event) => {
              if (!isShortcut(event, 'g')) return false
              event.preventDefault()
              const head = v.state.selection.head
              const target = reviewTargets(v.state)
                .filter((x) => x.pos < head && head < x.pos + x.node.nodeSize)
                .pop()
              if (!target) {
                announce(t('layoutNoSectionAtCaret'))
                return true
              }
              const at = v.coordsAtPos(head)
              openMenu(target.uid, v.dom, { at: { left: at.left, bottom: at.bottom }, returnFocus: v.dom })
              return true
            },
          },
        },
      }),
    ],
    destroy: () => {
      for (const fn of teardown.splice(0).reverse()) fn()
    },
  }
}
