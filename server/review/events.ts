import { EventEmitter } from 'node:events'

export type AgreementEvent = 'comments' | 'reviews' | 'versions' | 'members' | 'suggestions'

/**
 * Tells open editors that something stored beside the text changed, so they refetch it. In-process;
 * a multi-instance deployment fans these out through the same hook as document updates.
 */
export class AgreementEvents {
  private readonly emitter = new EventEmitter()

  constructor() {
    this.emitter.setMaxListeners(0)
  }

  emit(agreementId: string, event: AgreementEvent): void {
    this.emitter.emit(agreementId, event)
  }

  subscribe(agreementId: string, listener: (event: AgreementEvent) => void): () => void {
    this.emitter.on(agreementId, listener)
    return () => this.emitter.off(agreementId, listener)
  }
}
