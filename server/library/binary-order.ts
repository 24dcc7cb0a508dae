import { sql, type RawBuilder } from 'kysely'
import type { Database } from '../storage/database.ts'

/**
 * A text column to sort by, compared byte for byte on both engines. SQLite's default collation is
 * binary; PostgreSQL's follows the database's locale (which may fold case and skip punctuation), so
 * without this the same rows would come back in a different order depending on the engine.
 */
export function binaryOrder(database: Pick<Database, 'engine'>, column: string): RawBuilder<string> {
  return database.engine === 'postgres' ? sql<string>`${sql.ref(column)} COLLATE "C"` : sql<string>`${sql.ref(column)}`
}
