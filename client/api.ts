import type { Lang } from '../schema/index.ts'

/** The HTTP API of ARCHITECTURE.md, typed. Same origin: the server serves the client. */
export interface Agreement {
  id: string
  title: string
  municipality: string
  lang: Lang
  createdAt: string
  updatedAt: string
  /** The caller's role: on every agreement of the list and on GET /api/agreements/:id. */
  role?: Role
  /** What the role may do (GET /api/agreements/:id); the client only hides controls with it. */
  permissions?: string[]
}

import type { Role } from '../schema/api-types.ts'

export type { Role }

export interface NewAgreement {
  title: string
  municipality: string
  lang: Lang
  skeleton: boolean
  /** Seeds the agreement from a template (the server builds it); replaces the skeleton. */
  templateId?: string
}

export type OrganisationType = 'public' | 'idea_driven'

export interface Organisation {
  id: string
  name: string
  slug: string
  type: OrganisationType
  role?: 'member' | 'lawyer' | 'admin'
}

/** A template as GET /api/templates lists it (the clause library's Template + where it lives). */
export interface TemplateSummary {
  id: string
  name: { sv: string; en: string }
  lang: Lang
  municipality?: string
  items: { clauseId: string; version?: number; params: Record<string, unknown> }[]
  orgId: string
  orgName?: string
  source?: 'authored' | 'imported'
}

export interface TemplateImportResult {
  template: TemplateSummary
  templateReused: boolean
  added: { id: string; version: number }[]
  reused: { id: string; version: number }[]
  renamed: { from: string; to: string; version: number }[]
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export const unauthenticatedListeners = new Set<() => void>()

/** Calls `listener` whenever the server says the session is gone (401 on a route that needs a login). */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener)
  return () => unauthenticatedListeners.delete(listener)
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (response.status === 204) return undefined as T
  const payload: unknown = await response.json().catch(() => null)
  if (!response.ok) {
    const error = (payload as { error?: { code?: string; message?: string } } | null)?.error
    // A wrong password is also a 401, but it means "try again", not "you were logged out".
    if (response.status === 401 && error?.code === 'unauthenticated') for (const listener of unauthenticatedListeners) listener()
    throw new ApiError(response.status, error?.code ?? String(response.status), error?.message ?? response.statusText)
  }
  return payload as T
}

export const api = {
  list: () => request<{ agreements: Agreement[] }>('GET', '/api/agreements').then((r) => r.agreements),
  get: (id: string) => request<Agreement>('GET', `/api/agreements/${encodeURIComponent(id)}`),
  create: (input: NewAgreement) => request<Agreement>('POST', '/api/agreements', input),
  rename: (id: string, title: string) => request<Agreement>('PATCH', `/api/agreements/${encodeURIComponent(id)}`, { title }),
  organisations: () => request<{ organisations: Organisation[] }>('GET', '/api/organisations').then((r) => r.organisations),
  createOrganisation: (input: { name: string; type: OrganisationType }) => request<Organisation>('POST', '/api/organisations', input),
  templates: () => request<{ templates: TemplateSummary[] }>('GET', '/api/templates').then((r) => r.templates),
  /** Where the browser downloads a template's package from (the session cookie rides along). */
  templatePackageUrl: (id: string) => `/api/templates/${encodeURIComponent(id)}/package`,
  importTemplate: (orgId: string, pkg: unknown) => request<TemplateImportResult>('POST', `/api/organisations/${encodeURIComponent(orgId)}/templates/import`, pkg),
}
