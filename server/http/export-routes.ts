import { randomBytes } from 'node:crypto'
import type { Request } from 'express'
import { Router } from 'express'
import { z } from 'zod'
import { LIMITS } from '../../schema/limits.ts'
import type { AgreementService } from '../agreements/service.ts'
import { encodeInitialState } from '../agreements/yjs-content.ts'
import { buildDocx } from '../export/docx-build.ts'
import { gatherExport } from '../export/gather.ts'
import { type OffThreadLimits, planImportOffThread } from '../export/import-off-thread.ts'
import { trackedChanges } from '../export/revisions.ts'
import { ImportRefusal, refusals } from '../export/zip-guard.ts'
import type { OrgClauseRepository } from '../library/org-clauses.ts'
import type { AuditLog } from '../membership/audit.ts'
import type { MembershipRepository } from '../membership/repository.ts'
import type { VersionRepository } from '../review/versions.ts'
import type { Database } from '../storage/database.ts'
import type { AgreementStore } from '../storage/store.ts'
import type { SuggestionService } from '../suggestions/service.ts'
import { requireAccess, requireUser } from './access.ts'
import { AGREEMENT_ID } from './agreements.ts'
import { HttpError, notFound, parseBody } from './errors.ts'

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
/** Room for the form fields and part headers around the file in a multipart body. */
const MULTIPART_OVERHEAD = 64 * 1024

export interface ExportRouteDeps {
  service: AgreementService
  documents: AgreementStore
  /** The repositories' database (organisations of the clauses named in the text). */
  database: Database
  memberships: MembershipRepository
  audit: AuditLog
  versions: VersionRepository
  orgClauses: OrgClauseRepository
  /** Open suggestions become Word revisions in the export; without it the export is always clean. */
  suggestions?: SuggestionService
  /** Imports read at the same time; more get 503 with Retry-After. */
  maxConcurrentImports?: number
  /** The reading worker's deadline and heap (tests make them small). */
  importLimits?: Partial<OffThreadLimits>
}

const text = (max: number) => z.string().trim().min(1).max(max)
const ImportFields = z.object({
  municipality: text(LIMITS.municipalityMaxLength),
  title: text(LIMITS.titleMaxLength).optional(),
  lang: z.enum(['sv', 'en']).default('sv'),
  /** Registers the parties found in the text (default); "0" leaves the list of parties empty. */
  parties: z.enum(['0', '1']).default('1'),
})
const PreviewFields = ImportFields.extend({ municipality: text(LIMITS.municipalityMaxLength).optional() })

/**
 * The agreement out as Word (`GET /:id/export.docx`, audited; open suggestions as tracked changes
 * unless `?suggestions=clean`) and a Word file in as a new agreement
 * (`POST /import`, with `?preview=1` to see what was found before anything is created).
 */
