import type { RequestHandler } from 'express'
import { originVerdict } from '../auth/origin.ts'
import { HttpError } from './errors.ts'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * The one route whose body is a file, not JSON: a Word document to import. It is still refused from a
 * foreign origin; the route itself accepts only the Word, octet-stream and multipart types and checks
 * the bytes and the size, with a message in the reader's language.
 */
const UPLOAD_ROUTES: ReadonlySet<string> = new Set(['POST /agreements/import'])

export function stateChangesFromOwnOrigin(publicOrigins: readonly string[] | null): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next()
    if (originVerdict(req, publicOrigins) === 'foreign') return next(new HttpError(403, 'foreign_origin', 'requests from another site are not accepted'))
    if (req.method === 'DELETE' && req.headers['content-type'] === undefined) return next()
    if (UPLOAD_ROUTES.has(`${req.method} ${req.path}`)) return next()
    if (!req.is('application/json')) return next(new HttpError(415, 'json_only', 'send the request body as application/json'))
    next()
  }
}

/**
 * Headers on every response. The CSP allows only our own scripts (vite's build output is external
 * module files, never inline), no framing by any page, and no plugins; inline style attributes stay
 * allowed because ProseMirror and the presence avatars set them.
 */
export function securityHeaders({ secure }: { secure: boolean }): RequestHandler {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    // The validator runs in a module worker loaded from our own origin (no blob: or data: workers).
    "worker-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
  return (_req, res, next) => {
    res.setHeader('Content-Security-Policy', csp)
    res.setHeader('X-Frame-Options', 'DENY')
    res.setHeader('X-Content-Type-Options', 'nosniff')
    // Invitation links carry their secret in the path: it must never leave in a Referer.
    res.setHeader('Referrer-Policy', 'no-referrer')
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin')
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()')
    if (secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000')
    next()
  }
}
