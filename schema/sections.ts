/**
 * The section taxonomy of an IOP agreement (shared/domain/SECTIONS.md §2).
 * The ids are a public contract: the clause library, the validator and stored documents use them.
 * Never rename an id; add a new one and deprecate the old.
 */
export const SECTION_IDS = [
  'parties_and_mandates',
  'societal_challenge',
  'purpose_and_goals',
  'activities',
  'ownership_and_costs',
  'budget_and_resources',
  'governance',
  'meeting_cadence',
  'learning_goals',
  'follow_up_evaluation',
  'target_group_involvement',
  'risk_and_crunch_questions',
  'renegotiation',
  'duration',
  'termination',
  'legal_basis',
  'dispute_resolution',
  'personal_data',
  'signatures',
] as const

export type SectionId = (typeof SECTION_IDS)[number]
export type SectionLevel = 'required' | 'recommended'
/** Neutral headings (SECTIONS.md §3.20) are never checked: they can be absent and are never incomplete. */
export type ClauseSectionLevel = SectionLevel | 'optional'

export interface SectionInfo {
  id: SectionId
  level: SectionLevel
  name: { sv: string; en: string }
}

const info = (id: SectionId, level: SectionLevel, sv: string, en: string): SectionInfo => ({ id, level, name: { sv, en } })

/** In the default order of a new agreement; the validator must not require this order. */
export const SECTIONS: readonly SectionInfo[] = [
  info('parties_and_mandates', 'required', 'Parter och mandat', 'Parties and mandates'),
  info('societal_challenge', 'required', 'Samhällsutmaning och bakgrund', 'Societal challenge'),
  info('purpose_and_goals', 'required', 'Syfte och mål', 'Purpose and goals'),
  info('activities', 'required', 'Verksamhet och insatser', 'Activities'),
  info('ownership_and_costs', 'required', 'Ägarskap och kostnadsansvar', 'Ownership and cost attribution'),
  info('budget_and_resources', 'required', 'Ekonomi och resurser', 'Budget and resources'),
  info('governance', 'required', 'Organisation och styrning', 'Governance'),
  info('meeting_cadence', 'recommended', 'Möten och dialog', 'Meeting and dialogue cadence'),
  info('learning_goals', 'required', 'Lärandemål', 'Learning goals'),
  info('follow_up_evaluation', 'required', 'Uppföljning och utvärdering', 'Follow-up and evaluation'),
  info('target_group_involvement', 'recommended', 'Målgruppens inflytande', 'Target-group involvement'),
  info('risk_and_crunch_questions', 'recommended', 'Risker och knäckfrågor', 'Risks and crunch questions'),
  info('renegotiation', 'required', 'Omförhandling och omvärldsbevakning', 'Renegotiation and environmental monitoring'),
  info('duration', 'required', 'Avtalstid', 'Duration'),
  info('termination', 'required', 'Uppsägning och avveckling', 'Termination and wind-down'),
  info('legal_basis', 'required', 'Rättsliga förutsättningar och val av samverkansform', 'Legal basis'),
  info('dispute_resolution', 'recommended', 'Tvistlösning', 'Dispute resolution'),
  info('personal_data', 'recommended', 'Personuppgifter och tystnadsplikt', 'Personal data and confidentiality'),
  info('signatures', 'required', 'Underskrifter', 'Signatures'),
]

const byId = new Map(SECTIONS.map((s) => [s.id, s]))

export function isSectionId(value: unknown): value is SectionId {
  return typeof value === 'string' && byId.has(value as SectionId)
}

export function sectionInfo(id: SectionId): SectionInfo {
  const found = byId.get(id)
  if (!found) throw new Error(`unknown section id: ${id}`)
  return found
}

/**
 * Neutral headings (SECTIONS.md §3.20) that clauses can be filed under: Försäkring, Kommunikation,
 * Bilagor, Övrigt. They are not part of SECTION_IDS, so the validator, which checks exactly the 19
 * sections, never reports them missing or incomplete; `isSectionId` stays false for them.
 */
export const OPTIONAL_SECTION_IDS = ['insurance', 'communication', 'other', 'annexes'] as const
export type OptionalSectionId = (typeof OPTIONAL_SECTION_IDS)[number]

/** Every section a clause or a document section may belong to: the 19 checked ones plus the neutral ones. */
export type ClauseSectionId = SectionId | OptionalSectionId

export interface ClauseSectionInfo {
  id: ClauseSectionId
  level: ClauseSectionLevel
  name: { sv: string; en: string }
}

export const OPTIONAL_SECTIONS: readonly ClauseSectionInfo[] = [
  { id: 'insurance', level: 'optional', name: { sv: 'Ansvar och försäkring', en: 'Liability and insurance' } },
  { id: 'communication', level: 'optional', name: { sv: 'Kommunikation', en: 'Communication' } },
  { id: 'other', level: 'optional', name: { sv: 'Övrigt', en: 'Other provisions' } },
  { id: 'annexes', level: 'optional', name: { sv: 'Bilagor', en: 'Annexes' } },
]

/** Where each neutral section goes in a new agreement: after the checked section named here. */
const OPTIONAL_AFTER: Record<OptionalSectionId, SectionId> = {
  insurance: 'budget_and_resources',
  communication: 'follow_up_evaluation',
  other: 'personal_data',
  annexes: 'personal_data',
}

/** All sections in the default order of a new agreement, neutral ones placed where drafters put them. */
export const CLAUSE_SECTIONS: readonly ClauseSectionInfo[] = SECTIONS.flatMap((s): ClauseSectionInfo[] => [s, ...OPTIONAL_SECTIONS.filter((o) => OPTIONAL_AFTER[o.id as OptionalSectionId] === s.id)])

export const CLAUSE_SECTION_IDS = CLAUSE_SECTIONS.map((s) => s.id) as readonly ClauseSectionId[]
/** For zod enums: the tuple type of every clause section id. */
export const CLAUSE_SECTION_ID_TUPLE = [...SECTION_IDS, ...OPTIONAL_SECTION_IDS] as const

const clauseById = new Map(CLAUSE_SECTIONS.map((s) => [s.id, s]))

export function isClauseSectionId(value: unknown): value is ClauseSectionId {
  return typeof value === 'string' && clauseById.has(value as ClauseSectionId)
}

export function clauseSectionInfo(id: ClauseSectionId): ClauseSectionInfo {
  const found = clauseById.get(id)
  if (!found) throw new Error(`unknown section id: ${id}`)
  return found
}
