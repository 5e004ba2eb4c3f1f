// What only the SQLite backend has: its connection settings, group commit (the transactions of
// one event-loop turn share one COMMIT, each still all-or-nothing, and none is reported durable
// before that COMMIT succeeded), the statement cache, the audit counters' backfill by migrations
// 0003-0004 on an existing file, and the online backup.
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import BetterSqlite from "better-sqlite3";
import { describe, expect, it, onTestFinished } from "vitest";
import { backupSqlite, eq, sql, type GroupCommitObserver, type OpenOptions, type SqliteDatabase, type Tx } from "../src";
import { migrateSqlite } from "../src/sqlite/migrateSqlite";
import { DAY, NOW, employeeRow, failureOf, migrationsBefore, openScratch, orgRow } from "./fixtures";

async function open(label: string, options: OpenOptions = {}) {
  const { scratch, d } = await openScratch("sqlite", label, options);
  const sqlite = d as SqliteDatabase;
  // Another connection sees only what is committed, as another process (the CLI, a backup) would.
  const other = new BetterSqlite(sqlite.path, { readonly: true });
  onTestFinished(() => {
    other.close();
  });
  const keys = () => (other.prepare("SELECT key FROM rate_limits ORDER BY rowid").all() as { key: string }[]).map((r) => r.key);
  const put = (key: string) => (tx: Tx) => tx.insert(sqlite.tables.rateLimits).values({ key, count: 1, windowStart: NOW });
  return { scratch, d: sqlite, other, keys, put, reader: (sqlite.db as unknown as { $client: BetterSqlite.Database }).$client };
}

/** Makes the group's COMMIT fail: foreign keys deferred to COMMIT, and a row that breaks one. */
const breakTheCommit = (d: SqliteDatabase) => async (tx: Tx) => {
  d.writer.pragma("defer_foreign_keys = ON"); // lasts until the outermost transaction ends
  await tx.insert(d.tables.employees).values(employeeRow("no-such-org", "Orphan"));
};

