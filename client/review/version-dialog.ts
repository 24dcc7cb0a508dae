import { EditorState } from 'prosemirror-state'
import { EditorView } from 'prosemirror-view'
import { schema } from '../../schema/index.ts'
import { h } from '../dom.ts'
import type { DiffBlock } from './review-api.ts'

/**
 * A modal over the editor for what is not the live text: a saved version, read-only, or the
 * differences between two states. The live editor stays open and connected underneath.
 */
function modal(title: string, subtitle: string | null, body: HTMLElement, onClose?: () => void): void {
  const dialog = h(
    'dialog',
    { class: 'version-dialog' },
    h(
      'header',
      { class: 'version-dialog-header' },
      h('div', {}, h('h2', {}, title), subtitle ? h('p', { class: 'muted' }, subtitle) : null),
      h('button', { class: 'button button-secondary version-dialog-close', text: 'versionClose', attrs: { type: 'button' }, on: { click: () => dialog.close() } }),
    ),
    h('div', { class: 'version-dialog-body' }, body),
  )
  dialog.addEventListener('close', () => {
    dialog.remove()
    onClose?.()
  })
  document.body.append(dialog)
  dialog.showModal()
}

/** The version's content in a ProseMirror view of the same schema, so it looks like the agreement. */
export function showVersion(title: string, subtitle: string, content: unknown): void {
  const mount = h('div', { class: 'doc-page version-doc' })
  const view = new EditorView(mount, {
    state: EditorState.create({ schema, doc: schema.nodeFromJSON(content) }),
    editable: () => false,
    attributes: { class: 'agreement-doc' },
  })
  modal(title, subtitle, h('div', {}, h('p', { class: 'muted version-readonly', text: 'versionReadOnly' }), mount), () => view.destroy())
}

const PART_TAG: Record<DiffBlock['parts'][number]['kind'], 'ins' | 'del' | 'span'> = { added: 'ins', removed: 'del', same: 'span' }

/** Block by block; inserted words green and underlined, deleted ones red and struck through. */
export function showDiff(title: string, blocks: DiffBlock[]): void {
  const changed = blocks.some((b) => b.kind !== 'same')
  const legend = h('p', { class: 'diff-legend' }, h('ins', { text: 'versionDiffAdded' }), ' ', h('del', { text: 'versionDiffRemoved' }))
  const body = h(
    'div',
    { class: 'diff' },
    changed ? legend : h('p', { class: 'muted', text: 'versionDiffNone' }),
    ...blocks.map((block) =>
      h('p', { class: 'diff-block', attrs: { 'data-kind': block.kind } }, ...block.parts.map((part) => h(PART_TAG[part.kind], { class: `diff-${part.kind}` }, part.text || '\u00a0'))),
    ),
  )
  modal(title, null, body)
}