export function exportRoutes(deps: ExportRouteDeps): Router {
  const { documents, memberships, audit } = deps
  const router = Router()
  router.param('id', (_req, _res, next, id: string) => next(AGREEMENT_ID.test(id) ? undefined : notFound('agreement')))

  router.get('/:id/export.docx', requireAccess(memberships, 'read'), async (req, res) => {
    const id = String(req.params.id)
    const versionId = typeof req.query.version === 'string' && req.query.version !== '' ? req.query.version : undefined
    if (versionId !== undefined && versionId.length > 64) throw notFound('version')
    const appendix = req.query.appendix === '1' || req.query.appendix === 'true'
    const mode = req.query.suggestions ?? 'tracked'
    if (mode !== 'tracked' && mode !== 'clean') throw new HttpError(400, 'invalid_input', 'suggestions must be "tracked" or "clean"')
    const model = await gatherExport(deps, id, { versionId, appendix })
    if (!model) throw notFound(versionId === undefined ? 'agreement' : 'version')
    // A named version is frozen text: suggestions belong to the current one only.
    const placed = mode === 'tracked' && versionId === undefined && deps.suggestions ? await deps.suggestions.placed(id) : []
    const bytes = await buildDocx(model, placed.length > 0 ? { piecesOf: trackedChanges(model.content, placed) } : {})
    await audit.record(id, res.locals.user.id, 'exported', { format: 'docx', ...(versionId ? { versionId } : {}), appendix, suggestions: placed.length > 0 ? 'tracked' : 'clean' })
    res.setHeader('Content-Type', DOCX_TYPE)
    res.setHeader('Content-Disposition', contentDisposition(fileNameFor(model.title, model.version?.name), 'docx'))
    res.setHeader('Cache-Control', 'no-store')
    res.send(bytes)
  })

  // Reading a Word file holds its bytes and mammoth's XML tree in memory: only a few at a time.
  let importsRunning = 0
  const maxImports = deps.maxConcurrentImports ?? 2
  router.post('/import', requireUser, async (req, res) => {
    const lang = preferredLang(req)
    if (importsRunning >= maxImports) {
      req.resume()
      res.setHeader('Retry-After', '5')
      const busy = refusals.busy()
      throw new HttpError(busy.status, busy.code, busy.messages[lang], { messages: busy.messages })
    }
    importsRunning++
    let released = false
    const release = () => {
      if (!released) importsRunning--
      released = true
    }
    res.on('close', release)
    res.on('finish', release)
    try {
      checkOrigin(req)
      const upload = await readUpload(req)
      const preview = req.query.preview === '1' || upload.fields.preview === '1'
      const fields = { ...queryFields(req), ...upload.fields }
      const input = parseBody(preview ? PreviewFields : ImportFields, fields)
      const plan = await planImportOffThread(upload.file, { lang: input.lang, title: input.title, fileName: upload.fileName }, deps.importLimits)
      const summary = { title: plan.title, lang: input.lang, sections: plan.sections, parties: plan.parties, validation: plan.validation, warnings: plan.warnings }
      if (preview) {
        res.json({ preview: true, ...summary, suggestedMunicipality: plan.suggestedMunicipality })
        return
      }
      const state = encodeInitialState(plan.doc)
      if (state.byteLength > LIMITS.maxDocumentBytes) throw refusals.tooLarge()
      const at = new Date().toISOString()
      const meta = { id: randomBytes(12).toString('base64url'), title: plan.title, municipality: input.municipality!, lang: input.lang, createdAt: at, updatedAt: at }
      await documents.createAgreement(meta, state, plan.doc.toJSON())
      await memberships.add(meta.id, res.locals.user.id, 'owner')
      const parties = []
      // One after the other: a party's creation time keeps the order the document names them in.
      if (input.parties === '1') for (const p of plan.parties) parties.push(await memberships.addParty(meta.id, p))
      // The same action as any creation, so the audit log reads "skapade avtalet"; the details say how.
      await audit.record(meta.id, res.locals.user.id, 'agreement_created', {
        title: meta.title,
        source: 'docx_import',
        typedSections: plan.sections.filter((s) => s.kind).length,
        sections: plan.sections.length,
        parties: parties.length,
      })
      res.status(201).json({ ...meta, role: 'owner', ...summary, parties })
    } catch (err) {
      if (err instanceof ImportRefusal) {
        // Drain what the client is still sending, so it reads our answer instead of a reset connection.
        req.resume()
        throw new HttpError(err.status, err.code, err.messages[lang], { messages: err.messages })
      }
      throw err
    }
  })

  return router
}

