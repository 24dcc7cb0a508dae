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

  // --- security: bounds on free text and on what one person can make the server store ---
  /** One filled clause parameter value (a text, or one item of a list). */
  paramValueMaxLength: 2000,
  /** Items of a list parameter value. */
  paramListMaxItems: 100,
  /** A template's or an organisation's name, a party's name, a version's name. */
  nameMaxLength: 200,
  /** One language's wording of a clause. */
  clauseTextMaxLength: 20_000,
  /** One comment or reply. */
  commentMaxLength: 5000,
  /** A review note, an approval note, a mandate. */
  noteMaxLength: 2000,
  /** An access token's label. */
  tokenLabelMaxLength: 100,
  /** Live browser sessions per person; a new login ends the oldest beyond this. */
  maxSessionsPerUser: 50,
  /** Live access tokens per person; more are refused until one is revoked. */
  maxAccessTokensPerUser: 50,
  /** Named versions kept per agreement; the owner deletes old ones to make room. */
  maxNamedVersions: 50,
  /** Bytes all named versions of one agreement may take together (Yjs state + canonical JSON). */
  maxVersionBytesPerAgreement: 64 * 1024 * 1024,
  /** Uses of an invitation link when its creator does not say otherwise. */
  invitationDefaultUses: 1,
  invitationMaxUses: 50,
  /** Characters of one suggested change (the proposed text, and the text it replaces). */
  suggestionMaxLength: 5000,
  /** Open suggestions per agreement; more must wait until some are decided. */
  maxOpenSuggestions: 1000,
  /** An uploaded Word file to import (POST /api/agreements/import); the client checks it before sending. */
  importMaxBytes: 10 * 1024 * 1024,
  // sync: presence (awareness) is relayed to every peer, so one connection may announce one state of bounded size.
  /** Bytes of one awareness state (JSON) after the server dropped the fields it does not relay. */
  maxAwarenessStateBytes: 4 * 1024,
  /** Awareness client ids one connection may announce (a tab has one). */
  maxAwarenessClientsPerConnection: 1,
} as const

/**
 * Websocket close codes sent by the server. 1009 is the standard code for an oversize frame; the
 * 4xxx codes are ours and mirror an HTTP status where one fits. The official y-websocket client (3.x)
 * stops reconnecting on 4400–4499, so those are the final refusals; codes outside that range are
 * transient and the client reconnects by itself.
 */
export const CloseCode = {
  MessageTooBig: 1009,
  Unauthorized: 4401,
  Forbidden: 4403,
  /** Transient: the person's role changed while connected; the client reconnects with the new role. */
  RoleChanged: 4009,
  AgreementNotFound: 4404,
  MalformedMessage: 4400,
  /** Final: an update holds what an agreement cannot (unknown node, mark, attribute or root type); refused whole. */
  SchemaViolation: 4422,
  DocumentTooLarge: 4413,
  SchemaIncompatible: 4426,
  /** Transient: the client did not read fast enough; it reconnects and resyncs. */
  SlowConsumer: 4029,
  LoadFailed: 4500,
  StorageUnavailable: 4503,
  ServerShutdown: 1001,
} as const
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode]
