import type { EditorView } from 'prosemirror-view'
import { ApiError } from '../api.ts'
import { h } from '../dom.ts'
import { onLangChange, t, type MessageKey } from '../i18n.ts'
import type { EditorPanel } from '../panels.ts'
import { liveResource } from './live.ts'
import { pointerGate } from './pointer-gate.ts'
import { closePopover, openPopover } from './popover.ts'
import { reviewApi, type ReviewRecord, type ReviewStatus } from './review-api.ts'
import { describe, reviewBadges, reviewTargets, setReviewRecords, STATUS_LABEL, type ShownStatus } from './review-badges.ts'

const ORDER: ShownStatus[] = ['draft', 'ready_for_review', 'changes_requested', 'approved', 'changed']

/**
 * Review status of sections and clauses: feeds the badges in the text, answers a click on one with
 * the actions the person's role allows, and sums up where the agreement stands.
 */
export const reviewPanel: EditorPanel = ({ agreementId, onView, access }) => {
  let records: ReviewRecord[] = []
  let view: EditorView | null = null
  const can = (action: 'submit_for_review' | 'review'): boolean => access.can(action)

  const summary = h('ul', { class: 'review-summary' })
  const element = h('div', { class: 'review' }, summary, h('p', { class: 'muted review-hint', text: 'reviewHint' }))

  let lastCounts = ''
  const renderSummary = (): void => {
    if (!view) return
    const counts = new Map<ShownStatus, number>()
    for (const target of reviewTargets(view.state)) counts.set(target.shown, (counts.get(target.shown) ?? 0) + 1)
    const key = ORDER.map((s) => counts.get(s) ?? 0).join(',')
    if (key === lastCounts) return
    lastCounts = key
    summary.replaceChildren(
      ...ORDER.filter((s) => counts.get(s)).map((s) =>
        h('li', { class: 'review-summary-row', attrs: { 'data-status': s } }, h('span', { class: 'review-dot', attrs: { 'aria-hidden': 'true' } }), h('span', { text: STATUS_LABEL[s] }), h('span', { class: 'review-count' }, String(counts.get(s)))),
      ),
    )
  }

  const setStatus = async (uid: string, status: ReviewStatus, note?: string): Promise<void> => {
    await reviewApi.setReview(agreementId, uid, status, note)
    closePopover()
    reviews.refresh()
  }

  const openMenu = (uid: string, badgeEl: HTMLElement): void => {
    if (!view) return
    const target = reviewTargets(view.state).find((x) => x.uid === uid)
    if (!target) return
    const { shown, record } = target
    const error = h('p', { class: 'error', attrs: { hidden: true } })
    const run = (status: ReviewStatus, note?: string): void => {
      error.hidden = true
      setStatus(uid, status, note).catch((err: unknown) => {
        error.textContent = t('reviewError', { message: err instanceof ApiError || err instanceof Error ? err.message : String(err) })
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
    openPopover(
      { left: rect.left, bottom: rect.bottom },
      h(
        'div',
        { class: 'review-menu', attrs: { 'data-uid': uid } },
        h('p', { class: 'review-menu-status', attrs: { 'data-status': shown } }, t(STATUS_LABEL[shown])),
        h('p', { class: 'muted review-menu-who' }, describe(shown, record)),
        actions.length > 0 ? h('div', { class: 'review-menu-actions' }, ...actions) : null,
        noteForm,
        error,
      ),
      { className: 'review-popover-menu' },
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
  const reviews = liveResource(agreementId, 'reviews', () => reviewApi.reviews(agreementId), (data) => {
    if (!data) return
    records = data
    feed()
  })
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
    plugins: [reviewBadges(renderSummary)],
    destroy: () => {
      for (const fn of teardown.splice(0).reverse()) fn()
    },
  }
}
