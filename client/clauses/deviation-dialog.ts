import { diffWords } from 'diff'
import type { Node as PMNode } from 'prosemirror-model'
import type { EditorView } from 'prosemirror-view'
import { detectDeviation, revertToApproved, type ClauseLibrary, type ClauseRecord, type DiffPart } from '../../clause-library/index.ts'
import { h } from '../dom.ts'
import { getLang } from '../i18n.ts'
import { withCurrentValues } from './current-values.ts'
import { dispatchAsOwnUndoStep } from './undo-step.ts'

/**
 * The approved wording next to the document's, word by word, and the two ways out: back to the
 * approved text, or keep the change and say why. The clause is found again by its uid when a button is
 * pressed, because co-authors may have moved it while the dialog was open.
 */
export function openDeviationDialog(view: EditorView, pos: number, library: ClauseLibrary): void {
  const node = view.state.doc.nodeAt(pos)
  if (node?.type.name !== 'clause') return
  const uid: unknown = node.attrs.uid
  const result = detectDeviation(node, library)
  const update = result.status === 'update_available'
  const known = library.get(String(node.attrs.clauseId), typeof node.attrs.version === 'number' ? node.attrs.version : null) ?? library.get(String(node.attrs.clauseId))
  // A built-in clause is a suggestion, not approved wording: say so in the dialog as on the badge.
  const reviewed = known?.status === 'approved'

  const find = (): { node: PMNode; pos: number } | null => {
    const doc = view.state.doc
    let found: { node: PMNode; pos: number } | null = null
    if (typeof uid === 'string' && uid) {
      doc.descendants((n, p) => {
        if (found) return false
        if (n.type.name === 'clause' && n.attrs.uid === uid) found = { node: n, pos: p }
        return !n.isTextblock
      })
      return found
    }
    const same = doc.nodeAt(pos)
    return same?.type.name === 'clause' ? { node: same, pos } : null
  }

  const gone = h('p', { class: 'error', text: 'deviationGone', attrs: { hidden: true, role: 'alert' } })
  const close = (): void => {
    dialog.close()
    dialog.remove()
    view.focus()
  }
  const apply = (change: (found: { node: PMNode; pos: number }) => void): void => {
    const found = find()
    if (!found) {
      gone.hidden = false
      return
    }
    change(found)
    close()
  }

  const revert = h('button', {
    class: 'button deviation-revert',
    text: update ? 'deviationApplyUpdate' : reviewed ? 'deviationRevert' : 'clauseLibRevertSuggestion',
    attrs: { type: 'button' },
    on: {
      click: () =>
        apply(({ node: n, pos: p }) => {
          // An organisation clause is known here in its newest approved version only: restore to that.
          const known = library.get(String(n.attrs.clauseId), typeof n.attrs.version === 'number' ? n.attrs.version : null)
          const approved = revertToApproved(withCurrentValues(n, known), library, update || !known ? { version: 'latest' } : {})
          dispatchAsOwnUndoStep(view, view.state.tr.replaceWith(p, p + n.nodeSize, approved))
        }),
    },
  })

  const note = h('textarea', { class: 'input deviation-note-input', attrs: { rows: 3, id: 'deviation-note' } })
  note.value = typeof node.attrs.deviationNote === 'string' ? node.attrs.deviationNote : ''
  const noteForm = h(
    'form',
    { class: 'deviation-note-form', attrs: { hidden: true } },
    h('label', { class: 'field' }, h('span', { class: 'field-label', text: 'deviationNoteLabel' }), note),
    h('div', { class: 'form-actions' }, h('button', { class: 'button deviation-note-save', text: 'deviationNoteSave', attrs: { type: 'submit' } })),
  )
  noteForm.addEventListener('submit', (event) => {
    event.preventDefault()
    const text = note.value.trim()
    if (!text) {
      note.focus()
      return
    }
    apply(({ node: n, pos: p }) => view.dispatch(view.state.tr.setNodeMarkup(p, undefined, { ...n.attrs, deviationNote: text })))
  })
  const keep = h('button', {
    class: 'button button-secondary deviation-keep',
    text: 'deviationKeep',
    attrs: { type: 'button' },
    on: {
      click: () => {
        noteForm.hidden = false
        keep.hidden = true
        note.focus()
      },
    },
  })

  const editable = view.editable
  revert.disabled = !editable
  keep.disabled = !editable
  const dialog = h(
    'dialog',
    { class: 'deviation-dialog', attrs: { 'aria-labelledby': 'deviation-title' } },
    h('h2', { text: update && !result.diff ? 'deviationUpdateTitle' : reviewed ? 'deviationTitle' : 'clauseLibDeviationSuggestionTitle', attrs: { id: 'deviation-title' } }),
    h('p', { class: 'muted', text: update && !result.diff ? 'deviationUpdateExplain' : 'deviationExplain' }),
    result.diff ? diffView(withLabels(result.diff, known)) : update ? updateDiff(node, library) : null,
    gone,
    h(
      'div',
      { class: 'deviation-actions' },
      revert,
      update ? null : keep,
      h('button', { class: 'button button-quiet deviation-close', text: 'deviationClose', attrs: { type: 'button' }, on: { click: close } }),
    ),
    update ? null : noteForm,
  )
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault()
    close()
  })
  document.body.append(dialog)
  dialog.showModal()
}

/** Values are compared as `{name}`; the reader sees what the value is (its label), never the raw name. */
function withLabels(parts: DiffPart[], record: ClauseRecord | undefined): DiffPart[] {
  const labels = new Map((record?.parameters ?? []).map((p) => [p.name, p.label[getLang()].split(/, (?:t\.ex\.|e\.g\.) | \(/)[0]!]))
  return parts.map((part) => ({ ...part, text: part.text.replace(/\{([a-z][a-z0-9_]*)\}/g, (_whole, name: string) => `[${labels.get(name) ?? '…'}]`) }))
}

function diffView(parts: DiffPart[]): HTMLElement {
  return h('div', { class: 'deviation-diff' }, ...parts.map((part) => (part.kind === 'same' ? part.text : h(part.kind === 'added' ? 'ins' : 'del', { class: `diff-${part.kind}` }, part.text))))
}

/** What "use the new version" would change, with the values the document has now. */
function updateDiff(node: PMNode, library: ClauseLibrary): HTMLElement | null {
  const text = (n: PMNode): string => n.textBetween(0, n.content.size, '\n\n')
  try {
    const known = library.get(String(node.attrs.clauseId), typeof node.attrs.version === 'number' ? node.attrs.version : null) ?? library.get(String(node.attrs.clauseId))
    const next = revertToApproved(withCurrentValues(node, known), library, { version: 'latest' })
    return diffView(diffWords(text(node), text(next)).map((c) => ({ kind: c.added ? 'added' : c.removed ? 'removed' : 'same', text: c.value })))
  } catch {
    return null
  }
}
