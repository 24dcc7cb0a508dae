import type { Plugin } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import type { Lang } from '../schema/index.ts'
import type { AgreementAccess } from './agreement-access.ts'
import type { MessageKey } from './i18n.ts'
import { membersPanel } from './members/members-panel.ts'
import { outlinePanel } from './outline.ts'
import { presenceView } from './presence.ts'
import { validatorPanel } from './validation/panel.ts'
import { clauseLibraryPanel } from './clauses/panel.ts'
import { commentsPanel, reviewPanel, versionsPanel } from './review/panels.ts'
import type { CollabSession } from './session.ts'

/**
 * The side area's panels for an open agreement, one tab each. A new panel is a module exporting an
 * EditorPanel and one line in EDITOR_PANELS; the page needs no change.
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
  /** The number on the panel's tab (`null` or 0 hides it); any panel may set any id's count. */
  setCount?(id: string, count: number | null): void
  /** Shows a panel: selects its tab and, on a narrow screen, opens the drawer. */
  revealPanel?(id: string): void
  /** Closes the drawer on a narrow screen, e.g. after going to a place in the text. */
  closeDrawer?(): void
}

export interface PanelInstance {
  id: string
  title: MessageKey
  /** A short label for the panel's tab; the title when absent. */
  tab?: MessageKey
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

/** Short tab labels of panels that are written elsewhere and only give a long title. */
export const TAB_LABELS: Record<string, MessageKey> = {
  validator: 'layoutTabValidator',
  'clause-library': 'layoutTabClauses',
  comments: 'layoutTabComments',
  review: 'layoutTabReview',
  versions: 'layoutTabVersions',
  members: 'layoutTabMembers',
}

/** In tab order, left to right (presence is shown above the tabs). */
export const EDITOR_PANELS: readonly EditorPanel[] = [presencePanel, outlinePanel, validatorPanel, clauseLibraryPanel, commentsPanel, reviewPanel, versionsPanel, membersPanel]
