import { Plugin } from 'prosemirror-state'
import { Decoration, DecorationSet } from 'prosemirror-view'

/**
 * Shows a hint in an empty title. A decoration, not content: text in the document would be synced
 * to everyone and saved.
 */
export function titlePlaceholder(text: () => string): Plugin {
  return new Plugin({
    props: {
      decorations(state) {
        const first = state.doc.firstChild
        if (first?.type.name !== 'title' || first.content.size > 0) return null
        return DecorationSet.create(state.doc, [Decoration.node(0, first.nodeSize, { class: 'is-empty', 'data-placeholder': text() })])
      },
    },
  })
}
