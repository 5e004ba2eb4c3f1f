// The connection's statement cache and the fsync-free counter write (src/client.ts).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { eq, migrate, openDatabase, rateLimits, sql, writeWithoutFsync } from "../src";

const dir = mkdtempSync(join(tmpdir(), "latchkey-db-test-"));
const database = openDatabase(`file:${join(dir, "t.db")}`);
migrate(database.db);
afterAll(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("openDatabase", () => {
  it("reuses statements and gives each caller the row shape it asks for", () => {
    const { db, sqlite } = database;
    expect(sqlite.prepare("SELECT 1 AS one")).toBe(sqlite.prepare("SELECT 1 AS one"));
    db.insert(rateLimits).values({ key: "k", count: 1, windowStart: 5 }).run();
    // A typed select switches its statement to array rows; the same SQL asked for as objects still gets objects.
    const typed = db.select().from(rateLimits).where(eq(rateLimits.key, "k")).get();
    expect(typed).toEqual({ key: "k", count: 1, windowStart: 5, blockedUntil: null });
    const query = db.select().from(rateLimits).where(eq(rateLimits.key, "k")).toSQL().sql;
    expect(sqlite.prepare(query).get("k")).toMatchObject({ key: "k", count: 1 });
    expect(db.all(sql`SELECT count(*) AS n FROM rate_limits`)).toEqual([{ n: 1 }]);
  });

  it("writes a counter without its own fsync and restores the durability setting", () => {
    const { db, sqlite } = database;
    expect(sqlite.pragma("synchronous", { simple: true })).toBe(2);
    writeWithoutFsync(database, () => {
      expect(sqlite.pragma("synchronous", { simple: true })).toBe(1);
      db.insert(rateLimits).values({ key: "c", count: 1, windowStart: 1 }).run();
    });
    expect(sqlite.pragma("synchronous", { simple: true })).toBe(2);
    expect(() =>
      writeWithoutFsync(database, () => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(sqlite.pragma("synchronous", { simple: true })).toBe(2);
    expect(db.select().from(rateLimits).where(eq(rateLimits.key, "c")).get()?.count).toBe(1);
  });
});
