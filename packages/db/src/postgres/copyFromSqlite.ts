// Moves a SQLite installation onto an empty PostgreSQL database (`latchkey db copy`). The source
// is opened read-only and read in one read transaction, so it is one point in time even if
// something still writes to it; the target receives every row in one transaction, so a failed
// copy leaves it empty (migrated, nothing more) and can simply be run again.
//
// Rows keep their ids: the legacy `/Employees/{id}` API, audit targets and cursors name them.
// PostgreSQL's identity sequences do not see explicit ids, so each is set past its table's
// largest id afterwards. What PostgreSQL derives is not copied: the search index over
// lk_search_grams is an expression index (built by the inserts), and the audit day counters are
// kept by a trigger (migration 0001_search_and_audit_counts), which is paused during the copy and
// replaced by one aggregate over the copied events.
import BetterSqlite from "better-sqlite3";
import { getTableColumns, getTableName, sql, type Column } from "drizzle-orm";
import type { Tx } from "../database";
import { sqliteSchemaStatus } from "../sqlite/migrateSqlite";
import * as sqliteSchema from "../sqlite/schema";
import type { Tables } from "../tables";
import type { PostgresDatabase } from "./openPostgres";

/** A copy that must not start: the one line the operator reads. */
export class DatabaseCopyError extends Error {
  override readonly name = "DatabaseCopyError";
}

/**
 * Every table, in an order where each row's references exist before it (organizations, then
 * employees, …). The Record type makes a table added to Tables and missing here a type error.
 */
const HOW: Record<keyof Tables, "copy" | "derived"> = {
  organizations: "copy",
  employees: "copy",
  passwordHistory: "copy",
  outlets: "copy",
  workplaces: "copy",
  activationCodes: "copy",
  resetCodes: "copy",
  sessions: "copy",
  apiTokens: "copy",
  auditEvents: "copy",
  auditDailyCounts: "derived",
  outboxMessages: "copy",
  rateLimits: "copy",
  idempotencyRecords: "copy",
};

const TABLES = Object.keys(HOW) as (keyof Tables)[];

export interface CopyOptions {
  /** Rows handed to one bulk insert (it splits further by PostgreSQL's parameter limit). */
  batchRows?: number;
  /** Called after each batch: the table, rows copied so far, rows it holds in the source. */
  progress?: (table: keyof Tables, done: number, total: number) => void;
}

export interface CopyReport {
  /** Rows per table in the target: copied, or rebuilt for the derived ones. */
  rows: Record<keyof Tables, number>;
  /** The id the next insert gets, per table with an identity column. */
  nextIds: Record<string, number>;
}

