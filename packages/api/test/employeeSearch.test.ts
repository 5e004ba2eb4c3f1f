// employees.list search: substring of the display name, email, username or phone, case-
// insensitive, scoped to the organization, paged by id. Terms of 3+ characters go through the
// trigram index (packages/db/src/search.ts), shorter ones through LIKE: both must agree.
import { describe, expect, it } from "vitest";
import { eq } from "@latchkey/db";
import { createHarness, seedOrg } from "./harness";
import { testTables } from "@latchkey/db/testing";

const { employees } = testTables();

const h = createHarness();

async function world() {
  const a = await seedOrg(h, "Gamma");
  const b = await seedOrg(h, "Delta");
  const api = h.asToken(a.adminToken);
  const ivan = await api.employees.create({ displayName: "Ivan Petrov", email: "ivan.p@gamma.test", phone: "+79160000101" });
  const maria = await api.employees.create({ displayName: "Мария Иванова", username: "maria_iv" });
  const olga = await api.employees.create({ displayName: "Olga 100% Smirnova", email: "olga@gamma.test" });
  const other = await h.asToken(b.adminToken).employees.create({ displayName: "Ivan Otherorg", email: "ivan@delta.test" });
  return { api, ivan, maria, olga, other };
}

const guids = (r: { items: { guid: string }[] }) => r.items.map((e) => e.guid).sort();

describe("employee search", () => {
  it("finds substrings of every searched field, in any case, only in the organization", async () => {
    const { api, ivan, maria, olga, other } = await world();
    expect(guids(await api.employees.list({ search: "PETR" }))).toEqual([ivan.guid]);
    expect(guids(await api.employees.list({ search: "p@gamma" }))).toEqual([ivan.guid]);
    expect(guids(await api.employees.list({ search: "0000101" }))).toEqual([ivan.guid]);
    expect(guids(await api.employees.list({ search: "ria_i" }))).toEqual([maria.guid]);
    // Cyrillic folds case in the index as in JavaScript.
    expect(guids(await api.employees.list({ search: "ИВАН" }))).toEqual([maria.guid]);
    expect(guids(await api.employees.list({ search: "ivan" }))).toEqual([ivan.guid].sort());
    expect(guids(await api.employees.list({ search: "100%" }))).toEqual([olga.guid]);
    expect(guids(await api.employees.list({ search: '"ivan' }))).toEqual([]);
    expect(JSON.stringify(await api.employees.list({ search: "otherorg" }))).not.toContain(other.guid);
  });

  it("short terms (LIKE) and long terms (index) agree, and wildcards are plain characters", async () => {
    const { api, olga } = await world();
    expect(guids(await api.employees.list({ search: "0%" }))).toEqual([olga.guid]);
    expect(guids(await api.employees.list({ search: "%" }))).toEqual([olga.guid]);
    expect(guids(await api.employees.list({ search: "_" }))).toHaveLength(1);
    // FTS5 stops reading a query at NUL, so such a term takes the LIKE path instead of failing.
    await expect(api.employees.list({ search: "a\u0000bc" })).resolves.toBeDefined();
  });

  it("follows renames, archiving filters and keyset pages", async () => {
    const { api, ivan } = await world();
    await api.employees.update({ guid: ivan.guid, displayName: "Ivan Sidorov" });
    expect((await api.employees.list({ search: "petrov" })).items).toEqual([]);
    expect(guids(await api.employees.list({ search: "sidorov" }))).toEqual([ivan.guid]);
    await api.employees.archive({ guid: ivan.guid });
    expect((await api.employees.list({ search: "sidorov", status: "active" })).items).toEqual([]);
    expect(guids(await api.employees.list({ search: "sidorov", status: "archived" }))).toEqual([ivan.guid]);

    for (let i = 0; i < 5; i++) await api.employees.create({ displayName: `Pager Person ${i}`, username: `pager${i}` });
    const first = await api.employees.list({ search: "pager", limit: 2 });
    const second = await api.employees.list({ search: "pager", limit: 2, cursor: first.nextCursor! });
    const third = await api.employees.list({ search: "pager", limit: 2, cursor: second.nextCursor! });
    const names = [...first.items, ...second.items, ...third.items].map((e) => e.displayName);
    expect(names).toEqual([0, 1, 2, 3, 4].map((i) => `Pager Person ${i}`));
    expect(third.nextCursor).toBeNull();
  });

  it("the index follows rows written straight to the table", async () => {
    const { api, maria } = await world();
    await h.services.database.transaction((tx) =>
      tx.update(employees).set({ searchText: "renamed directly" }).where(eq(employees.guid, maria.guid)),
    );
    expect(guids(await api.employees.list({ search: "renamed dir" }))).toEqual([maria.guid]);
  });
});
