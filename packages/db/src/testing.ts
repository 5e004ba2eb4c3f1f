// Scratch databases for tests: a SQLite file in a temp folder, or a PostgreSQL database created
// for the test and dropped after it, empty or as an earlier release left it.
// LATCHKEY_TEST_DATABASE=postgres picks PostgreSQL for the suites that run on both;
// LATCHKEY_TEST_POSTGRES_URL names a server where the tests may create databases (default: the
// local one, as user postgres).
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite from "better-sqlite3";
import pg from "pg";
import type { Dialect } from "./database";
import { migratePostgres, POSTGRES_MIGRATIONS, postgresSchemaStatus } from "./postgres/migratePostgres";
import * as postgresSchema from "./postgres/schema";
import type { SchemaStatus } from "./schemaStatus";
import { migrateSqlite, SQLITE_MIGRATIONS, sqliteSchemaStatus } from "./sqlite/migrateSqlite";
import * as sqliteSchema from "./sqlite/schema";
import type { Tables } from "./tables";
import { parseDatabaseUrl } from "./url";

export interface ScratchDatabase {
  /** A DATABASE_URL for it. */
  url: string;
  /** A temp folder the test may use (the SQLite file lives there). */
  dir: string;
  /** Drops the database and removes the folder. */
  drop(): Promise<void>;
}

export const TEST_POSTGRES_URL = process.env.LATCHKEY_TEST_POSTGRES_URL || "postgres://postgres@127.0.0.1:5432/postgres";

/** The dialect the suites run on: LATCHKEY_TEST_DATABASE=postgres or sqlite (default). */
export function testDialect(): Dialect {
  const v = process.env.LATCHKEY_TEST_DATABASE ?? "sqlite";
  if (v !== "sqlite" && v !== "postgres") throw new Error(`LATCHKEY_TEST_DATABASE must be sqlite or postgres, not ${v}`);
  return v;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createScratchDatabase(dialect: Dialect = testDialect(), label = "test"): Promise<ScratchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), `latchkey-${label}-`));
  if (dialect === "sqlite")
    return { url: `file:${join(dir, "latchkey.db")}`, dir, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  const name = `lk_${label
    .replace(/[^a-z0-9]/gi, "_")
    .toLowerCase()
    .slice(0, 30)}_${randomBytes(5).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dir,
    async drop() {
      await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The table objects of a dialect, for tests that read rows directly (the same ones `database.tables` holds). */
export function testTables(dialect: Dialect = testDialect()): Tables {
  return (dialect === "postgres" ? postgresSchema : sqliteSchema) as unknown as Tables;
}

/** The committed migrations of a dialect (a folder with the SQL files and drizzle's `meta/`). */
export function migrationsFolder(dialect: Dialect = testDialect()): string {
  return dialect === "postgres" ? POSTGRES_MIGRATIONS : SQLITE_MIGRATIONS;
}

/**
 * Leaves in the empty database at `url` what an earlier release would have: the migrations of
 * `folder` (a copy of the committed folder cut short), then `data`, statements written against
 * those tables. Resolves to the schema status between the two, which that release saw as current.
 */
export async function writeEarlierRelease(url: string, folder: string, data: string): Promise<SchemaStatus> {
  const target = parseDatabaseUrl(url);
  if (target.dialect === "sqlite") {
    const conn = new BetterSqlite(target.path);
    try {
      migrateSqlite(conn, folder);
      const status = sqliteSchemaStatus(conn, folder);
      conn.exec(data);
      return status;
    } finally {
      conn.close();
    }
  }
  const pool = new pg.Pool({ connectionString: target.url, max: 1 });
  try {
    await migratePostgres(pool, folder);
    const status = await postgresSchemaStatus(pool, folder);
    await pool.query(data);
    return status;
  } finally {
    await pool.end();
  }
}
