// The migration that gives each audited operation one name (sqlite 0007, postgres 0004): events
// recorded under a procedure's path before it move to the name the procedure now declares, and
// the day counters follow, merged into the buckets the declared name already had.
import { describe, expect, it } from "vitest";
import { sql, type Database, type Dialect, type PostgresDatabase, type SqliteDatabase } from "../src";
import { migratePostgres } from "../src/postgres/migratePostgres";
import { migrateSqlite } from "../src/sqlite/migrateSqlite";
import { DAY, migrationsBefore, openScratch } from "./fixtures";

const TAG: Record<Dialect, string> = { sqlite: "0007_audit_action_names", postgres: "0004_audit_action_names" };

async function migrate(d: Database, folder?: string): Promise<void> {
  if (d.dialect === "sqlite") migrateSqlite((d as SqliteDatabase).writer, folder);
  else await migratePostgres((d as PostgresDatabase).pool, folder);
}

type Bucket = { org_guid: string; day: number; action: string; outcome: string; count: number; min_id: number; max_id: number };
const numbers = (rows: Record<string, unknown>[]): Bucket[] =>
  rows.map((r) => ({ ...r, day: Number(r.day), count: Number(r.count), min_id: Number(r.min_id), max_id: Number(r.max_id) }) as Bucket);

/** The counters as the chart reads them (PostgreSQL's shards summed). */
const counters = async (d: Database) =>
  numbers(
    await d.rows(
      d.db,
      sql`SELECT org_guid, day, action, outcome, sum(count) AS count, min(min_id) AS min_id, max(max_id) AS max_id
          FROM audit_daily_counts GROUP BY org_guid, day, action, outcome ORDER BY 1, 2, 3, 4`,
    ),
  );
/** What the counters must say: the log itself, counted. */
const truth = async (d: Database) =>
  numbers(
    await d.rows(
      d.db,
      sql`SELECT org_guid, created_at / 86400000 AS day, action, outcome, count(*) AS count, min(id) AS min_id, max(id) AS max_id
          FROM audit_events WHERE org_guid IS NOT NULL GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    ),
  );

describe.each(["sqlite", "postgres"] as const)("%s", (dialect: Dialect) => {
  it("renames events recorded under procedure paths, and their day counters follow", async () => {
    const { scratch, d } = await openScratch(dialect, "audit-names", { migrate: false });
    await migrate(d, migrationsBefore(scratch.dir, dialect, TAG[dialect]));
    const t0 = 20_000 * DAY;
    const event = (orgGuid: string | null, action: string, outcome: "success" | "failure", createdAt: number) => ({
      orgGuid,
      actorType: "system" as const,
      action,
      outcome,
      createdAt,
    });
    // As the earlier release wrote them: refusals before the action under the path, the rest under the name.
    await d.transaction((tx) =>
      tx
        .insert(d.tables.auditEvents)
        .values([
          event("org-a", "employee.reset_password", "failure", t0 + 1),
          event("org-a", "employees.resetPassword", "failure", t0 + 2),
          event("org-a", "employee.reset_password", "success", t0 + 3),
          event("org-a", "tokens.keep", "failure", t0 + DAY + 4),
          event("org-a", "employees.endSessions", "failure", t0 + DAY + 5),
          event("org-b", "employees.resetPassword", "failure", t0 + 6),
          event("org-b", "settings.update", "failure", t0 + 7),
          event(null, "auth.signIn", "failure", t0 + 8),
        ]),
    );
    expect(await counters(d)).toEqual(await truth(d));
    await migrate(d);
    expect(await d.schemaStatus()).toMatchObject({ state: "current" });

    const actions = await d.rows<{ action: string }>(d.db, sql`SELECT action FROM audit_events ORDER BY id`);
    expect(actions.map((r) => r.action)).toEqual([
      "employee.reset_password",
      "employee.reset_password",
      "employee.reset_password",
      "api_token.keep",
      "employee.end_all_sessions",
      "employee.reset_password",
      "settings.update",
      "auth.sign_in",
    ]);
    expect(await counters(d)).toEqual(await truth(d));
    expect(await counters(d)).toContainEqual({
      org_guid: "org-a",
      day: 20_000,
      action: "employee.reset_password",
      outcome: "failure",
      count: 2,
      min_id: 1,
      max_id: 2,
    });
    // The helper table is gone again.
    const leftover =
      dialect === "sqlite"
        ? sql`SELECT count(*) AS n FROM sqlite_master WHERE name = 'audit_action_renames'`
        : sql`SELECT count(*) AS n FROM pg_tables WHERE tablename = 'audit_action_renames'`;
    expect((await d.rows<{ n: number | string }>(d.db, leftover)).map((r) => Number(r.n))).toEqual([0]);

    // Later events count into the same buckets.
    await d.transaction((tx) => tx.insert(d.tables.auditEvents).values(event("org-a", "employee.reset_password", "failure", t0 + 9)));
    expect(await counters(d)).toEqual(await truth(d));
    expect(await counters(d)).toContainEqual(expect.objectContaining({ org_guid: "org-a", action: "employee.reset_password", count: 3 }));
  });
});
