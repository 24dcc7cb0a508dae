import type { Node as PMNode } from 'prosemirror-model'
import { fnv1a64 } from '../schema/hash.ts'
import { placeholderToken, splitParagraphs } from './placeholders.ts'
import type { ClauseRecord, Lang } from './record.ts'

/**
 * The wording of a clause with every parameter value replaced by its `{name}` token. Approved text and
 * document text are compared in this form, so changing a value is never a deviation but changing a
 * word is. Whitespace runs and empty paragraphs are normalised: they carry no legal meaning and
 * editors produce them by accident.
 */

const normalizeParagraph = (p: string): string => p.normalize('NFC').replace(/\s+/g, ' ').trim()

const ONLY_PARAM = /^\{[a-z][a-z0-9_]*\}$/

/**
 * A list, table or signature value fills several paragraphs with the same parameter; the approved text
 * has one `{name}` paragraph for it, so a run of such paragraphs counts as one.
 */
function normalize(paragraphs: readonly string[]): string {
  const out: string[] = []
  for (const p of paragraphs.map(normalizeParagraph)) {
    if (p.length === 0) continue
    if (ONLY_PARAM.test(p) && out[out.length - 1] === p) continue
    out.push(p)
  }
  return out.join('\n\n')
}

export function approvedMaskedText(clause: ClauseRecord, lang: Lang): string {
  return normalize(splitParagraphs(clause.text[lang]))
}

/** Text under a `param` mark counts as the parameter, whatever it says and however it is split. */
export function maskedTextOfNode(node: PMNode): string {
  const paragraphs: string[] = []
  node.descendants((child) => {
    if (!child.isTextblock) return true
    let text = ''
    let openParam: string | null = null
    child.forEach((inline) => {
      const param = inline.marks.find((m) => m.type.name === 'param')
      const name = param ? String(param.attrs.name) : null
      if (name !== null) {
        if (name !== openParam) text += placeholderToken(name)
      } else if (inline.isText) {
        text += inline.text ?? ''
      } else {
        text += ' '
      }
      openParam = name
    })
    paragraphs.push(text)
    return false
  })
  return normalize(paragraphs)
}

const PREFIX = 'fnv1a64:'

export const hashMaskedText = (masked: string): string => PREFIX + fnv1a64(masked)

/** The `contentHash` attr of a clause node: identifies the approved wording it was inserted from. */
export function contentHash(clause: ClauseRecord, lang: Lang): string {
  return hashMaskedText(approvedMaskedText(clause, lang))
}
