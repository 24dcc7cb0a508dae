import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { renderScore, scoreFolder } from '../../../schema/validator/score.ts'

/**
 * The labelled development corpus (a copy of shared/domain/corpus) scored as `npm run validator:score`
 * does. The floors are what the validator reaches now; a change that drops below any of them is a
 * regression on text the writing group will actually write.
 */
const CORPUS = fileURLToPath(new URL('../../fixtures/validator-corpus/', import.meta.url))

describe('validator score on the labelled corpus', () => {
  const s = scoreFolder(CORPUS)

  it('scores all 16 drafts, 19 decisions each', () => {
    expect(s.files).toBe(16)
    expect(s.decisions).toBe(16 * 19)
    expect(s.cleanDrafts).toBe(5)
  })

  it('stays at or above the floor', () => {
    expect(s.statusAccuracy).toBeGreaterThanOrEqual(0.996)
    expect(s.flag.precision).toBeGreaterThanOrEqual(1)
    expect(s.flag.recall).toBeGreaterThanOrEqual(1)
    expect(s.warning.precision).toBeGreaterThanOrEqual(1)
    expect(s.warning.recall).toBeGreaterThanOrEqual(0.9)
    expect(s.falseFlagsOnClean).toBe(0)
    expect(s.falseWarningsOnClean).toBe(0)
  })

  it('prints a summary whose last three lines carry the headline numbers', () => {
    const lines = renderScore(s).trimEnd().split('\n')
    const tail = lines.slice(-3).join('\n')
    expect(tail).toMatch(/status accuracy \d\.\d{3} \| flag precision \d\.\d{3} recall \d\.\d{3} F1 \d\.\d{3}/)
    expect(tail).toMatch(/warning precision \d\.\d{2} recall \d\.\d{2}/)
    expect(tail).toMatch(/false flags on clean drafts \d+/)
  })
})

/**
 * Sets written and labelled blind by people who had not read the validator. Each was held out while the
 * one before it was used to find what the validator missed (general classes of phrasing, not its
 * words), then used the same way in turn. Their floors keep what was reached; the last one, never tuned
 * on, is the honest figure.
 */
describe.each([
  { name: 'validator-blind', drafts: 12, accuracy: 0.99, precision: 0.95, recall: 1, falseFlagsOnClean: 0 },
  { name: 'validator-blind2', drafts: 12, accuracy: 0.99, precision: 0.97, recall: 1, falseFlagsOnClean: 0 },
  // Written blind by a fourth writer; held out for one round, then tuned on.
  { name: 'validator-blind3', drafts: 12, accuracy: 0.98, precision: 0.97, recall: 0.96, falseFlagsOnClean: 1 },
  // Held out: written blind by a fifth writer, scored, never tuned on.
  { name: 'validator-blind4', drafts: 12, accuracy: 0.87, precision: 0.62, recall: 0.9, falseFlagsOnClean: 5 },
])('validator score on $name', ({ name, drafts, accuracy, precision, recall, falseFlagsOnClean }) => {
  const s = scoreFolder(fileURLToPath(new URL(`../../fixtures/${name}/`, import.meta.url)))

  it('scores every draft and stays at or above its floor', () => {
    expect(s.files).toBe(drafts)
    expect(s.statusAccuracy).toBeGreaterThanOrEqual(accuracy)
    expect(s.flag.precision).toBeGreaterThanOrEqual(precision)
    expect(s.flag.recall).toBeGreaterThanOrEqual(recall)
    expect(s.falseFlagsOnClean).toBeLessThanOrEqual(falseFlagsOnClean)
  })
})
