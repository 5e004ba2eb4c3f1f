// Employee search answers the same on SQLite and PostgreSQL, whichever way each finds the rows:
// SQLite scans a small organization's rows and walks its FTS5 trigram index for a large one;
// PostgreSQL uses its per-organization gram index for terms of 3+ characters and scans the
// organization otherwise. So every expectation runs in a small and in a large organization, and
// a third organization holds the very same people, whom no search of the first two may return.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, openDatabase, type Database, type Dialect, type Employee, type SQL } from "../src";
import { SMALL_ORG } from "../src/sqlite/searchSqlite";
import { createScratchDatabase, type ScratchDatabase } from "../src/testing";
import { employeeRow, orgRow } from "./fixtures";

// Chosen so that a LIKE wildcard, a lost case fold or a leaked organization changes a result.
const PEOPLE = [
  { name: "Alice Smith", email: "alice.smith@example.org", username: "asmith", phone: "+447000000001" },
  { name: "Bob Jones", email: "bob_jones@example.org", username: "bob_j", phone: "+447000000002" },
  { name: "Carol 100% Real", email: "carol@example.com", username: "carol\\admin" },
  { name: "Dave Alison", email: "dave@example.net", phone: "+15550001" },
] as const;
type Name = (typeof PEOPLE)[number]["name"];

// Fillers for the large organization: nothing any search below looks for ("Filler 0042", f42@big.test).
const FILLERS = SMALL_ORG + 100;

