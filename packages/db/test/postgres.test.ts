// What only the PostgreSQL backend has to get right: several connections (and instances) at
// once. Deadlocks are retried, advisory locks serialize, instances starting together migrate
// once, connection failures are recognised and survived, and the search index keeps one
// organization's search independent of another's size. No timings: waits are observed in
// pg_stat_activity, index use in EXPLAIN.
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { describe, expect, it, onTestFinished } from "vitest";
import { eq, isConnectionFailure, openDatabase, sql, type Db, type PostgresDatabase } from "../src";
import { createScratchDatabase } from "../src/testing";
import { NOW, employeeRow, failureOf, openScratch, orgRow, until } from "./fixtures";

async function open(label: string, options: Parameters<typeof openScratch>[2] = {}) {
  const { scratch, d } = await openScratch("postgres", label, options);
  return { scratch, d: d as PostgresDatabase };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const pidOf = async (d: PostgresDatabase, handle: Db) =>
  (await d.rows<{ pid: number }>(handle, sql`SELECT pg_backend_pid() AS pid`))[0]!.pid;

/** Ends a backend from outside, as a failover or an operator's pg_terminate_backend would. */
async function terminate(url: string, pid: number): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query("SELECT pg_terminate_backend($1)", [pid]);
  } finally {
    await admin.end();
  }
}