function openSource(path: string): BetterSqlite.Database {
  let conn: BetterSqlite.Database;
  try {
    conn = new BetterSqlite(path, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new DatabaseCopyError(`cannot open ${path} as a SQLite database: ${(err as Error).message}`);
  }
  conn.pragma("busy_timeout = 10000");
  try {
    const status = sqliteSchemaStatus(conn);
    if (status.state === "empty") throw new DatabaseCopyError(`${path} is not a Latchkey database (it has no migrations applied)`);
    if (status.state === "behind")
      throw new DatabaseCopyError(
        `${path} has ${status.applied} of this version's ${status.known} migrations applied: start this version of Latchkey on it once (it migrates at start), stop it, then copy`,
      );
    if (status.state === "ahead")
      throw new DatabaseCopyError(
        `${path} was migrated by a newer version of Latchkey (${status.applied} migrations applied; this version knows ${status.known}): copy it with that version`,
      );
  } catch (err) {
    conn.close();
    throw err;
  }
  return conn;
}

/** The source's rows of one table, typed as the core sees them (booleans, numbers), a batch at a time. */
function* sourceBatches(conn: BetterSqlite.Database, table: keyof Tables, size: number): Generator<Record<string, unknown>[]> {
  const t = sqliteSchema[table];
  const columns = Object.entries(getTableColumns(t)) as [string, Column][];
  const statement = conn.prepare(`SELECT * FROM "${getTableName(t)}"`);
  let batch: Record<string, unknown>[] = [];
  for (const raw of statement.iterate() as Iterable<Record<string, unknown>>) {
    const row: Record<string, unknown> = {};
    for (const [key, column] of columns) {
      const value = raw[column.name];
      row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    batch.push(row);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

async function refuseNonEmpty(target: PostgresDatabase, tx: Tx): Promise<void> {
  const held: string[] = [];
  for (const table of TABLES) {
    const name = getTableName(target.tables[table]);
    const [row] = await target.rows<{ n: number }>(tx, sql`SELECT count(*) AS n FROM ${sql.identifier(name)}`);
    if (Number(row!.n) > 0) held.push(`${name}: ${row!.n}`);
  }
  if (held.length)
    throw new DatabaseCopyError(
      `${target.location} is not empty (${held.join(", ")}): copy into a new, empty database (createdb), before any Latchkey instance has started on it`,
    );
}

/** Every identity or serial column of the schema continues past the largest id copied. */
async function continueSequences(target: PostgresDatabase, tx: Tx): Promise<Record<string, number>> {
  const columns = await target.rows<{ table_name: string; column_name: string }>(
    tx,
    sql`SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')
        ORDER BY table_name`,
  );
  const next: Record<string, number> = {};
  for (const { table_name: t, column_name: c } of columns) {
    const [row] = await target.rows<{ next: number }>(
      tx,
      sql`SELECT setval(pg_get_serial_sequence(quote_ident(${t}::text), ${c}::text), coalesce(max(${sql.identifier(c)}), 0) + 1, false) AS next
          FROM ${sql.identifier(t)}`,
    );
    next[t] = Number(row!.next);
  }
  return next;
}

/** Copies the SQLite database at `sourcePath` into `target` (migrated, and empty), in one transaction. */
export async function copySqliteToPostgres(sourcePath: string, target: PostgresDatabase, options: CopyOptions = {}): Promise<CopyReport> {
  const batchRows = options.batchRows ?? 5000;
  const source = openSource(sourcePath);
  try {
    // One read transaction: every table is read from the same point in time.
    source.exec("BEGIN");
    const totals = Object.fromEntries(
      TABLES.map((t) => [t, (source.prepare(`SELECT count(*) AS n FROM "${getTableName(sqliteSchema[t])}"`).get() as { n: number }).n]),
    ) as Record<keyof Tables, number>;
    return await target.transaction(async (tx) => {
      // Nobody else writes while the copy runs (an instance started too early would add its admin).
      const names = TABLES.map((t) => sql.identifier(getTableName(target.tables[t])));
      await tx.execute(sql`LOCK TABLE ${sql.join(names, sql`, `)} IN EXCLUSIVE MODE`);
      await refuseNonEmpty(target, tx);
      await tx.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_daily_count`);
      const rows = {} as Record<keyof Tables, number>;
      for (const table of TABLES) {
        if (HOW[table] === "derived") continue;
        let done = 0;
        for (const batch of sourceBatches(source, table, batchRows)) {
          await target.bulkInsert(tx, table, batch);
          done += batch.length;
          options.progress?.(table, done, totals[table]);
        }
        if (done === 0) options.progress?.(table, 0, 0);
        rows[table] = done;
      }
      // The counters the trigger would have kept, from the copied events (one shard: nothing else inserted them).
      await tx.execute(sql`
        INSERT INTO audit_daily_counts (org_guid, day, action, outcome, shard, count, min_id, max_id)
        SELECT org_guid, created_at / 86400000, action, outcome, 0, count(*), min(id), max(id)
        FROM audit_events WHERE org_guid IS NOT NULL GROUP BY 1, 2, 3, 4`);
      await tx.execute(sql`ALTER TABLE audit_events ENABLE TRIGGER audit_daily_count`);
      const [counted] = await target.rows<{ n: number }>(tx, sql`SELECT count(*) AS n FROM audit_daily_counts`);
      rows.auditDailyCounts = Number(counted!.n);
      return { rows, nextIds: await continueSequences(target, tx) };
    });
  } finally {
    source.close();
  }
}
