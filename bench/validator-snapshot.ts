/**
 * `node --import tsx bench/validator-snapshot.ts > out.json`: the validator's report, as JSON, for every
 * corpus draft and test fixture in both languages (with and without registered parties), for the
 * 50-page bench agreement, and for a sequence of edits of it validated one after the other (so the
 * per-block caches are exercised as in the editor). Speed work must leave this output byte-identical:
 * diff the file written before a change with the one written after.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { EditorState } from 'prosemirror-state'
import type { Node as PMNode } from 'prosemirror-model'
import { locateSections, validateAgreement, type RegisteredParty } from '../schema/validator/index.ts'
import { markdownToDoc } from '../schema/validator/markdown.ts'
import { generateLongAgreement } from './validator-doc.ts'

const out: Record<string, unknown> = {}
const langs = ['sv', 'en'] as const
const registered: RegisteredParty[][] = [
  [],
  [
    { name: 'Exempelby kommun', type: 'public' },
    { name: 'Föreningen Läxhjälpen Kronan', type: 'idea', orgNr: '802000-0000' },
  ],
]

function record(name: string, doc: PMNode | unknown): void {
  for (const lang of langs) {
    registered.forEach((parties, i) => {
      out[`${name} ${lang} parties${i}`] = validateAgreement(doc, { lang, parties })
    })
  }
  out[`${name} positions`] = [...locateSections(doc)]
}

const dirs = ['test/fixtures/validator-corpus', 'test/fixtures/validator']
for (const dir of dirs) {
  for (const file of readdirSync(dir).sort()) {
    const path = `${dir}/${file}`
    if (file.endsWith('.md') && file !== 'README.md') record(path, markdownToDoc(readFileSync(path, 'utf8')))
    else if (file.endsWith('.json') && file !== 'truth.json') record(path, JSON.parse(readFileSync(path, 'utf8')))
  }
}

const long = generateLongAgreement()
record('long', long)

// Edits validated in sequence: shared nodes hit the per-block caches, the edited ones must not.
const positions: number[] = []
long.descendants((n, pos) => {
  if (n.isText && n.text!.length > 3) positions.push(pos + 1)
  return true
})
let seed = 7
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
let current = long
for (let i = 0; i < 30; i++) {
  const pos = positions[Math.floor(random() * positions.length)]!
  const tr = EditorState.create({ doc: current }).tr
  // Alternate typing, deleting a word's worth, and inserting a sentence that changes facts.
  if (i % 3 === 0) tr.insertText('x', Math.min(pos, current.content.size - 1))
  else if (i % 3 === 1) tr.delete(Math.min(pos, current.content.size - 8), Math.min(pos + 5, current.content.size - 3))
  else tr.insertText(' Kommunen bidrar med 450 000 kr per år och avtalet gäller till 2030-12-31. ', Math.min(pos, current.content.size - 1))
  current = tr.doc
  out[`edit ${i}`] = validateAgreement(current, { lang: i % 2 ? 'en' : 'sv', parties: registered[i % 2]! })
}

process.stdout.write(JSON.stringify(out, null, 1))
