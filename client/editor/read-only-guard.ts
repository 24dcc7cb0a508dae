import { Plugin, PluginKey } from 'prosemirror-state'
import { ySyncPluginKey } from 'y-prosemirror'

export const readOnlyGuardKey = new PluginKey('readOnlyGuard')

/**
 * Vetoes local changes of the text while `canWrite()` is false. `editable: false` only stops typing;
 * a panel button or a plugin can still dispatch a change, and a read-only connection that sends one
 * is closed by the server (4403) — and the change would stay in IndexedDB and be resent on every
 * visit. Remote changes pass: the y-sync binding marks every transaction it makes.
 */
export function readOnlyGuard(canWrite: () => boolean): Plugin {
  return new Plugin({
    key: readOnlyGuardKey,
    filterTransaction: (tr) => !tr.docChanged || tr.getMeta(ySyncPluginKey) !== undefined || canWrite(),
  })
}
