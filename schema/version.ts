/**
 * Version of the ProseMirror schema stored in the Yjs document. y-prosemirror deletes nodes it cannot
 * map to the schema, so a client with another version must not connect: it would silently destroy content.
 * Clients send it as the `schema` query parameter of the websocket URL.
 */
export const SCHEMA_VERSION = 1

/** Name of the Y.XmlFragment that holds the agreement body; the same on client, server and CLI. */
export const YJS_ROOT = 'prosemirror'

/** Name of the Y.Map with agreement metadata that is edited live (nothing yet beyond the schema version). */
export const YJS_META = 'meta'
