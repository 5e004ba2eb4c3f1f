// Outlets and workplaces page in name order (then guid), with the last guid as the cursor, and
// leave archived rows out unless asked; a cursor from another organization gives an empty page,
// like a cursor past the end.
import { describe, expect, it } from "vitest";
import { createHarness, seedOrg } from "./harness";

const h = createHarness();

describe("outlet and workplace lists", () => {
  it("page through every row in name order", async () => {
    const a = await seedOrg(h, "Names");
    const api = h.asToken(a.adminToken);
    // Created out of order, with a duplicate name: the guid breaks the tie.
    const names = ["Kiosk", "Airport", "Mall", "Bakery", "Zoo", "Mall", "Harbour"];
    const outlets = [];
    for (const name of names) outlets.push(await api.outlets.create({ name }));
    for (const [i, name] of ["Till 9", "Till 1", "Till 5", "Till 1", "Till 3"].entries())
      await api.workplaces.create({ outletGuid: outlets[i % 2]!.guid, name });

    const collect = async <T extends { guid: string; name: string }>(
      list: (cursor?: string) => Promise<{ items: T[]; nextCursor: string | null }>,
    ) => {
      const pages: T[][] = [];
      let cursor: string | undefined;
      do {
        const p = await list(cursor);
        pages.push(p.items);
        cursor = p.nextCursor ?? undefined;
      } while (cursor);
      return pages;
    };
    const outletPages = await collect((cursor) => api.outlets.list({ limit: 3, ...(cursor ? { cursor } : {}) }));
    expect(outletPages.map((p) => p.length)).toEqual([3, 3, 1]);
    const seen = outletPages.flat();
    expect(seen.map((o) => o.name)).toEqual([...names].sort());
    expect(new Set(seen.map((o) => o.guid)).size).toBe(names.length);
    const malls = seen.filter((o) => o.name === "Mall").map((o) => o.guid);
    expect(malls).toEqual([...malls].sort());

    const workplacePages = await collect((cursor) => api.workplaces.list({ limit: 2, ...(cursor ? { cursor } : {}) }));
    expect(workplacePages.flat().map((w) => w.name)).toEqual(["Till 1", "Till 1", "Till 3", "Till 5", "Till 9"]);

    // Archived rows stay out of a page (so it holds `limit` usable rows) unless asked for.
    const zoo = seen.find((o) => o.name === "Zoo")!;
    await api.outlets.archive({ guid: zoo.guid });
    const firstTill = workplacePages.flat()[0]!;
    await api.workplaces.archive({ guid: firstTill.guid });
    expect((await api.outlets.list({ limit: 100 })).items.map((o) => o.name)).not.toContain("Zoo");
    expect((await api.outlets.list({ limit: 100, includeArchived: true })).items.map((o) => o.name)).toContain("Zoo");
    expect((await api.workplaces.list({ limit: 100 })).items.map((w) => w.guid)).not.toContain(firstTill.guid);
    expect((await api.workplaces.list({ limit: 100, includeArchived: true })).items.map((w) => w.guid)).toContain(firstTill.guid);

    // Another organization's cursor: an empty page, no hint that the row exists.
    const b = await seedOrg(h, "Elsewhere");
    const foreign = await h.asToken(b.adminToken).outlets.create({ name: "Aardvark" });
    expect(await api.outlets.list({ cursor: foreign.guid })).toEqual({ items: [], nextCursor: null });
  });
});
