import MarkdownIt from 'markdown-it'
import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs'
import type Token from 'markdown-it/lib/token.mjs'
import { MarkdownParser } from 'prosemirror-markdown'
import type { Node as PMNode } from 'prosemirror-model'
import { schema } from '../schema.ts'

/**
 * Markdown drafts (imports, hand-written files) to a document of our schema: the first level-1 heading
 * at the top becomes the title, headings stay headings, GFM tables become table nodes. Constructs our
 * schema has no node for (quotes, code, rules, images, links) keep their text and lose their form.
 */
function normalizeTokens(state: StateCore): void {
  const out: Token[] = []
  const tokens = state.tokens
  const Tok = state.Token
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (i === 0 && t.type === 'heading_open' && t.tag === 'h1') {
      // The title node allows no marks, so its inline content is flattened to plain text.
      const inline = tokens[i + 1]!
      const open = new Tok('title_open', 'h1', 1)
      const text = new Tok('inline', '', 0)
      const plain = new Tok('text', '', 0)
      plain.content = inline.content
      text.children = [plain]
      text.content = inline.content
      out.push(open, text, new Tok('title_close', 'h1', -1))
      i += 2
      continue
    }
    if (t.type === 'th_open' || t.type === 'td_open') {
      out.push(t, new Tok('paragraph_open', 'p', 1))
      continue
    }
    if (t.type === 'th_close' || t.type === 'td_close') {
      out.push(new Tok('paragraph_close', 'p', -1), t)
      continue
    }
    if (t.type === 'inline' && t.children) t.children = t.children.filter((c) => c.type !== 'image').map(inlineToText)
    out.push(t)
  }
  state.tokens = out
}

function inlineToText(t: Token): Token {
  if (t.type === 'code_inline' || t.type === 'html_inline') {
    t.type = 'text'
  }
  return t
}

const tokenizer = MarkdownIt('default', { html: false, linkify: false })
tokenizer.core.ruler.push('overens_schema', normalizeTokens)

const parser = new MarkdownParser(schema, tokenizer, {
  title: { block: 'title' },
  paragraph: { block: 'paragraph' },
  heading: { block: 'heading', getAttrs: (tok) => ({ level: Math.min(4, Math.max(2, Number(tok.tag.slice(1)))) }) },
  bullet_list: { block: 'bullet_list' },
  ordered_list: { block: 'ordered_list', getAttrs: (tok) => ({ order: Number(tok.attrGet('start')) || 1 }) },
  list_item: { block: 'list_item' },
  table: { block: 'table' },
  thead: { ignore: true },
  tbody: { ignore: true },
  tr: { block: 'table_row' },
  th: { block: 'table_cell', attrs: { header: true } },
  td: { block: 'table_cell', attrs: { header: false } },
  blockquote: { ignore: true },
  code_block: { block: 'paragraph', noCloseToken: true },
  fence: { block: 'paragraph', noCloseToken: true },
  hr: { ignore: true, noCloseToken: true },
  hardbreak: { node: 'hard_break' },
  em: { mark: 'em' },
  strong: { mark: 'strong' },
  link: { ignore: true },
  s: { ignore: true },
})

export function markdownToDoc(markdown: string): PMNode {
  const doc = parser.parse(markdown)
  doc.check()
  return doc
}
