/**
 * Placeholders are `{snake_case}` tokens in a clause text. Anything else in braces is ordinary text,
 * so a value or a text that happens to contain braces is never mistaken for a parameter.
 */

export type TextPiece = { kind: 'text'; text: string } | { kind: 'param'; name: string }

const TOKEN = /\{([a-z][a-z0-9_]*)\}/g

/** Splits one paragraph of clause text into literal text and placeholders, in order. */
export function splitPlaceholders(text: string): TextPiece[] {
  const pieces: TextPiece[] = []
  let last = 0
  for (const m of text.matchAll(TOKEN)) {
    const at = m.index
    if (at > last) pieces.push({ kind: 'text', text: text.slice(last, at) })
    pieces.push({ kind: 'param', name: m[1]! })
    last = at + m[0].length
  }
  if (last < text.length) pieces.push({ kind: 'text', text: text.slice(last) })
  return pieces
}

export function placeholderNames(text: string): Set<string> {
  return new Set(Array.from(text.matchAll(TOKEN), (m) => m[1]!))
}

export const placeholderToken = (name: string): string => `{${name}}`

/** Clause texts separate paragraphs with a blank line; each becomes one ProseMirror paragraph. */
export function splitParagraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
}
