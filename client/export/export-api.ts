import type { Member, Party } from '../../schema/api-types.ts'
import type { ValidationReport } from '../../schema/validator/types.ts'
import { ApiError, request, unauthenticatedListeners, type Agreement } from '../api.ts'
import { getLang } from '../i18n.ts'

/** The export and import routes of ARCHITECTURE.md, typed. */
export const exportPaths = {
  /** `clean`: without the open suggestions, which are otherwise Word revisions (tracked changes). */
  docx: (id: string, options: { appendix?: boolean; version?: string; clean?: boolean } = {}) => {
    const query = new URLSearchParams()
    if (options.appendix) query.set('appendix', '1')
    if (options.clean) query.set('suggestions', 'clean')
    if (options.version) query.set('version', options.version)
    const q = query.toString()
    return `/api/agreements/${encodeURIComponent(id)}/export.docx${q ? `?${q}` : ''}`
  },
  json: (id: string) => `/api/agreements/${encodeURIComponent(id)}/export`,
}

export const signatureData = (id: string) =>
  Promise.all([
    request<{ parties: Party[] }>('GET', `/api/agreements/${encodeURIComponent(id)}/parties`).then((r) => r.parties),
    request<{ members: Member[] }>('GET', `/api/agreements/${encodeURIComponent(id)}/members`).then((r) => r.members),
  ])

export interface FoundParty {
  name: string
  type: 'public' | 'idea_driven'
  orgNr: string | null
}

export interface ImportSummary {
  title: string
  lang: 'sv' | 'en'
  sections: { heading: string; kind: string | null }[]
  parties: FoundParty[]
  validation: ValidationReport
  warnings: string[]
}

export interface ImportPreview extends ImportSummary {
  preview: true
  suggestedMunicipality: string | null
}

export interface ImportFields {
  municipality?: string
  title?: string
  lang: 'sv' | 'en'
  parties: boolean
}

/** Sends the file as multipart form data; `preview` asks what was found and creates nothing. */
export async function importDocx(file: File, fields: ImportFields, preview: boolean): Promise<ImportPreview | (Agreement & ImportSummary)> {
  const form = new FormData()
  if (fields.municipality) form.set('municipality', fields.municipality)
  if (fields.title) form.set('title', fields.title)
  form.set('lang', fields.lang)
  form.set('parties', fields.parties ? '1' : '0')
  if (preview) form.set('preview', '1')
  form.set('file', file, file.name)
  // Refusals come back in the reader's language, which need not be the agreement's.
  const response = await fetch('/api/agreements/import', { method: 'POST', body: form, headers: { accept: 'application/json', 'accept-language': getLang() } })
  const payload: unknown = await response.json().catch(() => null)
  if (!response.ok) {
    const error = (payload as { error?: { code?: string; message?: string } } | null)?.error
    if (response.status === 401) for (const listener of unauthenticatedListeners) listener()
    throw new ApiError(response.status, error?.code ?? String(response.status), error?.message ?? response.statusText)
  }
  return payload as ImportPreview | (Agreement & ImportSummary)
}
