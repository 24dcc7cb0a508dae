import { z } from 'zod'
import { LIMITS } from '../../schema/limits.ts'

/**
 * Control, format (zero-width, bidi overrides), private-use, unassigned and line/paragraph separator
 * characters: invisible or reordering, so a name holding one can pass for another person's. A name
 * holding one is refused whole, never silently cleaned, so what the person typed is what others see.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u

/** NFC, whitespace runs made one space, trimmed; null when the result is empty, too long or holds hidden characters. */
export function normaliseDisplayName(raw: string): string | null {
  // Checked on the raw text: trimming would quietly drop a leading or trailing invisible character.
  if (raw.length > LIMITS.displayNameMaxLength * 4 || HIDDEN.test(raw)) return null
  const name = raw.normalize('NFC').replace(/\s+/g, ' ').trim()
  if (name.length === 0 || name.length > LIMITS.displayNameMaxLength) return null
  return name
}

/** The zod form of a display name, for request bodies. */
export const DisplayName = z
  .string()
  .max(LIMITS.displayNameMaxLength * 4)
  .transform((raw, ctx) => {
    const name = normaliseDisplayName(raw)
    if (name === null) {
      ctx.addIssue({ code: 'custom', message: `a name is 1–${LIMITS.displayNameMaxLength} visible characters, without control or invisible formatting characters` })
      return z.NEVER
    }
    return name
  })
