import type { Lang } from '../schema/index.ts'

/** The HTTP API of ARCHITECTURE.md, typed. Same origin: the server serves the client. */
export interface Agreement {
  id: string
  title: string
  municipality: string
  lang: Lang
  createdAt: string
  updatedAt: string
}

export interface NewAgreement {
  title: string
  municipality: string
  lang: Lang
  skeleton: boolean
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

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (response.status === 204) return undefined as T
  const payload: unknown = await response.json().catch(() => null)
  if (!response.ok) {
    const error = (payload as { error?: { code?: string; message?: string } } | null)?.error
    throw new ApiError(response.status, error?.code ?? String(response.status), error?.message ?? response.statusText)
  }
  return payload as T
}

export const api = {
  list: () => request<{ agreements: Agreement[] }>('GET', '/api/agreements').then((r) => r.agreements),
  get: (id: string) => request<Agreement>('GET', `/api/agreements/${encodeURIComponent(id)}`),
  create: (input: NewAgreement) => request<Agreement>('POST', '/api/agreements', input),
  rename: (id: string, title: string) => request<Agreement>('PATCH', `/api/agreements/${encodeURIComponent(id)}`, { title }),
}
