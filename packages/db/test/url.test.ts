// DATABASE_URL picks the backend; a value it cannot use must be refused with a message that says
// what is accepted, never silently become some other database.
import { describe, expect, it } from "vitest";
import { DEFAULT_DATABASE_URL, DatabaseUrlError, parseDatabaseUrl, redactedUrl, sqlitePathOf } from "../src";

describe("parseDatabaseUrl", () => {
  it("takes postgres:// and postgresql:// URLs as they are", () => {
    for (const url of [
      "postgres://lk:pw@db.internal:5432/latchkey",
      "postgresql://lk@127.0.0.1/latchkey?sslmode=require",
      "POSTGRES://h/db",
    ])
      expect(parseDatabaseUrl(url)).toEqual({ dialect: "postgres", url });
    expect(parseDatabaseUrl("  postgres://h/db \n")).toEqual({ dialect: "postgres", url: "postgres://h/db" });
  });

  it("refuses a postgres URL that does not parse", () => {
    expect(() => parseDatabaseUrl("postgres://h:99999999/db")).toThrow(DatabaseUrlError);
    expect(() => parseDatabaseUrl("postgres://h:99999999/db")).toThrow(/not a valid postgres:\/\/ URL/);
  });

  it("takes file: and plain paths as a SQLite file, relative to the working directory", () => {
    expect(parseDatabaseUrl("file:./data/latchkey.db", "/srv/lk")).toEqual({ dialect: "sqlite", path: "/srv/lk/data/latchkey.db" });
    expect(parseDatabaseUrl("file:/var/lib/lk.db", "/srv/lk")).toEqual({ dialect: "sqlite", path: "/var/lib/lk.db" });
    expect(parseDatabaseUrl("data/lk.db", "/srv/lk")).toEqual({ dialect: "sqlite", path: "/srv/lk/data/lk.db" });
    expect(parseDatabaseUrl("/var/lib/lk.db", "/srv/lk")).toEqual({ dialect: "sqlite", path: "/var/lib/lk.db" });
    expect(parseDatabaseUrl(DEFAULT_DATABASE_URL, "/srv/lk")).toEqual({ dialect: "sqlite", path: "/srv/lk/data/latchkey.db" });
    expect(sqlitePathOf("file:x.db", "/srv")).toBe("/srv/x.db");
    expect(sqlitePathOf("postgres://h/db")).toBeNull();
  });

  it("refuses an in-memory database, which the server's two connections could not share", () => {
    for (const url of [":memory:", "file::memory:"]) expect(() => parseDatabaseUrl(url)).toThrow(/:memory: is not supported/);
  });

  it("refuses an empty value and other schemes", () => {
    for (const url of ["", "   ", "file:"]) expect(() => parseDatabaseUrl(url)).toThrow(DatabaseUrlError);
    for (const url of ["mysql://root@h/db", "sqlite://data.db", "https://example.org/db", "file:///var/lib/lk.db"])
      expect(() => parseDatabaseUrl(url)).toThrow(/must be postgres:\/\/…, postgresql:\/\/…, file:path or a plain file path/);
  });
});

describe("redactedUrl", () => {
  it("hides the password and keeps the rest", () => {
    const shown = redactedUrl("postgres://latchkey:hunter2-secret@db.internal:5432/latchkey?sslmode=require");
    expect(shown).toBe("postgres://latchkey:***@db.internal:5432/latchkey?sslmode=require");
    expect(shown).not.toContain("hunter2");
    expect(redactedUrl("postgres://latchkey@db.internal/latchkey")).toBe("postgres://latchkey@db.internal/latchkey");
  });

  it("shows nothing of a value it cannot parse", () => {
    expect(redactedUrl("postgres://u:pw@h:99999999/db")).toBe("postgres://…");
  });
});