describe("transactions under concurrency", () => {
  it("runs again the loser of a deadlock, so both transactions succeed", async () => {
    const { d } = await open("deadlock");
    const t = d.tables.rateLimits;
    await d.transaction((tx) =>
      tx.insert(t).values([
        { key: "A", count: 0, windowStart: NOW },
        { key: "B", count: 0, windowStart: NOW },
      ]),
    );
    const aLocked = deferred();
    const bLocked = deferred();
    let attempts = 0;
    // Each locks one row, waits until the other has locked the other row, then wants it: a deadlock.
    // A retry finds both signals given and simply waits for the survivor's locks.
    const crossing = (first: "A" | "B", mine: typeof aLocked, theirs: typeof aLocked) =>
      d.transaction(async (tx) => {
        attempts += 1;
        await tx.execute(sql`SET LOCAL deadlock_timeout = '20ms'`); // detect it at once (superuser only)
        await tx
          .update(t)
          .set({ count: sql`${t.count} + 1` })
          .where(eq(t.key, first));
        mine.resolve();
        await theirs.promise;
        await tx
          .update(t)
          .set({ count: sql`${t.count} + 1` })
          .where(eq(t.key, first === "A" ? "B" : "A"));
      });
    await Promise.all([crossing("A", aLocked, bLocked), crossing("B", bLocked, aLocked)]);
    expect(attempts).toBe(3);
    expect(await d.db.select({ key: t.key, count: t.count }).from(t).orderBy(t.key)).toEqual([
      { key: "A", count: 2 },
      { key: "B", count: 2 },
    ]);
  });

  it("serializes the transactions that lock the same name, and only those", async () => {
    const { d } = await open("lock");
    const order: string[] = [];
    const firstHolds = deferred();
    const release = deferred();
    const first = d.transaction(async (tx) => {
      await d.lock(tx, "employee:7");
      order.push("first locked");
      firstHolds.resolve();
      await release.promise;
      order.push("first done");
    });
    await firstHolds.promise;
    let secondPid = 0;
    const second = d.transaction(async (tx) => {
      secondPid = await pidOf(d, tx);
      await d.lock(tx, "employee:7");
      order.push("second locked");
    });
    // The second is waiting on the advisory lock (not merely slow): PostgreSQL says so.
    await until(async () => {
      const waiting = await d.rows(
        d.db,
        sql`SELECT 1 FROM pg_stat_activity WHERE pid = ${secondPid} AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
      );
      return waiting.length === 1;
    }, "the second transaction to wait for the lock");
    await d.transaction(async (tx) => {
      await d.lock(tx, "employee:8");
      order.push("other name locked");
    });
    expect(order).toEqual(["first locked", "other name locked"]);
    release.resolve();
    await Promise.all([first, second]);
    expect(order).toEqual(["first locked", "other name locked", "first done", "second locked"]);
  });

  it("migrates an empty database once when four instances open it together", async () => {
    const scratch = await createScratchDatabase("postgres", "race");
    onTestFinished(() => scratch.drop());
    const instances = await Promise.all([1, 2, 3, 4].map(() => openDatabase(scratch.url, { poolSize: 2 })));
    try {
      for (const d of instances) expect(await d.schemaStatus()).toMatchObject({ state: "current" });
      const known = (await instances[0]!.schemaStatus()).known;
      const [row] = await instances[0]!.rows<{ n: number }>(instances[0]!.db, sql`SELECT count(*) AS n FROM drizzle.__drizzle_migrations`);
      expect(row!.n).toBe(known);
    } finally {
      await Promise.all(instances.map((d) => d.close()));
    }
  });

  it("writes a relaxed statement on its own, without waiting for the WAL flush, and nothing else so", async () => {
    const { d } = await open("relaxed");
    const setting = (handle: Db) => d.rows<{ synchronous_commit: string }>(handle, sql`SHOW synchronous_commit`);
    expect(await d.writeRelaxed((handle) => setting(handle))).toEqual([{ synchronous_commit: "off" }]);
    expect(await d.transaction((tx) => setting(tx))).toEqual([{ synchronous_commit: "on" }]);
    expect(await setting(d.db)).toEqual([{ synchronous_commit: "on" }]);
    // No BEGIN before it (whose time now() would give): the statement is its own transaction.
    const [alone] = await d.writeRelaxed((handle) =>
      d.rows<{ alone: boolean }>(handle, sql`SELECT now() = statement_timestamp() AS alone`),
    );
    expect(alone).toEqual({ alone: true });
    await d.writeRelaxed((handle) => handle.insert(d.tables.rateLimits).values({ key: "counter", count: 1, windowStart: NOW }));
    expect(await d.db.select({ key: d.tables.rateLimits.key }).from(d.tables.rateLimits)).toEqual([{ key: "counter" }]);
  });
});

describe("connection failures", () => {
  // Refused at once: well before the pool's 5 s connect timeout, which would otherwise end it.
  it("rejects an unreachable server with a connection failure, and no password in the message", { timeout: 4000 }, async () => {
    const err = await failureOf(openDatabase("postgres://postgres:s3cret-pw@127.0.0.1:1/latchkey"));
    expect(isConnectionFailure(err)).toBe(true);
    expect(String(err)).not.toContain("s3cret-pw");
  });

  it("reports an idle connection that died to onPoolError, and keeps working", async () => {
    const errors: Error[] = [];
    const { scratch, d } = await open("idle-dies", { onPoolError: (err) => errors.push(err) });
    const pid = await pidOf(d, d.db); // now idle in the pool
    await terminate(scratch.url, pid);
    await until(() => errors.length > 0, "the pool to report the dead connection");
    expect(isConnectionFailure(errors[0])).toBe(true);
    await d.transaction((tx) => tx.insert(d.tables.rateLimits).values({ key: "after", count: 1, windowStart: NOW }));
    expect(await pidOf(d, d.db)).not.toBe(pid);
  });

  it("fails a transaction whose connection dies, without crashing, and runs the next on a new one", async () => {
    const { scratch, d } = await open("busy-dies");
    let pid = 0;
    const err = await failureOf(
      d.transaction(async (tx) => {
        pid = await pidOf(d, tx);
        await terminate(scratch.url, pid);
        // Let the termination arrive while no query is running on the connection.
        await until(
          async () => (await d.rows(d.db, sql`SELECT 1 FROM pg_stat_activity WHERE pid = ${pid}`)).length === 0,
          "the backend to end",
        );
        await tx.insert(d.tables.rateLimits).values({ key: "lost", count: 1, windowStart: NOW });
      }),
    );
    expect(isConnectionFailure(err)).toBe(true);
    await d.transaction((tx) => tx.insert(d.tables.rateLimits).values({ key: "after", count: 1, windowStart: NOW }));
    expect(await d.db.select({ key: d.tables.rateLimits.key }).from(d.tables.rateLimits)).toEqual([{ key: "after" }]);
  });
});

interface PlanNode {
  "Node Type": string;
  "Index Name"?: string;
  "Relation Name"?: string;
  "Actual Rows": number;
  "Actual Loops": number;
  "Rows Removed by Filter"?: number;
  "Rows Removed by Index Recheck"?: number;
  Plans?: PlanNode[];
}
const nodesOf = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodesOf)];

describe("employee search", () => {
  it("finds a few matches in one organization without touching another's many (the gram index)", async () => {
    const { d } = await open("search-scale");
    const t = d.tables;
    const [mine, crowded] = [orgRow("mine"), orgRow("crowded")];
    await d.transaction(async (tx) => {
      await tx.insert(t.organizations).values([mine, crowded]);
      // Many rows of our own that do not match, so scanning the organization would cost too.
      await d.bulkInsert(
        tx,
        "employees",
        Array.from({ length: 2000 }, (_, i) => employeeRow(mine.guid, `Staff ${i}`)),
      );
      await d.bulkInsert(
        tx,
        "employees",
        Array.from({ length: 5 }, (_, i) => employeeRow(mine.guid, `Pat Quimby ${i}`)),
      );
      await d.bulkInsert(
        tx,
        "employees",
        Array.from({ length: 20_000 }, (_, i) => employeeRow(crowded.guid, `Quimby Clone ${i}`)),
      );
    });
    await d.rows(d.db, sql`ANALYZE employees`); // the planner sees the data as a long-running server would

    // The query exactly as searchEmployees sends it, captured from drizzle's logger.
    const sent: { query: string; params: unknown[] }[] = [];
    const logged = Object.assign(drizzle(d.pool, { logger: { logQuery: (query, params) => sent.push({ query, params }) } }), {
      tables: t,
    }) as unknown as Db;
    const found = await d.searchEmployees(logged, { orgGuid: mine.guid, where: [], term: "QUIMBY", afterId: null, limit: 50 });
    expect(found.map((e) => e.displayName)).toEqual([0, 1, 2, 3, 4].map((i) => `Pat Quimby ${i}`));
    // Where the walk ends, the walk (our first 1,000 rows: no match), then the index past it.
    expect(sent).toHaveLength(3);
    const plan = async (i: number) => {
      const { rows } = await d.pool.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) ${sent[i]!.query}`,
        sent[i]!.params,
      );
      return nodesOf(rows[0]!["QUERY PLAN"][0].Plan);
    };
    const touched = (n: PlanNode) =>
      n["Actual Rows"] * n["Actual Loops"] + (n["Rows Removed by Filter"] ?? 0) + (n["Rows Removed by Index Recheck"] ?? 0);
    for (const n of [...(await plan(0)), ...(await plan(1))]) {
      expect(n["Node Type"]).not.toBe("Seq Scan");
      expect(touched(n), `${n["Node Type"]} ${n["Index Name"] ?? ""}`).toBeLessThanOrEqual(1_000);
    }
    const nodes = await plan(2);
    expect(nodes.map((n) => n["Index Name"]).filter(Boolean)).toContain("employees_search_grams_idx");
    expect(nodes.filter((n) => n["Node Type"] === "Seq Scan")).toEqual([]);
    // Every node handles about our 5 rows: the 20,000 matches of the other organization never enter.
    for (const n of nodes) {
      expect(touched(n), `${n["Node Type"]} ${n["Index Name"] ?? ""}`).toBeLessThanOrEqual(50);
    }

    // A common term fills its page from the rows read in id order: the index, which would read
    // and sort all 2,000 matches for a page of 50, is not asked.
    sent.length = 0;
    const common = await d.searchEmployees(logged, { orgGuid: mine.guid, where: [], term: "staff", afterId: null, limit: 50 });
    expect(common.map((e) => e.displayName)).toEqual(Array.from({ length: 50 }, (_, i) => `Staff ${i}`));
    expect(sent).toHaveLength(2);
    for (const n of await plan(1)) expect(touched(n), `${n["Node Type"]} ${n["Index Name"] ?? ""}`).toBeLessThanOrEqual(50);
  });
});
