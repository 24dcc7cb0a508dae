import { z } from 'zod'
import { LIMITS } from '../schema/limits.ts'
import { CLAUSE_SECTION_ID_TUPLE } from '../schema/sections.ts'

/**
 * The shape of one clause file. The zod schema is the single definition: the directory loader, the
 * bundled built-in library and template packages all validate with it, so a file that loads on the
 * server also loads in the browser.
 */

export const LANGS = ['sv', 'en'] as const
export type Lang = (typeof LANGS)[number]

export const PARAM_TYPES = [
  'text',
  'number',
  'months',
  'amount_sek',
  'date',
  'party',
  'list',
  /** One of a few fixed answers, each inserting its own approved sentence. */
  'choice',
  /** A month of the year for something recurring (1–12 → "oktober"). */
  'month',
  /** A particular month ("2029-06" → "juni 2029"). */
  'year_month',
  'year',
  /** Swedish organisation number, NNNNNN-NNNN. */
  'orgnr',
  /** A table: one row per item, cells in `columns`. Stands alone in its paragraph. */
  'rows',
  /** One signature block per party (party, signatory role). Stands alone in its paragraph. */
  'signatories',
  /** The EU threshold for social services in SEK, taken from the validator's configuration, never typed. */
  'threshold_sek',
] as const
export type ParamType = (typeof PARAM_TYPES)[number]

/** A filled value as stored in the clause node's `params` attr (plain JSON, never markup). */
export type ParamValue = string | number | readonly string[]
export type ParamValues = Readonly<Record<string, ParamValue | null | undefined>>

const bilingualOf = (max: number) => z.strictObject({ sv: z.string().trim().min(1).max(max), en: z.string().trim().min(1).max(max) })
const bilingual = bilingualOf(LIMITS.nameMaxLength)

/** snake_case, the same spelling rule as section ids, so ids read alike across the product. */
const PARAM_NAME = /^[a-z][a-z0-9_]*$/
/**
 * `<section_id>.<variant>`, optionally with the `~import-<hash>` suffix that package import adds, and
 * optionally prefixed `org:<slug>/` for an organisation's own clause: the prefix keeps an organisation's
 * ids apart from the built-in library (including built-ins added in later releases) and from other
 * organisations, while the clause node can keep referring to a clause by one string.
 */
const CLAUSE_ID = /^(org:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\/)?[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*(~import-[0-9a-f]{8,64})?$/
const NAMESPACE = /^org:([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\//

/** The organisation slug of a namespaced clause id, or null for a built-in id. */
export function clauseNamespace(id: string): string | null {
  return NAMESPACE.exec(id)?.[1] ?? null
}

/** The id without its organisation prefix: `<section_id>.<variant>[~import-<hash>]`. */
export function localClauseId(id: string): string {
  return id.replace(NAMESPACE, '')
}
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** Bounded, so a value can never make filling, formatting or storing a template expensive. */
const paramText = z.string().max(LIMITS.paramValueMaxLength)
export const paramValueSchema = z.union([paramText, z.number().finite(), z.array(paramText).max(LIMITS.paramListMaxItems)])

const unitForms = z.strictObject({ one: z.string().min(1), other: z.string().min(1) })

export const choiceOptionSchema = z.strictObject({
  value: z.string().regex(PARAM_NAME, 'choice values are snake_case'),
  label: bilingual,
  /** The sentence written into the agreement for this answer. */
  text: bilingualOf(LIMITS.clauseTextMaxLength),
})
export type ChoiceOption = z.infer<typeof choiceOptionSchema>

export const rowColumnSchema = z.strictObject({
  name: z.string().regex(PARAM_NAME, 'column names are snake_case'),
  label: bilingual,
})
export type RowColumn = z.infer<typeof rowColumnSchema>

export const clauseParamSchema = z.strictObject({
  name: z.string().regex(PARAM_NAME, 'parameter names are snake_case'),
  type: z.enum(PARAM_TYPES),
  /** What the form asks, with an example phrase where the grammar around the value needs one. */
  label: bilingual,
  required: z.boolean(),
  /** Prefilled only where a wrong value does no harm; built-in clauses start empty. */
  default: paramValueSchema.optional(),
  /** Shown as the field's placeholder, never inserted; also the realistic value the library is tested with. */
  example: z.strictObject({ sv: paramValueSchema, en: paramValueSchema }).optional(),
  /** Unit words written after a number, in singular and plural ("1 månads", "6 månaders"). */
  unit: z.strictObject({ sv: unitForms, en: unitForms }).optional(),
  options: z.array(choiceOptionSchema).min(2).optional(),
  columns: z.array(rowColumnSchema).min(1).max(8).optional(),
})
export type ClauseParam = z.infer<typeof clauseParamSchema>

export const reviewSchema = z.strictObject({
  by: z.string().trim().min(1).max(LIMITS.nameMaxLength),
  at: z.string().regex(ISO_DATE, 'an ISO date (YYYY-MM-DD)'),
  note: z.string().max(LIMITS.noteMaxLength),
})
export type Review = z.infer<typeof reviewSchema>

export const clauseRecordSchema = z
  .strictObject({
    id: z.string().regex(CLAUSE_ID, 'clause ids are [org:<slug>/]<section_id>.<variant> in snake_case'),
    sectionId: z.enum(CLAUSE_SECTION_ID_TUPLE),
    version: z.number().int().positive(),
    /**
     * `starter`: a suggestion shipped with Överens, not legally reviewed by anyone. `draft`: an
     * organisation's own wording not yet approved. `approved`: approved by an identified person of the
     * organisation (the `review` record says who and when).
     */
    status: z.enum(['starter', 'draft', 'approved']),
    review: reviewSchema.nullable(),
    /** A short name and a one-line summary for the clause list. */
    title: bilingual.optional(),
    summary: bilingualOf(LIMITS.noteMaxLength).optional(),
    /** `addon` clauses supplement a section; they do not complete it on their own. */
    role: z.enum(['base', 'addon']).optional(),
    /** The clause needs a legal assessment in every single case (procurement, state aid, data, disputes). */
    caseByCase: z.boolean().optional(),
    /** What changed in this version and why, for the reviewing lawyer. */
    changes: z.string().optional(),
    parameters: z.array(clauseParamSchema),
    text: bilingualOf(LIMITS.clauseTextMaxLength),
  })
  // An "approved" clause without a record of who approved it would make the status meaningless.
  .refine((c) => c.status !== 'approved' || c.review !== null, {
    message: 'an approved clause needs a review record',
    path: ['review'],
  })
export type ClauseRecord = z.infer<typeof clauseRecordSchema>
