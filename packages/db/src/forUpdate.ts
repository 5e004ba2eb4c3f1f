import { is } from "drizzle-orm";
import { PgDatabase, type PgTable } from "drizzle-orm/pg-core";
import type { Db } from "./database";

/**
 * Locks the rows of `table` that `query` reads until the transaction ends, so concurrent
 * transactions that read them this way take turns (PostgreSQL: `FOR UPDATE OF table`, taken by
 * the read itself, no statement of its own). On SQLite, whose one writer already serializes
 * transactions, the query is returned as it is.
 */
export function forUpdateOf<Q>(handle: Db, query: Q, table: PgTable): Q {
  if (!is(handle, PgDatabase)) return query;
  return (query as unknown as { for(strength: "update", config: { of: PgTable }): Q }).for("update", { of: table });
}
