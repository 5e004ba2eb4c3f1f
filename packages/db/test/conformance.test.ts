// The same checks on SQLite and PostgreSQL: the core writes each query once, so both databases
// must accept it and answer with the same JavaScript values. Expected values are literals, so
// one dialect drifting (a bigint as a string, a flag as 0/1) fails here.
import { describe, expect, it } from "vitest";
import { SchemaTooNewError, and, eq, isNull, openDatabase, sql, violatedUniqueIndex, type Database, type Dialect } from "../src";
import { DAY, NOW, employeeRow, execRaw, failureOf, openScratch, orgRow } from "./fixtures";

async function migrationRows(d: Database): Promise<number> {
  const table = d.dialect === "sqlite" ? sql`__drizzle_migrations` : sql`drizzle.__drizzle_migrations`;
  const [row] = await d.rows<{ n: number }>(d.db, sql`SELECT count(*) AS n FROM ${table}`);
  return Number(row!.n);
}

/** An organization with an outlet, a workplace and an employee: what an activation code points at. */
async function seedWorkplace(d: Database, alias: string) {
  const t = d.tables;
  return d.transaction(async (tx) => {
    const [org] = await tx.insert(t.organizations).values(orgRow(alias)).returning();
    const [emp] = await tx.insert(t.employees).values(employeeRow(org!.guid, "Wanda Place")).returning();
    const outlet = { guid: `${alias}-outlet`, orgGuid: org!.guid, name: "Shop", createdAt: NOW, updatedAt: NOW };
    await tx.insert(t.outlets).values(outlet);
    const workplace = { guid: `${alias}-wp`, orgGuid: org!.guid, outletGuid: outlet.guid, name: "Till 1", createdAt: NOW, updatedAt: NOW };
    await tx.insert(t.workplaces).values(workplace);
    return { orgGuid: org!.guid, employeeId: emp!.id, workplaceGuid: workplace.guid };
  });
}

