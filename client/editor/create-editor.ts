import { dropCursor } from 'prosemirror-dropcursor'
import { gapCursor } from 'prosemirror-gapcursor'
import { EditorState, type Plugin } from 'prosemirror-state'
import { EditorView } from 'prosemirror-view'
import { initProseMirrorDoc, yCursorPlugin, ySyncPlugin, yUndoPlugin } from 'y-prosemirror'
import type * as Y from 'yjs'
import type { Awareness } from 'y-protocols/awareness'
import { schema } from '../../schema/index.ts'
import { remoteCursor, remoteSelection } from './cursor.ts'
import { editorKeymaps } from './keymap.ts'
import { titlePlaceholder } from './placeholder.ts'
import { sectionGuard } from './section-guard.ts'
import { uniqueUids } from './unique-uids.ts'

export interface EditorOptions {
  mount: HTMLElement
  fragment: Y.XmlFragment
  awareness: Awareness
  titlePlaceholder: () => string
  /** Read once per state update; call `view.setProps({})` when its answer changes. */
  editable?: () => boolean
  extraPlugins?: Plugin[]
}

/**
 * The ProseMirror view bound to the shared fragment. The initial doc is built from the fragment
 * (initProseMirrorDoc) rather than from the schema's empty doc: the binding then starts with a full
 * mapping and never writes a default document into a fragment that already has content.
 */
export function createEditor({ mount, fragment, awareness, titlePlaceholder: placeholder, editable = () => true, extraPlugins = [] }: EditorOptions): EditorView {
  const { doc, mapping } = initProseMirrorDoc(fragment, schema)
  const state = EditorState.create({
    schema,
    doc,
    plugins: [
      ySyncPlugin(fragment, { mapping }),
      yCursorPlugin(awareness, { cursorBuilder: remoteCursor, selectionBuilder: remoteSelection }),
      yUndoPlugin(),
      ...editorKeymaps(),
      dropCursor(),
      gapCursor(),
      titlePlaceholder(placeholder),
      sectionGuard(),
      uniqueUids(),
      ...extraPlugins,
    ],
  })
  return new EditorView(mount, {
    state,
    editable,
    attributes: { class: 'agreement-doc', spellcheck: 'true' },
  })
}
