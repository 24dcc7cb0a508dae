/**
 * Limits shared by the websocket server (maxPayload), the HTTP API, the database and the UI, so that
 * every layer refuses the same thing with the same number.
 */
export const LIMITS = {
  /** One websocket frame; larger frames close that connection with CloseCode.MessageTooBig. */
  maxMessageBytes: 2 * 1024 * 1024,
  /** Stored Yjs state of one agreement (snapshot + pending updates). */
  maxDocumentBytes: 32 * 1024 * 1024,
  /** Bytes queued to one slow client before the server drops it instead of buffering without bound. */
  maxBufferedBytesPerConnection: 8 * 1024 * 1024,
  /** Messages a connection may send before its document has finished loading. */
  maxQueuedMessagesBeforeReady: 256,
  titleMaxLength: 200,
  municipalityMaxLength: 120,
  displayNameMaxLength: 60,
  /** Updates appended after the last snapshot before the server compacts them into a new snapshot. */
  compactAfterUpdates: 500,
} as const

/**
 * Websocket close codes sent by the server. 1009 is the standard code for an oversize frame; the
 * 4xxx codes are ours (4000–4999 is the application range) and mirror the HTTP status where one fits.
 */
export const CloseCode = {
  MessageTooBig: 1009,
  Unauthorized: 4401,
  Forbidden: 4403,
  AgreementNotFound: 4404,
  MalformedMessage: 4400,
  DocumentTooLarge: 4413,
  SchemaIncompatible: 4426,
  SlowConsumer: 4429,
  LoadFailed: 4500,
  StorageUnavailable: 4503,
  ServerShutdown: 1001,
} as const
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode]
