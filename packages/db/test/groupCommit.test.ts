// Group commit: the transactions of one event-loop turn become durable together, each still
// all-or-nothing, and nobody is told "durable" before the COMMIT that makes it so succeeded.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type GroupCommitObserver } from "../src";

const dir = mkdtempSync(join(tmpdir(), "latchkey-group-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function setup(observer?: GroupCommitObserver) {
  const path = join(dir, `g${++n}.db`);
  const d = openDatabase(`file:${path}`, { groupCommit: true, ...(observer ? { groupCommitObserver: observer } : {}) });
  d.sqlite.exec(`
    CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
    CREATE TABLE parents (id INTEGER PRIMARY KEY);
    CREATE TABLE children (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES parents(id) DEFERRABLE INITIALLY DEFERRED);
  `);
  // Another connection sees only what is committed, as another process would.
  const other = new Database(path, { readonly: true });
  const names = () => (other.prepare("SELECT name FROM items ORDER BY id").all() as { name: string }[]).map((r) => r.name);
  const insert = d.sqlite.transaction((name: string) => d.sqlite.prepare("INSERT INTO items (name) VALUES (?)").run(name));
  return { d, other, names, insert };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe("group commit", () => {
  it("commits the transactions of one turn together, after the turn", async () => {
    const { d, other, names, insert } = setup();
    insert.immediate("a");
    const first = d.durable();
    insert("b");
    const second = d.durable();
    expect(d.sqlite.inTransaction).toBe(true);
    expect(names()).toEqual([]); // not committed yet: nothing may have been reported durable
    await Promise.all([first, second]);
    expect(names()).toEqual(["a", "b"]);
    expect(d.sqlite.inTransaction).toBe(false);
    // With no group open, durability is immediate.
    await expect(d.durable()).resolves.toBeUndefined();
    other.close();
    d.close();
  });

  it("rolls back only the failed transaction of a group", async () => {
    const { d, other, names, insert } = setup();
    insert("a");
    expect(() => insert("a")).toThrow(/UNIQUE/);
    insert("c");
    await d.durable();
    expect(names()).toEqual(["a", "c"]);
    other.close();
    d.close();
  });

  it("tells every operation of the group when its COMMIT fails, and keeps none of its writes", async () => {
    const { d, other, names, insert } = setup();
    insert("kept-only-if-the-group-commits");
    const first = d.durable();
    // A deferred foreign key is checked at COMMIT only: this makes the group's COMMIT fail.
    d.sqlite.transaction(() => d.sqlite.prepare("INSERT INTO children (parent) VALUES (42)").run())();
    const second = d.durable();
    await expect(first).rejects.toThrow(/FOREIGN KEY/);
    await expect(second).rejects.toThrow(/FOREIGN KEY/);
    expect(names()).toEqual([]);
    expect(d.sqlite.inTransaction).toBe(false);
    // The next turn starts a fresh group.
    await nextTurn();
    insert("after");
    await d.durable();
    expect(names()).toEqual(["after"]);
    other.close();
    d.close();
  });

  it("tells its observer each group's size in top-level transactions, and which groups failed", async () => {
    const seen: string[] = [];
    const { d, other, insert } = setup({
      committed: (transactions, seconds) => seen.push(`committed ${transactions} ${seconds >= 0 && seconds < 60}`),
      failed: (transactions) => seen.push(`failed ${transactions}`),
    });
    insert("a");
    // A transaction inside another is a savepoint of it, not a member of the group.
    d.sqlite.transaction(() => insert("b"))();
    expect(() => insert("a")).toThrow(/UNIQUE/);
    await d.durable();
    insert("c");
    d.sqlite.transaction(() => d.sqlite.prepare("INSERT INTO children (parent) VALUES (42)").run())();
    await expect(d.durable()).rejects.toThrow(/FOREIGN KEY/);
    expect(seen).toEqual(["committed 3 true", "failed 2"]);
    other.close();
    d.close();
  });

  it("commits an open group when the database is closed", () => {
    const { d, other, names, insert } = setup();
    insert("written-just-before-shutdown");
    d.close();
    expect(names()).toEqual(["written-just-before-shutdown"]);
    other.close();
  });

  it("leaves a database opened without it committing each transaction at once", () => {
    const d = openDatabase(`file:${join(dir, "plain.db")}`);
    d.sqlite.exec("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT)");
    d.sqlite.transaction(() => d.sqlite.prepare("INSERT INTO items (name) VALUES ('x')").run())();
    expect(d.sqlite.inTransaction).toBe(false);
    d.close();
  });
});
