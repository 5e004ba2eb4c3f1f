// The one interface the core uses to reach its data, whichever database holds it. SQLite (one
// file, the default) and PostgreSQL (any number of stateless instances) implement it side by
// side in ./sqlite and ./postgres; test/conformance.test.ts runs the same checks on both.
//
// Queries are written once with drizzle's query builder against `db.tables` and always awaited
// (never `.get()/.all()/.run()`, which only SQLite has). What must differ by dialect lives
// behind this interface: transactions and group commit, locks, the employee search index, bulk
// loads and raw SQL.
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { SchemaStatus } from "./schemaStatus";
import type { Employee, Tables } from "./tables";

export type Dialect = "sqlite" | "postgres";

/**
 * A query handle: the database outside a transaction, or the transaction inside one. Typed as
 * drizzle's PostgreSQL database; on SQLite it is drizzle's SQLite database, whose builders take
 * the same calls the core makes (select/insert/update/delete, returning, onConflict…, prepare).
 */
export type Db = PgDatabase<PgQueryResultHKT> & { readonly tables: Tables };
/** The handle a `transaction` callback gets: queries on it run inside that transaction. */
export type Tx = Db;

export interface EmployeeSearch {
  orgGuid: string;
  /** Further conditions on `employees` (role, status). */
  where: SQL[];
  /** Matched as a case-insensitive substring of display name, email, username or phone. */
  term: string;
  /** Keyset cursor: only ids above it. */
  afterId: number | null;
  limit: number;
}

/** Counting a search's matches: the same term and conditions, no page. */
export interface EmployeeMatchCount extends Pick<EmployeeSearch, "orgGuid" | "where" | "term"> {
  /** Counting stops here. */
  upTo: number;
}

export interface Database {
  readonly dialect: Dialect;
  /** Where the data lives, for messages: a file path, or the PostgreSQL URL without its password. */
  readonly location: string;
  /**
   * Reads outside a transaction (committed data only). On SQLite a read-only connection: writes
   * go through `transaction`.
   */
  readonly db: Db;
  readonly tables: Tables;
  /**
   * Runs `work` in one transaction and resolves once it is committed and durable: only then may
   * an operation answer. A failed work rolls everything back. On PostgreSQL a serialization
   * failure or deadlock runs `work` again (a few times, with backoff), so `work` must not have
   * effects outside the database.
   */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * One statement whose loss in a power cut is harmless (request counters, last-used times),
   * committed on its own without waiting for the disk: SQLite commits it without its own fsync
   * (with its group, under group commit); PostgreSQL runs it by itself on a connection with
   * synchronous_commit off, so no BEGIN or COMMIT round trip is paid on every request. `write`
   * must be a single statement: on PostgreSQL each statement would commit by itself.
   */
  writeRelaxed<T>(write: (handle: Db) => Promise<T>): Promise<T>;
  /**
   * Serializes the transactions that take the same `name` until they end (PostgreSQL: an
   * advisory transaction lock). On SQLite, where writers are serialized already, it does nothing.
   */
  lock(tx: Tx, name: string): Promise<void>;
  /** Employees of one organization matching a search term, in id order. */
  searchEmployees(handle: Db, search: EmployeeSearch): Promise<Employee[]>;
  /** How many employees `searchEmployees` would find, counted up to `upTo`. */
  countEmployeeMatches(handle: Db, count: EmployeeMatchCount): Promise<number>;
  /** Inserts many rows in as few statements as the driver allows (the CLI's bulk seed). */
  bulkInsert(tx: Tx, table: keyof Tables, rows: Record<string, unknown>[]): Promise<void>;
  /** Raw SQL for what the query builder cannot say; rows as plain objects keyed by column name. */
  rows<R>(handle: Db, query: SQL): Promise<R[]>;
  schemaStatus(): Promise<SchemaStatus>;
  /** Finishes what is in flight, then closes every connection. */
  close(): Promise<void>;
}

/** Hears how each group commit ended (the server's metrics): its size and its COMMIT's time. */
export interface GroupCommitObserver {
  committed(transactions: number, seconds: number): void;
  failed(transactions: number): void;
}

export interface OpenOptions {
  /**
   * Transactions that arrive together share one COMMIT (SQLite: one fsync per event-loop turn).
   * For the long-running server; a short-lived process (the CLI) keeps one commit each.
   */
  groupCommit?: boolean;
  groupCommitObserver?: GroupCommitObserver;
  /** PostgreSQL connections per process. */
  poolSize?: number;
  /** A pooled PostgreSQL connection failed while idle (the server logs it; the pool replaces it). */
  onPoolError?: (err: Error) => void;
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
}
