import type { NextFunction, Request, RequestHandler, Response } from 'express'
import type { AccountRepository, User } from '../auth/accounts.ts'
import { callerFromRequest } from '../auth/principal.ts'
import type { MembershipRepository } from '../membership/repository.ts'
import { can, type Action, type Role } from '../membership/roles.ts'
import { HttpError, notFound } from './errors.ts'

declare module 'express-serve-static-core' {
  interface Locals {
    user: User
    /** Hash of the session or token this request authenticated with. */
    credential: string
    role: Role
  }
}

/** Resolves the caller on every request; routes that need a login use requireUser. */
export function identify(accounts: AccountRepository, cookieName: string): RequestHandler {
  // Express 5 passes a rejection (the database is down) on to the error handler.
  return async (req, res, next) => {
    const caller = await callerFromRequest(req, accounts, { cookieName })
    if (caller) {
      res.locals.user = caller.user
      res.locals.credential = caller.credential
    }
    next()
  }
}

export const requireUser: RequestHandler = (_req, res, next) => {
  next(res.locals.user ? undefined : new HttpError(401, 'unauthenticated', 'log in first'))
}

/**
 * Guards a route of one agreement (`:id`). A non-member gets 404, so the existence of an agreement is
 * not revealed to outsiders; a member without the permission gets 403.
 */
export function requireAccess(memberships: MembershipRepository, action: Action): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (!res.locals.user) return next(new HttpError(401, 'unauthenticated', 'log in first'))
    const id = req.params.id
    // Express 5 passes a rejection on to the error handler, so a failing database answers 500, never lets through.
    const role = typeof id === 'string' ? await memberships.roleOf(id, res.locals.user.id) : null
    if (!role) return next(notFound('agreement'))
    if (!can(role, action)) return next(new HttpError(403, 'forbidden', `your role (${role}) may not ${action.replaceAll('_', ' ')}`))
    res.locals.role = role
    next()
  }
}