describe("connection settings", () => {
  it("uses WAL, full fsync, foreign keys, a busy timeout and an owner-only file", async () => {
    const { d, reader, put } = await open("pragmas");
    expect(d.writer.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(d.writer.pragma("synchronous", { simple: true })).toBe(2); // FULL
    expect(d.writer.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(d.writer.pragma("busy_timeout", { simple: true })).toBe(5000);
    expect(reader.pragma("busy_timeout", { simple: true })).toBe(5000);
    expect(reader.readonly).toBe(true);
    await d.transaction(put("k"));
    // SQLite gives the -wal file the database file's mode.
    for (const file of [d.path, `${d.path}-wal`]) expect(statSync(file).mode & 0o777).toBe(0o600);
    // Reads go through the read-only connection: a write there is refused.
    await expect(d.db.insert(d.tables.rateLimits).values({ key: "x", count: 1, windowStart: 1 })).rejects.toThrow(/readonly/);
  });
});

describe("group commit", () => {
  it("commits the transactions of one turn with one COMMIT, which nobody sees before", async () => {
    const seen: string[] = [];
    const { d, keys, put } = await open("group", {
      groupCommit: true,
      groupCommitObserver: { committed: (n) => seen.push(`committed ${n}`), failed: (n) => seen.push(`failed ${n}`) },
    });
    let during: { other: string[]; reader: string[] } | undefined;
    const first = d.transaction(put("a"));
    const second = d.transaction(async (tx) => {
      await put("b")(tx);
      // Both are written and released, inside the group's still-open transaction.
      during = { other: keys(), reader: (await d.db.select().from(d.tables.rateLimits)).map((r) => r.key) };
    });
    await Promise.all([first, second]);
    expect(during).toEqual({ other: [], reader: [] });
    expect(keys()).toEqual(["a", "b"]);
    expect(seen).toEqual(["committed 2"]);
    expect(d.writer.inTransaction).toBe(false);
  });

  it("rolls back only the failed transaction of a group", async () => {
    const { d, keys, put } = await open("partial", { groupCommit: true });
    const results = await Promise.allSettled([
      d.transaction(put("a")),
      d.transaction(async (tx) => {
        await put("b")(tx);
        throw new Error("this one fails");
      }),
      d.transaction(put("a")), // a unique violation: fails alone too
      d.transaction(put("c")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "rejected", "fulfilled"]);
    expect(keys()).toEqual(["a", "c"]);
  });

  it("rejects every member when the group's COMMIT fails, and keeps none of their writes", async () => {
    const seen: string[] = [];
    const observer: GroupCommitObserver = { committed: (n) => seen.push(`committed ${n}`), failed: (n) => seen.push(`failed ${n}`) };
    const { d, keys, put } = await open("commit-fails", { groupCommit: true, groupCommitObserver: observer });
    const results = await Promise.allSettled([d.transaction(put("kept-only-if-the-group-commits")), d.transaction(breakTheCommit(d))]);
    for (const r of results) expect(r).toMatchObject({ status: "rejected", reason: { message: expect.stringMatching(/FOREIGN KEY/) } });
    expect(keys()).toEqual([]);
    expect(await d.db.select().from(d.tables.employees)).toEqual([]);
    expect(d.writer.inTransaction).toBe(false);
    // Deferral ended with the failed group; the next transactions form a fresh group.
    expect(d.writer.pragma("defer_foreign_keys", { simple: true })).toBe(0);
    await d.transaction(put("after"));
    expect(keys()).toEqual(["after"]);
    expect(seen).toEqual(["failed 2", "committed 1"]);
  });

  it("tells its observer each group's size in committed transactions", async () => {
    const seen: string[] = [];
    const { d, put } = await open("observer", {
      groupCommit: true,
      groupCommitObserver: {
        committed: (n, seconds) => seen.push(`committed ${n} ${seconds >= 0}`),
        failed: (n) => seen.push(`failed ${n}`),
      },
    });
    // A transaction that fails is not a member: it committed nothing.
    await Promise.allSettled([d.transaction(put("a")), d.transaction(put("a")), d.transaction(put("b")), d.transaction(put("c"))]);
    await Promise.allSettled([d.transaction(put("d")), d.transaction(breakTheCommit(d)), d.transaction(put("e"))]);
    expect(seen).toEqual(["committed 3 true", "failed 3"]);
  });

  it("commits an open group when the database is closed", async () => {
    const { d, keys, put } = await open("close", { groupCommit: true });
    const pending = d.transaction(put("written-just-before-shutdown"));
    await d.close();
    await pending;
    expect(keys()).toEqual(["written-just-before-shutdown"]);
  });

  it("commits each transaction at once without group commit", async () => {
    const { d, keys, put } = await open("plain");
    let seenBySecond: string[] = [];
    await Promise.all([
      d.transaction(put("a")),
      d.transaction(async (tx) => {
        seenBySecond = keys(); // the first is committed before the second begins
        await put("b")(tx);
      }),
    ]);
    expect(seenBySecond).toEqual(["a"]);
    expect(d.writer.inTransaction).toBe(false);
  });

  it("commits a relaxed write without waiting for its own fsync", async () => {
    const { d, keys, put } = await open("relaxed");
    let during = 0;
    await d.writeRelaxed(async (tx) => {
      // SQLite refuses to change the setting inside a transaction: it must be lowered before BEGIN.
      during = d.writer.pragma("synchronous", { simple: true }) as number;
      await put("counter")(tx);
    });
    expect(during).toBe(1); // NORMAL: the WAL is not fsynced at this COMMIT
    expect(keys()).toEqual(["counter"]);
    // The durability setting is back for the next transaction, even after a relaxed one failed.
    expect(d.writer.pragma("synchronous", { simple: true })).toBe(2);
    await failureOf(d.writeRelaxed(breakTheCommit(d)));
    expect(d.writer.pragma("synchronous", { simple: true })).toBe(2);
    expect(d.writer.inTransaction).toBe(false);
  });

  it("answers a relaxed write of a group before the group commits", async () => {
    const { d, keys, put } = await open("relaxed-group", { groupCommit: true });
    await d.writeRelaxed(put("counter"));
    expect(d.writer.inTransaction).toBe(true); // the group's COMMIT is still to come
    expect(keys()).toEqual([]);
    await d.transaction(put("durable"));
    expect(keys()).toEqual(["counter", "durable"]);
  });
});

describe("statement cache", () => {
  it("reuses statements and gives each caller the row shape it asks for", async () => {
    const { d, reader, put } = await open("statements");
    expect(reader.prepare("SELECT 1 AS one")).toBe(reader.prepare("SELECT 1 AS one"));
    await d.transaction(put("k"));
    // A typed select switches its statement to array rows; the same SQL asked for as objects still gets objects.
    const typed = d.db.select().from(d.tables.rateLimits).where(eq(d.tables.rateLimits.key, "k"));
    expect(await typed).toEqual([{ key: "k", count: 1, windowStart: NOW, blockedUntil: null }]);
    expect(reader.prepare(typed.toSQL().sql).get("k")).toMatchObject({ key: "k", count: 1 });
    expect(await typed).toEqual([{ key: "k", count: 1, windowStart: NOW, blockedUntil: null }]);
    expect(await d.rows(d.db, sql`SELECT count(*) AS n FROM rate_limits`)).toEqual([{ n: 1 }]);
  });
});

describe("audit_daily_counts on an upgraded file", () => {
  it("counts the existing log when migrations 0003 and 0004 run, then follows every insert and delete", async () => {
    const { scratch, d } = await openScratch("sqlite", "daily-upgrade", { migrate: false });
    const conn = (d as SqliteDatabase).writer;
    const log = (org: string | null, action: string, outcome: string, createdAt: number) =>
      conn
        .prepare("INSERT INTO audit_events (org_guid, actor_type, action, outcome, created_at) VALUES (?, 'system', ?, ?, ?)")
        .run(org, action, outcome, createdAt);
    const t0 = 20_000 * DAY;
    // Before 0003: no counters at all. Two orgs, both outcomes, an event of no org, both sides of a midnight.
    migrateSqlite(conn, migrationsBefore(scratch.dir, "sqlite", "0003_audit_daily_counts"));
    log("org-a", "auth.sign_in", "success", t0 + 5);
    log("org-a", "auth.sign_in", "failure", t0 + DAY - 1);
    log("org-a", "auth.sign_in", "failure", t0 + DAY);
    log("org-b", "auth.sign_in", "success", t0 + 5);
    log(null, "activation.activate", "failure", t0 + 5);
    // Between 0003 and 0004: counted, but without id bounds.
    migrateSqlite(conn, migrationsBefore(scratch.dir, "sqlite", "0004_audit_daily_id_bounds"));
    log("org-a", "employees.setPassword", "success", t0 + 2 * DAY + 7);
    log("org-a", "auth.sign_in", "success", t0 + 9);
    migrateSqlite(conn);
    expect(await d.schemaStatus()).toMatchObject({ state: "current" });

    const counters = () =>
      conn.prepare("SELECT org_guid, day, action, outcome, count, min_id, max_id FROM audit_daily_counts ORDER BY 1, 2, 3, 4").all();
    const truth = () =>
      conn
        .prepare(
          "SELECT org_guid, created_at / 86400000 AS day, action, outcome, count(*) AS count, min(id) AS min_id, max(id) AS max_id FROM audit_events WHERE org_guid IS NOT NULL GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4",
        )
        .all();
    expect(counters()).toEqual(truth());
    expect(counters()).toContainEqual({
      org_guid: "org-a",
      day: 20_000,
      action: "auth.sign_in",
      outcome: "success",
      count: 2,
      min_id: 1,
      max_id: 7,
    });
    expect(counters()).toHaveLength(5);

    // After the upgrade, through the Database as the server writes.
    await d.transaction((tx) =>
      tx.insert(d.tables.auditEvents).values([
        { orgGuid: "org-a", actorType: "system", action: "auth.sign_in", outcome: "failure", createdAt: t0 + DAY + 9 },
        { orgGuid: null, actorType: "system", action: "activation.activate", outcome: "failure", createdAt: t0 },
      ]),
    );
    expect(counters()).toEqual(truth());
    expect(counters()).toContainEqual({
      org_guid: "org-a",
      day: 20_001,
      action: "auth.sign_in",
      outcome: "failure",
      count: 2,
      min_id: 3,
      max_id: 8,
    });

    conn.prepare("DELETE FROM audit_events WHERE org_guid = 'org-b' OR created_at < ?").run(t0 + DAY + 5);
    // Counts follow deletes exactly; id bounds may stay wider, never narrower.
    const strip = ({ min_id: _min, max_id: _max, ...rest }: Record<string, unknown>) => rest;
    const after = counters() as Record<string, number>[];
    const expected = truth() as Record<string, number>[];
    expect(after.map(strip)).toEqual(expected.map(strip));
    expected.forEach((t, i) => {
      expect(after[i]!.min_id).toBeLessThanOrEqual(t.min_id!);
      expect(after[i]!.max_id).toBeGreaterThanOrEqual(t.max_id!);
    });
  });
});

describe("backupSqlite", () => {
  it("copies the committed data to a new owner-only file that stands alone", async () => {
    const { scratch, d, put } = await open("backup", { groupCommit: true });
    const org = orgRow("backed-up");
    await d.transaction(async (tx) => {
      await tx.insert(d.tables.organizations).values(org);
      await tx.insert(d.tables.employees).values([employeeRow(org.guid, "One"), employeeRow(org.guid, "Two")]);
      await tx
        .insert(d.tables.auditEvents)
        .values({ orgGuid: org.guid, actorType: "system", action: "x", outcome: "success", createdAt: NOW });
    });
    // A group still waiting for its COMMIT (scheduled for after this turn) is not in the copy.
    let written!: () => void;
    const wrote = new Promise<void>((resolve) => (written = resolve));
    const pending = d.transaction(async (tx) => {
      await put("uncommitted")(tx);
      written();
    });
    await wrote;
    const target = join(scratch.dir, "copy.db");
    const copy = backupSqlite(d.path, target);
    await pending;
    expect(copy).toEqual({
      schema: expect.objectContaining({ state: "current" }),
      counts: { organizations: 1, employees: 2, auditEvents: 1 },
    });
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(existsSync(`${target}-wal`)).toBe(false);
    const restored = new BetterSqlite(target, { readonly: true });
    try {
      expect(restored.prepare("SELECT display_name FROM employees ORDER BY id").all()).toEqual([
        { display_name: "One" },
        { display_name: "Two" },
      ]);
      expect(restored.prepare("SELECT count(*) AS n FROM rate_limits").get()).toEqual({ n: 0 });
    } finally {
      restored.close();
    }
    // Never over an existing file.
    expect(() => backupSqlite(d.path, target)).toThrow(/EEXIST/);
  });
});
