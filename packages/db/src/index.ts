export * from "./database";
export * from "./databaseErrors";
export * from "./enums";
export * from "./openDatabase";
export * from "./schemaStatus";
export * from "./tables";
export * from "./url";
export { containsIgnoringCase } from "./containsIgnoringCase";
export { forUpdateOf } from "./forUpdate";
export { backupSqlite, type SqliteCopy } from "./sqlite/backupSqlite";
export { backupPostgres } from "./postgres/backupPostgres";
export { lockSqliteForServer, sqliteServerRunning } from "./sqlite/serverLock";
export type { SqliteDatabase } from "./sqlite/openSqlite";
export type { PostgresDatabase } from "./postgres/openPostgres";
export { copySqliteToPostgres, DatabaseCopyError, type CopyReport } from "./postgres/copyFromSqlite";
export { aliasedTable, and, asc, between, desc, eq, gt, gte, inArray, isNull, isNotNull, like, lt, lte, ne, or, sql } from "drizzle-orm";
export type { SQL, SQLWrapper } from "drizzle-orm";
// What a SQLite file's migrations say, for tests that open the file themselves.
export { sqliteSchemaStatus } from "./sqlite/migrateSqlite";
