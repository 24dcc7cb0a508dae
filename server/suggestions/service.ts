import type * as Y from 'yjs'
import type { DecisionResult, Suggestion, SuggestionDecision, SuggestionKind } from '../../schema/suggestion-types.ts'
import { LIMITS } from '../../schema/limits.ts'
import type { AuditLog } from '../membership/audit.ts'
import type { AgreementEvents } from '../review/events.ts'
import type { DocumentRegistry } from '../sync/registry.ts'
import { placeOpenSuggestions, type PlacedSuggestion } from './open-suggestions.ts'
import type { StoredSuggestion, SuggestionRepository } from './repository.ts'
import { anchorsFor, applyToRange, enclosingBlocks, rangeText, resolveRange } from './yjs-range.ts'

export class SuggestionError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** The origin of accepted suggestions in the Y.Doc, so listeners can tell them from typed edits. */
export const ACCEPT_ORIGIN = 'suggestion-accept'

/**
 * Suggested changes of an agreement: made by anyone who may suggest, decided by those who may edit.
 * Accepting first claims the suggestion in the database (so of two deciders, or two server instances,
 * exactly one goes on), then applies the change to the agreement's Y.Doc on the server in the same
 * turn of the event loop as the check that the text is still the one the suggestion was made against,
 * so no concurrent edit can slip in between; the update then reaches every editor like a typed one.
 */
export class SuggestionService {
  constructor(
    private readonly repo: SuggestionRepository,
    private readonly registry: DocumentRegistry,
    private readonly audit: AuditLog,
    private readonly events: AgreementEvents,
  ) {}

  async list(agreementId: string): Promise<Suggestion[]> {
    const stored = await this.repo.list(agreementId)
    if (!stored.some((s) => s.status === 'open')) return stored.map((s) => ({ ...s, outdated: false }))
    return this.registry.withDocument(agreementId, (shared) => stored.map((s) => ({ ...s, outdated: s.status === 'open' && isOutdated(shared.doc, s) })))
  }

  /** The open, still applicable suggestions placed in the current content (for the Word export). */
  async placed(agreementId: string): Promise<PlacedSuggestion[]> {
    const open = (await this.repo.list(agreementId, { decidedLimit: 0 })).map((s) => ({ ...s, outdated: false }))
    if (open.length === 0) return []
    return this.registry.withDocument(agreementId, (shared) => placeOpenSuggestions(shared.doc, open))
  }

  async create(agreementId: string, authorId: string, input: { anchor: { start: string; end: string }; originalText: string; text: string }): Promise<Suggestion> {
    if (input.originalText === '' && input.text === '') throw new SuggestionError(400, 'invalid_input', 'a suggestion must delete or insert something')
    if (input.originalText === input.text) throw new SuggestionError(400, 'invalid_input', 'the suggestion changes nothing')
    const full = () => new SuggestionError(409, 'too_many_suggestions', `an agreement holds at most ${LIMITS.maxOpenSuggestions} open suggestions; decide some first`)
    // Asked before the document is loaded; the insert counts again, in its own transaction.
    if ((await this.repo.countOpen(agreementId)) >= LIMITS.maxOpenSuggestions) throw full()
    const kind: SuggestionKind = input.originalText === '' ? 'insert' : input.text === '' ? 'delete' : 'replace'
    await this.registry.withDocument(agreementId, (shared) => {
      const range = resolveRange(shared.doc, input.anchor)
      // The record must tell the truth about the text it was made against: the server checks it.
      // (An edit between this check and the insert makes the new suggestion outdated, as any later edit would.)
      if (!range) throw new SuggestionError(409, 'anchor_not_found', 'the anchored text is not in the agreement (or spans more than one line)')
      if (rangeText(range) !== input.originalText) throw new SuggestionError(409, 'stale', 'the text changed while the suggestion was made; make it again')
    })
    const created = await this.repo.create(agreementId, authorId, { kind, ...input })
    if (!created) throw full()
    this.events.emit(agreementId, 'suggestions')
    return { ...created, outdated: false }
  }

  /**
   * Accepts or rejects each suggestion in order. Each accepted one is applied and checked against the
   * text as the earlier ones left it, so two overlapping suggestions cannot both be applied.
   */
  async decide(agreementId: string, actorId: string, decision: SuggestionDecision, ids: readonly string[]): Promise<DecisionResult[]> {
    const results: DecisionResult[] = []
    if (decision === 'reject') for (const id of ids) results.push(await this.reject(agreementId, actorId, id))
    // One after the other on the document, held loaded for all of them.
    else
      await this.registry.withDocument(agreementId, async (shared) => {
        for (const id of ids) results.push(await this.accept(shared.doc, agreementId, actorId, id))
      })
    if (results.some((r) => r.ok)) this.events.emit(agreementId, 'suggestions')
    return results
  }

