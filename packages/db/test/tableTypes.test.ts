// The core is typed against the PostgreSQL tables and runs unchanged on SQLite's (src/tables.ts),
// so the two schemas must give every row the same JavaScript type. The type-level checks below
// make `tsc --noEmit` (the typecheck task) fail, naming the table, when a column drifts in one
// schema only; the runtime check covers what types cannot see: SQL names of tables, columns and
// the unique indexes violatedUniqueIndex reports.
import { getTableConfig as pgConfig, type PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import * as pgSchema from "../src/postgres/schema";
import * as sqliteSchema from "../src/sqlite/schema";
import type { Tables } from "../src/tables";

/** True only when A and B are the same type (not merely assignable either way). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Flattens mapped and intersected types, so equal shapes compare equal. */
type Shape<T> = { [K in keyof T]: T[K] } & {};

type TableName = keyof Tables;
type Sqlite = typeof sqliteSchema;
type Pg = typeof pgSchema;
/** Columns PostgreSQL alone has: a counter bucket is split by backend there (src/postgres/schema/audit.ts). */
type PgOnly<K extends TableName> = K extends "auditDailyCounts" ? "shard" : never;

type SelectDrift = {
  [K in TableName]: Equal<Shape<Sqlite[K]["$inferSelect"]>, Shape<Omit<Pg[K]["$inferSelect"], PgOnly<K>>>> extends true ? never : K;
}[TableName];
type InsertDrift = {
  [K in TableName]: Equal<Shape<Sqlite[K]["$inferInsert"]>, Shape<Omit<Pg[K]["$inferInsert"], PgOnly<K>>>> extends true ? never : K;
}[TableName];

// On drift: "Type 'true' is not assignable to type '"employees"'", naming the table.
const selectTypesAgree: [SelectDrift] extends [never] ? true : SelectDrift = true;
const insertTypesAgree: [InsertDrift] extends [never] ? true : InsertDrift = true;
// Every table the core reaches is in both schemas (a missing one fails the lookups above too).
const everyTableInBoth: Equal<Exclude<TableName, keyof Sqlite & keyof Pg>, never> = true;

// The checks can fail: a column typed differently is caught.
const driftIsCaught: Equal<Shape<{ id: number; at: number }>, Shape<{ id: number; at: string }>> = false;

interface Described {
  name: string;
  columns: string[];
  uniqueIndexes: string[];
}

function describeSqlite(table: SQLiteTable): Described {
  const c = sqliteConfig(table);
  const unique = c.columns.filter((col) => col.isUnique).map((col) => col.uniqueName ?? "");
  return {
    name: c.name,
    columns: c.columns.map((col) => col.name).sort(),
    uniqueIndexes: [...c.indexes.filter((i) => i.config.unique).map((i) => i.config.name), ...unique].sort(),
  };
}

function describePg(table: PgTable, pgOnly: string[]): Described {
  const c = pgConfig(table);
  const unique = c.columns.filter((col) => col.isUnique).map((col) => col.uniqueName ?? "");
  return {
    name: c.name,
    columns: c.columns
      .map((col) => col.name)
      .filter((name) => !pgOnly.includes(name))
      .sort(),
    uniqueIndexes: [...c.indexes.filter((i) => i.config.unique).map((i) => i.config.name ?? ""), ...unique].sort(),
  };
}

describe("the two schemas", () => {
  it("agree on types (checked by tsc; these constants only exist if it passed)", () => {
    expect([selectTypesAgree, insertTypesAgree, everyTableInBoth, driftIsCaught]).toEqual([true, true, true, false]);
  });

  it("export the same tables", () => {
    expect(Object.keys(sqliteSchema).sort()).toEqual(Object.keys(pgSchema).sort());
  });

  it("give each table the same SQL name, columns and unique index names", () => {
    for (const key of Object.keys(pgSchema) as (keyof Pg & keyof Sqlite)[]) {
      const pgOnly = key === "auditDailyCounts" ? ["shard"] : [];
      expect(describeSqlite(sqliteSchema[key] as SQLiteTable), key).toEqual(describePg(pgSchema[key] as PgTable, pgOnly));
    }
  });
});