/** ASCII fallback plus the UTF-8 name, so "Överenskommelse Läxhjälp.docx" arrives as it is. */
export function contentDisposition(name: string, ext: string): string {
  const ascii =
    name
      .normalize('NFD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\;]/g, '')
      .trim() || 'overens'
  return `attachment; filename="${ascii}.${ext}"; filename*=UTF-8''${encodeURIComponent(`${name}.${ext}`)}`
}

/** A file name from the title: letters, digits, spaces and dashes, nothing a file system trips on. */
export function fileNameFor(title: string, versionName?: string): string {
  const clean = (s: string) =>
    [...s.normalize('NFC')]
      .map((c) => (/[\p{L}\p{N} _.-]/u.test(c) ? c : ' '))
      .join('')
      .split(' ')
      .filter(Boolean)
      .join(' ')
  const base = clean(title).slice(0, 80).trim() || 'Överens'
  const version = versionName ? clean(versionName).slice(0, 40).trim() : ''
  return version ? `${base} – ${version}` : base
}

function preferredLang(req: Request): 'sv' | 'en' {
  if (req.query.lang === 'en' || req.query.lang === 'sv') return req.query.lang
  const accept = String(req.headers['accept-language'] ?? '').toLowerCase()
  return accept.startsWith('en') ? 'en' : 'sv'
}

function queryFields(req: Request): Record<string, string> {
  const out: Record<string, string> = {}
  for (const key of ['municipality', 'title', 'lang', 'parties']) {
    const value = req.query[key]
    if (typeof value === 'string') out[key] = value
  }
  return out
}

/** A browser sends Origin on a cross-site POST; it must be this server's. */
function checkOrigin(req: Request): void {
  const origin = req.headers.origin
  if (origin === undefined) return
  let host: string
  try {
    host = new URL(origin).host
  } catch {
    throw new HttpError(403, 'forbidden_origin', 'cross-site request refused')
  }
  if (host !== req.headers.host) throw new HttpError(403, 'forbidden_origin', 'cross-site request refused')
}

interface Upload {
  file: Buffer
  fileName?: string
  fields: Record<string, string>
}

/**
 * The body as the .docx bytes (Content-Type DOCX or octet-stream) or multipart/form-data with a field
 * `file`. Read by hand with a hard cap, so an oversize upload is refused after the limit, not after
 * it has been buffered whole.
 */
async function readUpload(req: Request): Promise<Upload> {
  const type = String(req.headers['content-type'] ?? '').toLowerCase()
  const multipart = type.startsWith('multipart/form-data')
  if (!multipart && !type.startsWith(DOCX_TYPE) && !type.startsWith('application/octet-stream')) throw refusals.notDocx()
  const cap = LIMITS.importMaxBytes + (multipart ? MULTIPART_OVERHEAD : 0)
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > cap) throw refusals.tooLarge()
  const body = await readCapped(req, cap)
  if (!multipart) return { file: body, fields: {} }
  const boundary = boundaryOf(String(req.headers['content-type']))
  if (!boundary) throw new HttpError(400, 'invalid_input', 'multipart body without a boundary')
  const parts = parseMultipart(body, boundary)
  const file = parts.find((p) => p.name === 'file')
  if (!file) throw new HttpError(400, 'invalid_input', 'no field "file" in the form')
  if (file.data.length > LIMITS.importMaxBytes) throw refusals.tooLarge()
  const fields: Record<string, string> = {}
  for (const p of parts) if (p.name !== 'file' && p.fileName === undefined && p.data.length <= 1024) fields[p.name] = p.data.toString('utf8')
  return { file: file.data, fileName: file.fileName, fields }
}

function readCapped(req: Request, cap: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let failed = false
    req.on('data', (chunk: Buffer) => {
      if (failed) return
      size += chunk.length
      if (size > cap) {
        failed = true
        chunks.length = 0
        reject(refusals.tooLarge())
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks))
    })
    req.on('error', (err) => {
      if (!failed) reject(err)
    })
  })
}

function boundaryOf(contentType: string): string | null {
  for (const piece of contentType.split(';')) {
    const [key, ...rest] = piece.trim().split('=')
    if (key?.toLowerCase() === 'boundary') {
      const value = rest.join('=').trim().replace(/^"|"$/g, '')
      return value.length > 0 && value.length <= 200 ? value : null
    }
  }
  return null
}

interface Part {
  name: string
  fileName?: string
  data: Buffer
}

/** RFC 7578 form data, found with Buffer.indexOf: linear in the body, no regex over user bytes. */
function parseMultipart(body: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`)
  const parts: Part[] = []
  let at = body.indexOf(delimiter)
  while (at !== -1 && parts.length < 20) {
    const start = at + delimiter.length
    if (body.subarray(start, start + 2).toString() === '--') break
    const headerEnd = body.indexOf('\r\n\r\n', start)
    if (headerEnd === -1) break
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headerEnd + 4)
    if (next === -1) break
    const headers = body.subarray(start, headerEnd).toString('utf8')
    const disposition = headers.split('\r\n').find((l) => l.toLowerCase().startsWith('content-disposition:')) ?? ''
    const name = paramOf(disposition, 'name')
    if (name !== null) {
      const fileName = paramOf(disposition, 'filename')
      parts.push({ name, ...(fileName === null ? {} : { fileName }), data: body.subarray(headerEnd + 4, next) })
    }
    at = next + 2
  }
  return parts
}

function paramOf(header: string, key: string): string | null {
  for (const piece of header.split(';')) {
    const eq = piece.indexOf('=')
    if (eq === -1) continue
    if (piece.slice(0, eq).trim().toLowerCase() !== key) continue
    let value = piece.slice(eq + 1).trim()
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1)
    return value.slice(0, 255)
  }
  return null
}
