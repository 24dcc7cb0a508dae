import type { EditorView } from 'prosemirror-view'
import type { Lang } from '../schema/index.ts'
import type { MessageKey } from './i18n.ts'
import { presenceView } from './presence.ts'
import type { CollabSession } from './session.ts'

/**
 * The side panel's cards for an open agreement. A later panel (validator, clause library) is a
 * module exporting an EditorPanel and one line in EDITOR_PANELS; the page needs no change.
 */
export interface PanelContext {
  agreementId: string
  session: CollabSession
  /** The editor is created once content is there; `null` before that and after a not-found. */
  getView(): EditorView | null
  /** Calls `listener` once the editor exists (at once if it already does); returns the unsubscribe. */
  onView(listener: (view: EditorView) => void): () => void
  /** Language of the agreement's text (not of the UI): what inserted content should be written in. */
  documentLang(): Lang
}

export interface PanelInstance {
  id: string
  title: MessageKey
  body: HTMLElement
  collapsed?: boolean
  destroy?(): void
}

export type EditorPanel = (context: PanelContext) => PanelInstance

const presencePanel: EditorPanel = ({ session }) => {
  const view = presenceView(session.provider.awareness)
  return { id: 'presence', title: 'presenceTitle', body: view.element, destroy: view.destroy }
}

/** In display order, top to bottom. */
export const EDITOR_PANELS: readonly EditorPanel[] = [presencePanel]