  /**
   * Takes an acceptance back: the original words return where the accepted ones are, as long as
   * nobody changed those since, and the suggestion is open again, anchored on the original words.
   */
  async undoAccept(agreementId: string, actorId: string, id: string): Promise<StoredSuggestion> {
    const found = await this.repo.get(agreementId, id)
    if (!found) throw new SuggestionError(404, 'not_found', 'suggestion not found')
    const appliedAnchor = await this.repo.appliedAnchor(agreementId, id)
    if (found.status !== 'accepted' || !appliedAnchor) throw new SuggestionError(409, 'not_accepted', 'only an accepted suggestion can be taken back')
    // Checked and put back in one turn: a second undo at the same time finds the accepted text gone.
    const anchor = await this.registry.withDocument(agreementId, (shared) => {
      const range = resolveRange(shared.doc, appliedAnchor)
      if (!range || rangeText(range) !== found.text) throw new SuggestionError(409, 'outdated', 'the accepted text has changed since; edit it instead')
      const restored = applyToRange(shared.doc, range, found.originalText, ACCEPT_ORIGIN)
      return anchorsFor(restored, restored.from, restored.to - restored.from)
    })
    await this.repo.reopen(agreementId, id, anchor)
    await this.audit.record(agreementId, actorId, 'suggestion_accept_undone', describe(found))
    this.events.emit(agreementId, 'suggestions')
    return (await this.repo.get(agreementId, id))!
  }

  /** The author takes back an open suggestion of their own. */
  async withdraw(agreementId: string, userId: string, id: string): Promise<StoredSuggestion> {
    const found = await this.repo.get(agreementId, id)
    if (!found) throw new SuggestionError(404, 'not_found', 'suggestion not found')
    if (found.authorId !== userId) throw new SuggestionError(403, 'forbidden', 'only its author may withdraw a suggestion')
    if (!(await this.repo.close(agreementId, id, 'withdrawn', userId))) throw new SuggestionError(409, 'not_open', 'the suggestion was already decided')
    await this.audit.record(agreementId, userId, 'suggestion_withdrawn', describe(found))
    this.events.emit(agreementId, 'suggestions')
    return (await this.repo.get(agreementId, id))!
  }

  private async reject(agreementId: string, actorId: string, id: string): Promise<DecisionResult> {
    const found = await this.repo.get(agreementId, id)
    if (!found) return { id, ok: false, code: 'not_found' }
    if (!(await this.repo.close(agreementId, id, 'rejected', actorId))) return { id, ok: false, code: 'not_open' }
    await this.audit.record(agreementId, actorId, 'suggestion_rejected', describe(found))
    return { id, ok: true }
  }

  private async accept(doc: Y.Doc, agreementId: string, actorId: string, id: string): Promise<DecisionResult> {
    const found = await this.repo.get(agreementId, id)
    if (!found) return { id, ok: false, code: 'not_found' }
    if (found.status !== 'open') return { id, ok: false, code: 'not_open' }
    // Looked at before the claim too, so an outdated suggestion is not shown accepted even for a moment.
    if (isOutdated(doc, found)) return { id, ok: false, code: 'outdated' }
    if (!(await this.repo.claimAcceptance(agreementId, id, actorId))) return { id, ok: false, code: 'not_open' }
    // Checked again and applied in one turn of the event loop: the text may have changed while the claim was written.
    const range = resolveRange(doc, found.anchor)
    if (!range || rangeText(range) !== found.originalText) {
      await this.repo.releaseAcceptance(agreementId, id)
      return { id, ok: false, code: 'outdated' }
    }
    const where = enclosingBlocks(range)
    const applied = applyToRange(doc, range, found.text, ACCEPT_ORIGIN)
    await this.repo.recordApplied(agreementId, id, anchorsFor(applied, applied.from, applied.to - applied.from))
    // The actor is the person who accepted; the details name who proposed it.
    await this.audit.record(agreementId, actorId, 'suggestion_accepted', { ...describe(found), ...where })
    return { id, ok: true }
  }
}

function isOutdated(doc: Y.Doc, s: StoredSuggestion): boolean {
  const range = resolveRange(doc, s.anchor)
  return !range || rangeText(range) !== s.originalText
}

function describe(s: StoredSuggestion): Record<string, unknown> {
  return { suggestionId: s.id, kind: s.kind, authorId: s.authorId, authorName: s.authorName, originalText: s.originalText, text: s.text }
}
