import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import * as syncProtocol from 'y-protocols/sync'
import * as awarenessProtocol from 'y-protocols/awareness'
import type * as Y from 'yjs'

/** The y-websocket message types (y-protocols PROTOCOL.md); the server answers nothing else. */
export const MessageType = { Sync: 0, Awareness: 1, Auth: 2, QueryAwareness: 3 } as const

export const SyncStep = { Step1: syncProtocol.messageYjsSyncStep1, Step2: syncProtocol.messageYjsSyncStep2, Update: syncProtocol.messageYjsUpdate } as const

export type IncomingMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  | { type: 'sync-step2' | 'sync-update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' }

export class MalformedMessageError extends Error {}

/**
 * Decodes one frame fully before anything acts on it, so a truncated or hostile frame is refused
 * whole instead of half-applied. Trailing bytes are refused too: a well-formed client never sends them.
 */
export function decodeMessage(data: Uint8Array): IncomingMessage {
  try {
    const decoder = decoding.createDecoder(data)
    const messageType = decoding.readVarUint(decoder)
    let message: IncomingMessage
    switch (messageType) {
      case MessageType.Sync: {
        const step = decoding.readVarUint(decoder)
        const payload = decoding.readVarUint8Array(decoder)
        if (step === SyncStep.Step1) message = { type: 'sync-step1', stateVector: payload }
        else if (step === SyncStep.Step2) message = { type: 'sync-step2', update: payload }
        else if (step === SyncStep.Update) message = { type: 'sync-update', update: payload }
        else throw new MalformedMessageError(`unknown sync step ${step}`)
        break
      }
      case MessageType.Awareness:
        message = { type: 'awareness', update: decoding.readVarUint8Array(decoder) }
        break
      case MessageType.QueryAwareness:
        message = { type: 'query-awareness' }
        break
      default:
        throw new MalformedMessageError(`unknown message type ${messageType}`)
    }
    if (decoding.hasContent(decoder)) throw new MalformedMessageError('trailing bytes after message')
    return message
  } catch (err) {
    if (err instanceof MalformedMessageError) throw err
    throw new MalformedMessageError(`undecodable frame: ${err instanceof Error ? err.message : String(err)}`)
  }
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  syncProtocol.writeSyncStep1(encoder, doc)
  return encoding.toUint8Array(encoder)
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  syncProtocol.writeSyncStep2(encoder, doc, stateVector)
  return encoding.toUint8Array(encoder)
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  return encodeAwarenessUpdate(awarenessProtocol.encodeAwarenessUpdate(awareness, clients))
}

export function encodeAwarenessUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Awareness)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}