describe.each(["sqlite", "postgres"] as const)("%s", (dialect: Dialect) => {
  let scratch: ScratchDatabase;
  let d: Database;
  const orgs = { small: "", large: "", other: "" };
  const ids = new Map<string, Map<Name, number>>();

  beforeAll(async () => {
    scratch = await createScratchDatabase(dialect, "search");
    d = await openDatabase(scratch.url);
    const t = d.tables;
    await d.transaction(async (tx) => {
      for (const key of ["small", "large", "other"] as const) {
        const org = orgRow(`search-${key}`);
        orgs[key] = org.guid;
        await tx.insert(t.organizations).values(org);
      }
      await d.bulkInsert(
        tx,
        "employees",
        Array.from({ length: FILLERS }, (_, i) =>
          employeeRow(orgs.large, `Filler ${String(i).padStart(4, "0")}`, { email: `f${i}@big.test` }),
        ),
      );
      // The other organization's people come first, so their ids are below: keyset pages start past them.
      for (const key of ["other", "small", "large"] as const) {
        const byName = new Map<Name, number>();
        for (const p of PEOPLE) {
          const [row] = await tx
            .insert(t.employees)
            .values(
              employeeRow(orgs[key], p.name, {
                email: p.email,
                ...("username" in p ? { username: p.username } : {}),
                ...("phone" in p ? { phone: p.phone } : {}),
              }),
            )
            .returning({ id: t.employees.id });
          byName.set(p.name, row!.id);
        }
        ids.set(key, byName);
      }
      await tx.update(t.employees).set({ role: "admin" }).where(eq(t.employees.displayName, "Dave Alison"));
    });
  });

  afterAll(async () => {
    await d?.close();
    await scratch?.drop();
  });

  describe.each(["small", "large"] as const)("in a %s organization", (size) => {
    const search = (term: string, more: { afterId?: number | null; limit?: number; where?: SQL[] } = {}): Promise<Employee[]> =>
      d.searchEmployees(d.db, {
        orgGuid: orgs[size],
        where: more.where ?? [],
        term,
        afterId: more.afterId ?? null,
        limit: more.limit ?? 50,
      });
    const names = async (term: string) => {
      const found = await search(term);
      // Tenancy: never a row of another organization, whatever matched there.
      for (const e of found) expect(e.orgGuid).toBe(orgs[size]);
      return found.map((e) => e.displayName);
    };

    it("matches a substring of the name, email, username or phone, ignoring case", async () => {
      expect(await names("ALICE")).toEqual(["Alice Smith"]);
      expect(await names("ali")).toEqual(["Alice Smith", "Dave Alison"]);
      expect(await names("SmItH")).toEqual(["Alice Smith"]);
      expect(await names("EXAMPLE.ORG")).toEqual(["Alice Smith", "Bob Jones"]);
      expect(await names("bob_j")).toEqual(["Bob Jones"]);
      expect(await names("+4470")).toEqual(["Alice Smith", "Bob Jones"]);
      expect(await names("5550001")).toEqual(["Dave Alison"]);
      expect(await names("nobody-has-this")).toEqual([]);
    });

    it("matches terms of one and two characters", async () => {
      expect(await names("J")).toEqual(["Bob Jones"]);
      expect(await names("LI")).toEqual(["Alice Smith", "Dave Alison"]);
      expect(await names("%")).toEqual(["Carol 100% Real"]);
    });

    it("takes LIKE's wildcards and escape character literally", async () => {
      expect(await names("_")).toEqual(["Bob Jones"]);
      expect(await names("\\")).toEqual(["Carol 100% Real"]);
      expect(await names("100%")).toEqual(["Carol 100% Real"]);
      expect(await names("l\\a")).toEqual(["Carol 100% Real"]);
      // As patterns these would match nearly everyone.
      expect(await names("s_ith")).toEqual([]);
      expect(await names("%%%")).toEqual([]);
      expect(await names("a%e")).toEqual([]);
      expect(await names('"smith"')).toEqual([]);
    });

    it("answers a term holding NUL with nothing, without an error", async () => {
      expect(await names("\u0000")).toEqual([]);
      expect(await names("ali\u0000ce")).toEqual([]);
    });

    it("pages by id (keyset) and honours the limit and extra conditions", async () => {
      const mine = ids.get(size)!;
      const first = await search("example", { limit: 3 });
      expect(first.map((e) => e.displayName)).toEqual(["Alice Smith", "Bob Jones", "Carol 100% Real"]);
      const second = await search("example", { limit: 3, afterId: first.at(-1)!.id });
      expect(second.map((e) => e.id)).toEqual([mine.get("Dave Alison")]);
      expect(await search("example", { limit: 3, afterId: second[0]!.id })).toEqual([]);
      // A cursor below every row of the organization (the other org's ids) starts at its first row.
      expect((await search("example", { limit: 1, afterId: ids.get("other")!.get("Dave Alison")! })).map((e) => e.id)).toEqual([
        mine.get("Alice Smith"),
      ]);
      const admins = await search("example", { where: [eq(d.tables.employees.role, "admin")] });
      expect(admins.map((e) => e.displayName)).toEqual(["Dave Alison"]);
    });
  });

  it("finds the large organization's own rows, and pages through many matches", async () => {
    const page1 = await d.searchEmployees(d.db, { orgGuid: orgs.large, where: [], term: "FILLER 00", afterId: null, limit: 60 });
    expect(page1.map((e) => e.displayName)).toEqual(Array.from({ length: 60 }, (_, i) => `Filler ${String(i).padStart(4, "0")}`));
    const page2 = await d.searchEmployees(d.db, {
      orgGuid: orgs.large,
      where: [],
      term: "FILLER 00",
      afterId: page1.at(-1)!.id,
      limit: 60,
    });
    expect(page2.map((e) => e.displayName)).toEqual(Array.from({ length: 40 }, (_, i) => `Filler ${String(60 + i).padStart(4, "0")}`));
    expect(await d.searchEmployees(d.db, { orgGuid: orgs.small, where: [], term: "filler", afterId: null, limit: 10 })).toEqual([]);
  });

  // f99@, f199@ … f2099@: one row in a hundred, early and late in the organization. On PostgreSQL
  // a page is read from the rows in id order first and completed from the index past them.
  const sparse = Array.from({ length: 21 }, (_, i) => `Filler ${String(i * 100 + 99).padStart(4, "0")}`);

  it("pages through sparse matches in id order, whatever finds them", async () => {
    const search = (afterId: number | null, limit: number) =>
      d.searchEmployees(d.db, { orgGuid: orgs.large, where: [], term: "99@BIG", afterId, limit });
    expect((await search(null, 50)).map((e) => e.displayName)).toEqual(sparse);
    const paged: Employee[] = [];
    for (let afterId: number | null = null; ;) {
      const page = await search(afterId, 4);
      paged.push(...page);
      if (page.length < 4) break;
      afterId = page.at(-1)!.id;
    }
    expect(paged.map((e) => e.displayName)).toEqual(sparse);
  });

  it("counts a search's matches up to a limit", async () => {
    const count = (orgGuid: string, term: string, upTo: number, where: SQL[] = []) =>
      d.countEmployeeMatches(d.db, { orgGuid, where, term, upTo });
    expect(await count(orgs.large, "99@big", 100)).toBe(sparse.length);
    expect(await count(orgs.large, "99@big", 5)).toBe(5);
    expect(await count(orgs.large, "filler", 1_000)).toBe(1_000);
    expect(await count(orgs.small, "ALI", 10)).toBe(2);
    expect(await count(orgs.small, "li", 10)).toBe(2);
    expect(await count(orgs.small, "example", 10, [eq(d.tables.employees.role, "admin")])).toBe(1);
    expect(await count(orgs.small, "filler", 10)).toBe(0);
    expect(await count(orgs.small, "ali\u0000ce", 10)).toBe(0);
  });
});