describe.each(["sqlite", "postgres"] as const)("%s", (dialect: Dialect) => {
  it("applies its migrations once: opening again changes nothing", async () => {
    const { scratch, d } = await openScratch(dialect, "migrate");
    const first = await d.schemaStatus();
    expect(first.state).toBe("current");
    expect(first.applied).toBe(first.known);
    const t = d.tables;
    await d.transaction((tx) => tx.insert(t.organizations).values(orgRow("kept")));
    await d.close();

    const again = await openDatabase(scratch.url);
    try {
      expect(await again.schemaStatus()).toEqual(first);
      expect(await migrationRows(again)).toBe(first.known);
      expect((await again.db.select().from(t.organizations)).map((o) => o.alias)).toEqual(["kept"]);
    } finally {
      await again.close();
    }
  });

  it("refuses to open a database a newer version migrated", async () => {
    const { scratch, d } = await openScratch(dialect, "ahead");
    const status = await d.schemaStatus();
    // What a newer version leaves behind: one more migration row, created after our newest.
    const table = dialect === "sqlite" ? "__drizzle_migrations" : "drizzle.__drizzle_migrations";
    await execRaw(d, `INSERT INTO ${table} (hash, created_at) VALUES ('from-the-future', 4102444800000)`);
    expect(await d.schemaStatus()).toMatchObject({ state: "ahead", applied: status.known + 1, known: status.known });
    await d.close();
    const refusal = await failureOf(openDatabase(scratch.url));
    expect(refusal).toBeInstanceOf(SchemaTooNewError);
    expect(String(refusal)).toMatch(/newer version of Latchkey/);
  });

  it("gives the same JavaScript values for insert, select, update … returning and upserts", async () => {
    const { d } = await openScratch(dialect, "types");
    const t = d.tables;
    const org = orgRow("typed");
    const inserted = await d.transaction(async (tx) => {
      const [o] = await tx.insert(t.organizations).values(org).returning();
      const [e] = await tx
        .insert(t.employees)
        .values(employeeRow(org.guid, "Tess Types", { email: "tess@example.org" }))
        .returning();
      return { o: o!, e: e! };
    });
    expect(inserted.o).toMatchObject({ guid: org.guid, archived: false, system: false, passwordMinLength: 12, createdAt: NOW });
    expect(inserted.e).toMatchObject({
      role: "employee",
      status: "active",
      instanceAdmin: false,
      passwordHash: null,
      sequence: 1,
      createdAt: NOW,
    });
    expect(typeof inserted.e.id).toBe("number");

    const [selected] = await d.db.select().from(t.employees).where(eq(t.employees.id, inserted.e.id));
    expect(selected).toEqual(inserted.e);

    const updated = await d.transaction((tx) =>
      tx
        .update(t.employees)
        .set({ passwordChangeRequired: true, lockedUntil: NOW + DAY, sequence: sql`${t.employees.sequence} + 1` })
        .where(eq(t.employees.id, inserted.e.id))
        .returning({
          id: t.employees.id,
          flag: t.employees.passwordChangeRequired,
          lockedUntil: t.employees.lockedUntil,
          sequence: t.employees.sequence,
        }),
    );
    expect(updated).toEqual([{ id: inserted.e.id, flag: true, lockedUntil: NOW + DAY, sequence: 2 }]);

    // The rate limiter's upsert: the first call inserts, the next ones count.
    const hit = () =>
      d.transaction((tx) =>
        tx
          .insert(t.rateLimits)
          .values({ key: "ip:1", count: 1, windowStart: NOW })
          .onConflictDoUpdate({ target: t.rateLimits.key, set: { count: sql`${t.rateLimits.count} + 1` } })
          .returning(),
      );
    expect(await hit()).toEqual([{ key: "ip:1", count: 1, windowStart: NOW, blockedUntil: null }]);
    expect(await hit()).toEqual([{ key: "ip:1", count: 2, windowStart: NOW, blockedUntil: null }]);
    const ignored = await d.transaction((tx) =>
      tx.insert(t.rateLimits).values({ key: "ip:1", count: 99, windowStart: 0 }).onConflictDoNothing().returning(),
    );
    expect(ignored).toEqual([]);
    const [kept] = await d.db.select({ count: t.rateLimits.count }).from(t.rateLimits);
    expect(kept).toEqual({ count: 2 });
  });

  it("rolls back everything a failed transaction wrote", async () => {
    const { d } = await openScratch(dialect, "rollback");
    const t = d.tables;
    const org = orgRow("gone");
    const boom = new Error("the operation failed");
    await expect(
      d.transaction(async (tx) => {
        await tx.insert(t.organizations).values(org);
        await tx.insert(t.employees).values(employeeRow(org.guid, "Never Was"));
        await tx.insert(t.auditEvents).values({ orgGuid: org.guid, actorType: "system", action: "x", outcome: "success", createdAt: NOW });
        throw boom;
      }),
    ).rejects.toBe(boom);
    for (const table of [t.organizations, t.employees, t.auditEvents, t.auditDailyCounts])
      expect(await d.db.select({ n: sql<number>`count(*)` }).from(table)).toEqual([{ n: 0 }]);
    // The connection is usable afterwards (no transaction left open on it).
    await d.transaction((tx) => tx.insert(t.organizations).values(org));
    expect(await d.db.select({ guid: t.organizations.guid }).from(t.organizations)).toEqual([{ guid: org.guid }]);
  });

  it("enforces foreign keys", async () => {
    const { d } = await openScratch(dialect, "fk");
    const t = d.tables;
    await failureOf(d.transaction((tx) => tx.insert(t.employees).values(employeeRow("no-such-org", "Orphan"))));
    expect(await d.db.select().from(t.employees)).toEqual([]);
  });

  it("names the violated unique index by its schema name", async () => {
    const { d } = await openScratch(dialect, "unique");
    const t = d.tables;
    const { orgGuid, employeeId, workplaceGuid } = await seedWorkplace(d, "uq");
    const insert = (row: Record<string, unknown>, table: keyof typeof t) =>
      failureOf(d.transaction((tx) => tx.insert(t[table] as typeof t.organizations).values(row as never)));

    await d.transaction((tx) =>
      tx.insert(t.employees).values(employeeRow(orgGuid, "Eve", { email: "eve@x.io", username: "eve", phone: "+1" })),
    );
    expect(violatedUniqueIndex(await insert(employeeRow(orgGuid, "Eve 2", { email: "eve@x.io" }), "employees"))).toBe(
      "employees_org_email_uq",
    );
    expect(violatedUniqueIndex(await insert(employeeRow(orgGuid, "Eve 3", { username: "eve" }), "employees"))).toBe(
      "employees_org_username_uq",
    );
    expect(violatedUniqueIndex(await insert(employeeRow(orgGuid, "Eve 4", { phone: "+1" }), "employees"))).toBe("employees_org_phone_uq");
    // The alias is unique whatever its case (an expression index on lower(alias)).
    expect(violatedUniqueIndex(await insert(orgRow("UQ"), "organizations"))).toBe("organizations_alias_uq");

    const code = { orgGuid, workplaceGuid, employeeId, codeHash: "h1", createdAt: NOW, expiresAt: NOW + DAY };
    const [first] = await d.transaction((tx) => tx.insert(t.activationCodes).values(code).returning());
    // The same live hash for another workplace (another seeded one) is refused by the hash index.
    const other = await seedWorkplace(d, "uq2");
    expect(violatedUniqueIndex(await insert({ ...code, ...other }, "activationCodes"))).toBe("activation_codes_open_hash_uq");
    // Only open codes are unique: once the first is consumed the same hash may be issued again.
    await d.transaction((tx) => tx.update(t.activationCodes).set({ consumedAt: NOW }).where(eq(t.activationCodes.id, first!.id)));
    await d.transaction((tx) => tx.insert(t.activationCodes).values(code));
    const open = await d.db
      .select({ id: t.activationCodes.id })
      .from(t.activationCodes)
      .where(and(eq(t.activationCodes.codeHash, "h1"), isNull(t.activationCodes.consumedAt)));
    expect(open).toHaveLength(1);
    // One open code per workplace: a second open code for it (another hash) is refused.
    expect(violatedUniqueIndex(await insert({ ...code, codeHash: "h2" }, "activationCodes"))).toBe("activation_codes_open_workplace_uq");
    // Not a unique violation at all: null, so callers rethrow it.
    expect(violatedUniqueIndex(await failureOf(d.transaction((tx) => tx.insert(t.employees).values(employeeRow("nope", "X")))))).toBeNull();
  });

  it("keeps audit_daily_counts equal to the log, with its id bounds, and rolls them back with their event", async () => {
    const { d } = await openScratch(dialect, "daily", { poolSize: 4 });
    const t = d.tables;
    const event = (orgGuid: string | null, action: string, outcome: "success" | "failure", createdAt: number) => ({
      orgGuid,
      actorType: "system" as const,
      action,
      outcome,
      createdAt,
    });
    const t0 = 20_000 * DAY;
    // Concurrent transactions: on PostgreSQL they run on different backends, i.e. different shards.
    await Promise.all(
      [0, 1, 2, 3].map((i) =>
        d.transaction((tx) =>
          tx
            .insert(t.auditEvents)
            .values([
              event("org-a", "auth.sign_in", "success", t0 + i),
              event("org-a", "auth.sign_in", "failure", t0 + DAY - 1),
              event("org-a", "auth.sign_in", "failure", t0 + DAY + i),
              event("org-b", "auth.sign_in", "success", t0 + 2 * DAY),
              event(null, "activation.activate", "failure", t0),
            ]),
        ),
      ),
    );
    await failureOf(
      d.transaction(async (tx) => {
        await tx.insert(t.auditEvents).values(event("org-a", "auth.sign_in", "success", t0));
        throw new Error("rolled back with its count");
      }),
    );
    // Sum the shards (PostgreSQL splits a bucket by backend; SQLite has one row per bucket).
    const counters = await d.rows(
      d.db,
      sql`SELECT org_guid, day, action, outcome, sum(count) AS count, min(min_id) AS min_id, max(max_id) AS max_id
          FROM audit_daily_counts GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    );
    const truth = await d.rows(
      d.db,
      sql`SELECT org_guid, created_at / 86400000 AS day, action, outcome, count(*) AS count, min(id) AS min_id, max(id) AS max_id
          FROM audit_events WHERE org_guid IS NOT NULL GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    );
    expect(counters).toEqual(truth);
    expect(counters.map((c) => (c as { count: number }).count)).toEqual([4, 4, 4, 4]);
    expect(counters[0]).toMatchObject({ org_guid: "org-a", day: 20_000, action: "auth.sign_in", outcome: "failure" });
  });

  it("bulk-inserts a few thousand rows, and the triggers follow", async () => {
    const { d } = await openScratch(dialect, "bulk");
    const t = d.tables;
    const org = orgRow("bulk");
    await d.transaction(async (tx) => {
      await tx.insert(t.organizations).values(org);
      await d.bulkInsert(
        tx,
        "employees",
        Array.from({ length: 3000 }, (_, i) => employeeRow(org.guid, `Bulk ${i}`, { email: `b${i}@bulk.test` })),
      );
      await d.bulkInsert(
        tx,
        "auditEvents",
        Array.from({ length: 2500 }, (_, i) => ({
          orgGuid: org.guid,
          actorType: "system",
          action: "seed",
          outcome: "success",
          createdAt: NOW + i,
        })),
      );
    });
    expect(await d.db.select({ n: sql<number>`count(*)` }).from(t.employees)).toEqual([{ n: 3000 }]);
    const [sum] = await d.rows<{ n: number }>(d.db, sql`SELECT sum(count) AS n FROM audit_daily_counts`);
    expect(Number(sum!.n)).toBe(2500);
    const found = await d.searchEmployees(d.db, { orgGuid: org.guid, where: [], term: "b2999@", afterId: null, limit: 5 });
    expect(found.map((e) => e.displayName)).toEqual(["Bulk 2999"]);
  });

  it("runs raw SQL, outside and inside a transaction, as plain objects keyed by column", async () => {
    const { d } = await openScratch(dialect, "rows");
    const t = d.tables;
    const org = orgRow("raw");
    const inside = await d.transaction(async (tx) => {
      await tx.insert(t.organizations).values(org);
      return d.rows(tx, sql`SELECT guid, alias, ${"bound"} AS param FROM organizations WHERE guid = ${org.guid}`);
    });
    expect(inside).toEqual([{ guid: org.guid, alias: "raw", param: "bound" }]);
    expect(await d.rows(d.db, sql`SELECT alias FROM organizations WHERE lower(alias) = ${"RAW".toLowerCase()}`)).toEqual([
      { alias: "raw" },
    ]);
    expect(await d.rows(d.db, sql`SELECT alias FROM organizations WHERE alias = ${"missing"}`)).toEqual([]);
  });

  it("runs named prepared statements with placeholders, repeatedly, on the pool and in a transaction", async () => {
    const { d } = await openScratch(dialect, "prepared");
    const t = d.tables;
    const byKey = d.db
      .select()
      .from(t.rateLimits)
      .where(eq(t.rateLimits.key, sql.placeholder("key")))
      .prepare("lk_test_x");
    await d.transaction(async (tx) => {
      const insert = tx
        .insert(t.rateLimits)
        .values({ key: sql.placeholder("key"), count: 1, windowStart: sql.placeholder("at") })
        .prepare("lk_test_insert");
      for (const key of ["a", "b", "c"]) await insert.execute({ key, at: NOW });
    });
    // More executions than the pool has connections: each connection prepares the name on first use.
    const results = await Promise.all(Array.from({ length: 12 }, () => byKey.execute({ key: "b" })));
    for (const r of results) expect(r).toEqual([{ key: "b", count: 1, windowStart: NOW, blockedUntil: null }]);
    expect(await byKey.execute({ key: "zzz" })).toEqual([]);
  });
});
