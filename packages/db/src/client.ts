// Opens the SQLite file with the pragmas the durability and concurrency guarantees rely on.
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { groupCommits, NO_GROUP_COMMIT, type GroupCommit, type GroupCommitObserver } from "./groupCommit";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema>;
/** The transaction handle drizzle passes to `db.transaction` callbacks. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Either the database or a transaction: actions' helpers accept both. */
export type DbOrTx = Db | Tx;

export interface Database_ extends GroupCommit {
  db: Db;
  sqlite: Database.Database;
  path: string;
  /** Commits an open group (see groupCommit.ts), then closes the connection. */
  close(): void;
}

export interface OpenOptions {
  /**
   * Transactions of one event-loop turn share one COMMIT (groupCommit.ts). For the long-running
   * server; a short-lived process (the CLI) keeps one commit per transaction.
   */
  groupCommit?: boolean;
  /** Hears about every group's COMMIT (metrics); only with groupCommit. */
  groupCommitObserver?: GroupCommitObserver;
}

export const DEFAULT_DATABASE_URL = "file:./data/latchkey.db";

/** Accepts `file:relative/or/absolute.db`, a plain path, or `:memory:`. */
export function databasePath(url: string, cwd = process.cwd()): string {
  if (url === ":memory:") return url;
  const path = url.startsWith("file:") ? url.slice("file:".length) : url;
  if (path.length === 0) throw new Error("DATABASE_URL names no file");
  return resolve(cwd, path);
}

/** Enough for every distinct query the app runs; past it the oldest statement is dropped. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * drizzle compiles every query it runs with a fresh `prepare`, i.e. SQLite parses and plans the
 * same SQL on every request (about a tenth of the CPU of a credential operation). Statements are
 * reusable, so the connection keeps them by SQL text. better-sqlite3 is synchronous, so a cached
 * statement is never in use twice at once; drizzle switches statements to raw (array) rows for
 * typed selects, so a reused one is switched back first, as a fresh one would be.
 */
function cacheStatements(sqlite: Database.Database): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    let stmt = cache.get(source);
    if (stmt) {
      if (stmt.reader) stmt.raw(false);
      return stmt;
    }
    stmt = prepare(source);
    if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(source, stmt);
    return stmt;
  }) as typeof sqlite.prepare;
}

/**
 * Runs `write` as a commit without its own fsync (synchronous=NORMAL): it becomes durable with
 * the next FULL commit or checkpoint, and a power cut may lose it, never corrupt anything. Only
 * for counters whose loss is harmless (request limits): it saves one fsync per API request.
 * Inside a transaction it simply runs (the transaction's commit decides).
 */
export function writeWithoutFsync<T>(database: Database_, write: () => T): T {
  const { sqlite } = database;
  if (sqlite.inTransaction) return write();
  const level = sqlite.pragma("synchronous", { simple: true }) as number;
  sqlite.pragma("synchronous = NORMAL");
  try {
    return write();
  } finally {
    sqlite.pragma(`synchronous = ${level}`);
  }
}

export function openDatabase(url: string = DEFAULT_DATABASE_URL, options: OpenOptions = {}): Database_ {
  const path = databasePath(url);
  const fresh = path !== ":memory:" && !existsSync(path);
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  // The file holds hashed secrets and, with the `log` provider, live codes: owner-only, like
  // latchkey.secret. SQLite gives the -wal and -shm files the database file's permissions.
  if (fresh) chmodSync(path, 0o600);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // Overwrite deleted and updated content (a scrubbed code) where that costs no extra I/O.
  sqlite.pragma("secure_delete = FAST");
  cacheStatements(sqlite);
  const group = options.groupCommit ? groupCommits(sqlite, options.groupCommitObserver) : NO_GROUP_COMMIT;
  const db = drizzle(sqlite, { schema });
  return {
    db,
    sqlite,
    path,
    ...group,
    close: () => {
      group.flush();
      sqlite.close();
    },
  };
}
