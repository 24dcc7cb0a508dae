import { readdirSync, readFileSync } from 'node:fs'
import { markdownToDoc } from '../../../schema/validator/markdown.ts'
import { generateLongAgreement } from '../../../bench/validator-doc.ts'

/** Every labelled draft and fixture the validator is tested on; prefilters must give the same answers on all. */
const FOLDERS = [
  'test/fixtures/validator-corpus',
  'test/fixtures/validator-blind',
  'test/fixtures/validator-blind2',
  'test/fixtures/validator-blind3',
  'test/fixtures/validator-blind4',
  'test/fixtures/validator',
]

/** The text of every text block of those drafts and of the 50-page agreement, as written. */
export function corpusBlockTexts(): string[] {
  const texts: string[] = []
  const add = (doc: { descendants: (f: (n: { isTextblock: boolean; textContent: string }) => boolean) => void }) =>
    doc.descendants((n) => {
      if (n.isTextblock) texts.push(n.textContent)
      return true
    })
  for (const dir of FOLDERS) {
    for (const file of readdirSync(dir).sort()) {
      if (file.endsWith('.md') && !/^(README|SCORE)\.md$/.test(file)) add(markdownToDoc(readFileSync(`${dir}/${file}`, 'utf8')))
    }
  }
  add(generateLongAgreement())
  return texts
}
