import { EditorState } from 'prosemirror-state'
import { ySyncPluginKey } from 'y-prosemirror'
import { describe, expect, it } from 'vitest'
import { readOnlyGuard } from '../../../client/editor/read-only-guard.ts'
import { newAgreementDoc, schema } from '../../../schema/index.ts'

let writable = false
const state = () => EditorState.create({ schema, doc: newAgreementDoc({ title: 'IOP', lang: 'sv', skeleton: false, makeUid: () => 'uid' }), plugins: [readOnlyGuard(() => writable)] })
const text = (s: EditorState) => s.doc.textBetween(0, s.doc.content.size, '\n')

describe('readOnlyGuard', () => {
  it('drops a local change of the text while the role may not write', () => {
    writable = false
    const before = state()
    const after = before.apply(before.tr.insertText('Granskaren skriver.', 1))
    expect(text(after)).toBe(text(before))
  })

  it('lets remote changes (marked by the y-sync binding) and selection changes through', () => {
    writable = false
    const before = state()
    const remote = before.apply(before.tr.insertText('Från servern ', 1).setMeta(ySyncPluginKey, { isChangeOrigin: true }))
    expect(text(remote)).toBe(`Från servern ${text(before)}`)
    const selected = before.apply(before.tr.setMeta('addToHistory', false))
    expect(selected.doc.eq(before.doc)).toBe(true)
  })

  it('lets local changes through once the role may write', () => {
    writable = true
    const before = state()
    expect(text(before.apply(before.tr.insertText('Skribenten skriver. ', 1)))).toBe(`Skribenten skriver. ${text(before)}`)
  })
})
