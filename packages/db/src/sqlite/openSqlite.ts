// A SQLite file as a Database: a writer connection (one transaction at a time, group commit:
// sqliteWriter.ts) and a read-only connection for reads outside transactions, which in WAL mode
// sees only committed data (never a group still waiting for its COMMIT) and never waits for
// the writer.
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import BetterSqlite from "better-sqlite3";
import { getTableColumns, type SQL } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import type { Database, Db, OpenOptions } from "../database";
import type { Tables } from "../tables";
import { cacheStatements } from "./statementCache";
import { migrateSqlite, sqliteSchemaStatus } from "./migrateSqlite";
import * as schema from "./schema";
import { countSqliteMatches, searchSqlite } from "./searchSqlite";
import { SqliteWriter } from "./sqliteWriter";

/** The raw connections, for what only SQLite has (tests, the backup, the bulk seed). */
export interface SqliteDatabase extends Database {
  readonly dialect: "sqlite";
  readonly path: string;
  readonly writer: BetterSqlite.Database;
}

// The SQLite tables carry the same columns and JavaScript types as PostgreSQL's (tableTypes.test.ts).
const tables = schema as unknown as Tables;

function connect(path: string, readonly: boolean): BetterSqlite.Database {
  const conn = new BetterSqlite(path, { readonly, fileMustExist: readonly });
  conn.pragma("busy_timeout = 5000");
  cacheStatements(conn);
  return conn;
}

function handleOf(conn: BetterSqlite.Database): Db {
  return Object.assign(drizzle(conn), { tables }) as unknown as Db;
}

export function openSqlite(path: string, options: OpenOptions = {}): SqliteDatabase {
  const fresh = !existsSync(path);
  mkdirSync(dirname(path), { recursive: true });
  const writer = connect(path, false);
  // The file holds hashed secrets and, with the `log` provider, live codes: owner-only, like
  // latchkey.secret. SQLite gives the -wal and -shm files the database file's permissions.
  if (fresh) chmodSync(path, 0o600);
  writer.pragma("journal_mode = WAL");
  writer.pragma("synchronous = FULL");
  writer.pragma("foreign_keys = ON");
  // Overwrite deleted and updated content (a scrubbed code) where that costs no extra I/O.
  writer.pragma("secure_delete = FAST");
  try {
    if (options.migrate !== false) migrateSqlite(writer);
  } catch (err) {
    writer.close();
    throw err;
  }
  const reader = connect(path, true);
  const writerHandle = handleOf(writer);
  const readerHandle = handleOf(reader);
  const txWriter = new SqliteWriter(writer, writerHandle, options.groupCommit ?? false, options.groupCommitObserver);
  return {
    dialect: "sqlite",
    location: path,
    path,
    writer,
    db: readerHandle,
    tables,
    transaction: (work) => txWriter.transaction(work),
    writeRelaxed: (write) => txWriter.transaction(write, { relaxed: true }),
    lock: async () => {}, // one writer at a time already
    searchEmployees: searchSqlite,
    countEmployeeMatches: countSqliteMatches,
    async bulkInsert(tx, table, rows) {
      if (rows.length === 0) return;
      // SQLite binds at most 32,766 values per statement.
      const perStatement = Math.max(1, Math.floor(32_000 / Object.keys(getTableColumns(tables[table] as never)).length));
      for (let i = 0; i < rows.length; i += perStatement)
        await (tx.insert(tables[table] as never) as unknown as { values(v: unknown[]): Promise<unknown> }).values(
          rows.slice(i, i + perStatement),
        );
    },
    async rows<R>(handle: Db, query: SQL) {
      const h = handle as unknown as { all(q: SQL): Promise<R[]>; run(q: SQL): Promise<unknown> };
      try {
        return await h.all(query);
      } catch (err) {
        // better-sqlite3 runs a statement that returns no rows (UPDATE, DELETE) only through run().
        if (!(err instanceof TypeError) || !/does not return data/.test(err.message)) throw err;
        await h.run(query);
        return [];
      }
    },
    schemaStatus: async () => sqliteSchemaStatus(reader),
    async close() {
      await txWriter.flush();
      reader.close();
      writer.close();
    },
  };
}
