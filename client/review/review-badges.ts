import type { Node as PMNode } from 'prosemirror-model'
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state'
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view'
import { reviewHash } from '../../schema/review-hash.ts'
import { getLang, t, type MessageKey } from '../i18n.ts'
import { formatTime } from './format.ts'
import type { ReviewRecord, ReviewStatus } from './review-api.ts'

/** What a badge shows: the stored status, plus "changed since approval" computed from the live text. */
export type ShownStatus = ReviewStatus | 'changed'

export interface ReviewTarget {
  uid: string
  pos: number
  node: PMNode
  record: ReviewRecord | null
  shown: ShownStatus
}

interface BadgeState {
  fed: boolean
  records: Map<string, ReviewRecord>
  /** Called when a badge is clicked; set by whoever can act on reviews (the review panel). */
  onBadge: ((uid: string, badge: HTMLElement) => void) | null
  decorations: DecorationSet
}

export const reviewBadgesKey = new PluginKey<BadgeState>('reviewBadges')

export const STATUS_LABEL: Record<ShownStatus, MessageKey> = {
  draft: 'reviewDraft',
  ready_for_review: 'reviewReady',
  approved: 'reviewApproved',
  changes_requested: 'reviewChangesRequested',
  changed: 'reviewChangedSinceApproval',
}

export function setReviewRecords(tr: Transaction, records: ReviewRecord[], onBadge: BadgeState['onBadge']): Transaction {
  return tr.setMeta(reviewBadgesKey, { records, onBadge })
}

// The document is persistent: an unchanged section is the same node object, so its hash is reused.
const hashes = new WeakMap<PMNode, string>()
function hashOf(node: PMNode): string {
  let hash = hashes.get(node)
  if (hash === undefined) {
    hash = reviewHash(node.toJSON() as { content?: unknown })
    hashes.set(node, hash)
  }
  return hash
}

/** Every section and clause with a uid, in document order, with the status to show for it. */
export function reviewTargets(state: EditorState): ReviewTarget[] {
  return targetsOf(state.doc, reviewBadgesKey.getState(state)?.records ?? new Map())
}

function targetsOf(doc: PMNode, records: Map<string, ReviewRecord>): ReviewTarget[] {
  const targets: ReviewTarget[] = []
  doc.descendants((node, pos) => {
    const type = node.type.name
    if (type !== 'section' && type !== 'clause') return !node.isTextblock
    const uid = node.attrs.uid as string | null
    if (uid) {
      const record = records.get(uid) ?? null
      const shown: ShownStatus = !record ? 'draft' : record.status === 'approved' && record.approvedHash !== hashOf(node) ? 'changed' : record.status
      targets.push({ uid, pos, node, record, shown })
    }
    return true
  })
  return targets
}

/**
 * A small status badge at each section heading and clause: Utkast, Klar för granskning, Godkänd,
 * Ändringar begärda, or "Ändrad sedan godkännandet" as soon as the text differs from what was
 * approved (reviewHash, the same fingerprint the server stored, computed here as people type).
 * Badges appear once the records were fed in: before that nobody knows the status.
 */
export function reviewBadges(onUpdate: (view: EditorView) => void = () => {}): Plugin<BadgeState> {
  return new Plugin<BadgeState>({
    view: () => ({ update: onUpdate }),
    key: reviewBadgesKey,
    state: {
      init: () => ({ fed: false, records: new Map(), onBadge: null, decorations: DecorationSet.empty }),
      apply(tr, value, _old, state) {
        const meta = tr.getMeta(reviewBadgesKey) as { records: ReviewRecord[]; onBadge: BadgeState['onBadge'] } | undefined
        if (meta) {
          const records = new Map(meta.records.map((r) => [r.targetUid, r]))
          return { fed: true, records, onBadge: meta.onBadge, decorations: build(state.doc, records) }
        }
        if (!tr.docChanged || !value.fed) return value
        return { ...value, decorations: build(state.doc, value.records) }
      },
    },
    props: {
      decorations: (state) => reviewBadgesKey.getState(state)?.decorations,
    },
  })
}

function build(doc: PMNode, records: Map<string, ReviewRecord>): DecorationSet {
  const lang = getLang()
  const decorations = targetsOf(doc, records).map(({ uid, pos, node, record, shown }) => {
    const heading = node.type.name === 'section' && node.firstChild?.type.name === 'heading' ? node.firstChild : null
    // At the end of a section's heading (inline, after its text); at the top of a clause otherwise.
    const at = heading ? pos + 1 + heading.nodeSize - 1 : pos + 1
    return Decoration.widget(at, (view) => badge(view, uid, shown, record, !heading), {
      key: `${uid}:${shown}:${record?.at ?? ''}:${lang}`,
      side: heading ? 1 : -1,
      ignoreSelection: true,
      stopEvent: () => true,
    })
  })
  return DecorationSet.create(doc, decorations)
}

function badge(view: EditorView, uid: string, shown: ShownStatus, record: ReviewRecord | null, block: boolean): HTMLElement {
  const el = document.createElement('button')
  el.type = 'button'
  el.className = `review-badge${block ? ' is-block' : ''}`
  el.dataset.status = shown
  el.dataset.uid = uid
  el.contentEditable = 'false'
  // Out of the Tab order: a keyboard reaches reviews by the outline, the review panel and Ctrl+Alt+G,
  // instead of tabbing through a badge per section.
  el.tabIndex = -1
  el.textContent = t(STATUS_LABEL[shown])
  el.title = describe(shown, record)
  el.setAttribute('aria-label', `${t('reviewBadgeLabel')}: ${el.title}`)
  el.addEventListener('mousedown', (event) => event.preventDefault())
  el.addEventListener('click', (event) => {
    event.preventDefault()
    reviewBadgesKey.getState(view.state)?.onBadge?.(uid, el)
  })
  return el
}

/** "Godkänd – Jurist, 22 nov. 2026 10:41" and the note: the hover text of a badge. */
export function describe(shown: ShownStatus, record: ReviewRecord | null): string {
  if (!record) return `${t(STATUS_LABEL[shown])} – ${t('reviewNoRecord')}`
  const who = t('reviewWhoWhen', { status: t(STATUS_LABEL[record.status]), name: record.byName, time: formatTime(record.at) })
  const lines = [shown === 'changed' ? `${t('reviewChangedSinceApproval')}. ${who}` : who]
  if (record.note) lines.push(record.note)
  return lines.join('\n')
}
