import type { Plugin } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import type { Lang } from '../schema/index.ts'
import type { AgreementAccess } from './agreement-access.ts'
import type { MessageKey } from './i18n.ts'
import { membersPanel } from './members/members-panel.ts'
import { presenceView } from './presence.ts'
import { validatorPanel } from './validation/panel.ts'
import { clauseLibraryPanel } from './clauses/panel.ts'
import { commentsPanel, reviewPanel, versionsPanel } from './review/panels.ts'
import type { CollabSession } from './session.ts'

/**
 * The side panel's cards for an open agreement. A later panel (validator, clause library) is a
 * module exporting an EditorPanel and one line in EDITOR_PANELS; the page needs no change.
 */
export interface PanelContext {
  agreementId: string
  session: CollabSession
  /** The signed-in person's role and permissions here; follows role changes while the page is open. */
  access: AgreementAccess
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
  /** Editor plugins the panel works through (decorations, badges); added when the editor is created. */
  plugins?: Plugin[]
  destroy?(): void
}

export type EditorPanel = (context: PanelContext) => PanelInstance

const presencePanel: EditorPanel = ({ session }) => {
  const view = presenceView(session.provider.awareness)
  return { id: 'presence', title: 'presenceTitle', body: view.element, destroy: view.destroy }
}

/** In display order, top to bottom. */
export const EDITOR_PANELS: readonly EditorPanel[] = [presencePanel, validatorPanel, commentsPanel, membersPanel, clauseLibraryPanel, reviewPanel, versionsPanel]
