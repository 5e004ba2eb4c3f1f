import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { databasePath, migrate, openDatabase } from "../src";

const dir = mkdtempSync(join(tmpdir(), "latchkey-db-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("openDatabase", () => {
  it("creates the file and its folder with the durability pragmas", () => {
    const d = openDatabase(`file:${join(dir, "nested", "a.db")}`);
    expect(d.sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(d.sqlite.pragma("synchronous", { simple: true })).toBe(2); // FULL
    expect(d.sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(d.sqlite.pragma("busy_timeout", { simple: true })).toBe(5000);
    expect(statSync(join(dir, "nested", "a.db")).mode & 0o777).toBe(0o600);
    d.close();
  });

  it("applies the committed migrations once, and again is a no-op", () => {
    const d = openDatabase(`file:${join(dir, "b.db")}`);
    migrate(d.db);
    migrate(d.db);
    const tables = d.sqlite
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name",
      )
      .all()
      .map((r) => (r as { name: string }).name);
    expect(tables).toEqual(
      expect.arrayContaining([
        "activation_codes",
        "api_tokens",
        "audit_events",
        "employees",
        "idempotency_records",
        "organizations",
        "outbox_messages",
        "outlets",
        "password_history",
        "rate_limits",
        "reset_codes",
        "sessions",
        "workplaces",
      ]),
    );
    expect(d.sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
    d.close();
  });

  it("refuses a row that points at a missing organization (foreign keys are on)", () => {
    const d = openDatabase(`file:${join(dir, "c.db")}`);
    migrate(d.db);
    expect(() =>
      d.sqlite.prepare("INSERT INTO outlets (guid, org_guid, name, created_at, updated_at) VALUES ('o', 'missing', 'x', 0, 0)").run(),
    ).toThrow(/FOREIGN KEY/);
    d.close();
  });

  it("reads DATABASE_URL forms", () => {
    expect(databasePath("file:./data/x.db", "/srv")).toBe("/srv/data/x.db");
    expect(databasePath("/abs/y.db", "/srv")).toBe("/abs/y.db");
    expect(databasePath(":memory:")).toBe(":memory:");
    expect(() => databasePath("file:")).toThrow(/names no file/);
  });
});
