import { EditorState } from 'prosemirror-state'
import type { Node as PMNode } from 'prosemirror-model'
import { describe, expect, it } from 'vitest'
import { schema } from '../../../schema/schema.ts'
import { validateAgreement } from '../../../schema/validator/index.ts'
import { markdownToDoc } from '../../../schema/validator/markdown.ts'
import { fixture, section } from './helpers.ts'

/**
 * The per-node cache must never serve a stale answer: an edit that shares every other node with the
 * previous document changes exactly what it should, and the old document keeps its old result.
 */
function findText(doc: PMNode, needle: string): { from: number; to: number } {
  let found: { from: number; to: number } | null = null
  doc.descendants((node, pos) => {
    if (found || !node.isTextblock || !node.textContent.includes(needle)) return !found
    found = { from: pos + 1, to: pos + 1 + node.content.size }
    return false
  })
  if (!found) throw new Error(`no text block with "${needle}"`)
  return found
}

function replaceBlockText(doc: PMNode, needle: string, text: string): PMNode {
  const { from, to } = findText(doc, needle)
  return EditorState.create({ doc }).tr.replaceWith(from, to, schema.text(text)).doc
}

describe('incremental validation', () => {
  const before = markdownToDoc(fixture('sv-complete-informal.md'))

  it('an edited paragraph is re-read; the unchanged document keeps its result', () => {
    expect(section(validateAgreement(before), 'learning_goals').status).toBe('present')
    const after = replaceBlockText(before, 'Föreningen Läxhjälpen Kronan: lära sig', 'Fylls i senare.')
    expect(section(validateAgreement(after), 'learning_goals').criteria).toEqual(['LG2'])
    expect(section(validateAgreement(before), 'learning_goals').status).toBe('present')
    const restored = replaceBlockText(after, 'Fylls i senare.', 'Föreningen Läxhjälpen Kronan: lära sig att dokumentera verksamheten.')
    expect(section(validateAgreement(restored), 'learning_goals').status).toBe('present')
  })

  it('renaming a table column re-labels the unchanged rows under it', () => {
    const ok = validateAgreement(before)
    expect(section(ok, 'ownership_and_costs').status).toBe('present')
    const renamed = replaceBlockText(before, 'Kostnadsansvar (bokförs av)', 'Kommentar')
    const report = validateAgreement(renamed)
    expect(section(report, 'ownership_and_costs').criteria).toContain('OC1')
  })

  it('typing inside a word does not change the result of an unrelated section', () => {
    const typed = EditorState.create({ doc: before }).tr.insertText('x', findText(before, 'Partnerskapet riktar sig').from + 3).doc
    // Evidence quotes and positions move with the edit; verdicts, statuses and warnings must not.
    const verdicts = (r: ReturnType<typeof validateAgreement>) => ({
      sections: r.sections.map((s) => ({ ...s, checks: s.checks?.map((c) => [c.code, c.verdict]) })),
      warnings: r.warnings,
    })
    expect(verdicts(validateAgreement(typed))).toEqual(verdicts(validateAgreement(before)))
  })
})
