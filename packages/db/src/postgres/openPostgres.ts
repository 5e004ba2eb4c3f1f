// PostgreSQL as a Database, through node-postgres (`pg`): the most used driver, with a pool whose
// clients we can hold for a whole transaction and release as broken when their connection dies,
// and named prepared statements per connection (the hot path's, lib/prepared.ts in the core).
//
// Transactions run at READ COMMITTED. What must hold across instances is enforced by the
// statements themselves: unique and partial indexes, conditional `UPDATE … RETURNING`,
// `INSERT … ON CONFLICT`, row locks, and advisory locks (`lock`). A deadlock or serialization
// failure runs the transaction again, with backoff, up to MAX_ATTEMPTS times.
import { setTimeout as sleep } from "node:timers/promises";
import { sql, type SQL } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import type { Database, Db, OpenOptions } from "../database";
import { isConnectionFailure, isRetryableConflict } from "../databaseErrors";
import type { Tables } from "../tables";
import { redactedUrl } from "../url";
import { migratePostgres, postgresSchemaStatus } from "./migratePostgres";
import * as schema from "./schema";
import { countPostgresMatches, searchPostgres } from "./searchPostgres";

// bigint (ids, timestamps in ms, count(*)) arrives as a string by default; every value we store
// is below 2^53, so a number is exact.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

const MAX_ATTEMPTS = 8;
const DEFAULT_POOL_SIZE = 10;
/** Connections for writeRelaxed: one statement each, over in a round trip. */
const RELAXED_POOL_SIZE = 4;

export interface PostgresDatabase extends Database {
  readonly dialect: "postgres";
  readonly pool: pg.Pool;
}

const tables = schema as unknown as Tables;

export async function openPostgres(url: string, options: OpenOptions = {}): Promise<PostgresDatabase> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? DEFAULT_POOL_SIZE,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    application_name: "latchkey",
  });
  // writeRelaxed's connections: each statement commits by itself, without waiting for the WAL
  // flush (a session setting, given at connect time).
  const relaxedPool = new pg.Pool({
    connectionString: url,
    max: RELAXED_POOL_SIZE,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    application_name: "latchkey",
    options: "-c synchronous_commit=off",
  });
  // An idle client whose connection dies emits on the pool; unhandled, it would end the process.
  for (const p of [pool, relaxedPool]) p.on("error", (err) => options.onPoolError?.(err));
  // One drizzle handle per pooled connection, so statements prepared on a handle (by name) stay
  // with the connection that knows them.
  const handles = new WeakMap<pg.PoolClient, Db>();
  const handleOf = (client: pg.PoolClient): Db => {
    let h = handles.get(client);
    if (!h) {
      h = Object.assign(drizzle(client), { tables }) as unknown as Db;
      handles.set(client, h);
    }
    return h;
  };
  try {
    if (options.migrate !== false) await migratePostgres(pool);
  } catch (err) {
    await Promise.all([pool.end(), relaxedPool.end()]).catch(() => {});
    throw err;
  }
  const observer = options.groupCommitObserver;
  const db = Object.assign(drizzle(pool), { tables }) as unknown as Db;
  const relaxedDb = Object.assign(drizzle(relaxedPool), { tables }) as unknown as Db;

  return {
    dialect: "postgres",
    location: redactedUrl(url),
    pool,
    db,
    tables,
    async transaction(work) {
      for (let attempt = 1; ; attempt++) {
        const client = await pool.connect();
        let broken: Error | undefined;
        const onError = (e: Error) => (broken = e);
        client.on("error", onError);
        try {
          await client.query("BEGIN");
          const result = await work(handleOf(client));
          const started = performance.now();
          await client.query("COMMIT");
          observer?.committed(1, (performance.now() - started) / 1000);
          return result;
        } catch (err) {
          // A connection that failed, or cannot roll back, leaves the pool (release with an error).
          if (isConnectionFailure(err)) broken = err as Error;
          else
            await client.query("ROLLBACK").catch((e: unknown) => {
              broken = e as Error;
            });
          if (!isRetryableConflict(err) || attempt >= MAX_ATTEMPTS) throw err;
        } finally {
          client.off("error", onError);
          client.release(broken);
        }
        await sleep(Math.random() * 5 * 2 ** attempt);
      }
    },
    writeRelaxed: (write) => write(relaxedDb),
    async lock(tx, name) {
      await tx.execute(sqlLock(name));
    },
    searchEmployees: searchPostgres,
    countEmployeeMatches: countPostgresMatches,
    async bulkInsert(tx, table, rows) {
      // PostgreSQL binds at most 65,535 parameters per statement.
      if (rows.length === 0) return;
      const perStatement = Math.max(1, Math.floor(60_000 / Object.keys(rows[0]!).length));
      for (let i = 0; i < rows.length; i += perStatement)
        await tx.insert(tables[table] as never).values(rows.slice(i, i + perStatement) as never);
    },
    async rows<R>(handle: Db, query: SQL) {
      const result = (await handle.execute(query)) as unknown as { rows: R[] };
      return result.rows;
    },
    schemaStatus: () => postgresSchemaStatus(pool),
    async close() {
      await Promise.all([pool.end(), relaxedPool.end()]);
    },
  };
}

// hashtextextended: a 64-bit key from the name, so unrelated names practically never share a lock.
const sqlLock = (name: string) => sql`SELECT pg_advisory_xact_lock(hashtextextended(${name}, 0))`;
