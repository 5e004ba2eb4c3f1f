// Date ranges bound the audit walk by the range's id span: exact even when the clock went back.
import { describe, expect, it } from "vitest";
import { codeOf, createHarness, seedOrg } from "./harness";

const h = createHarness();
const DAY = 86_400_000;

describe("audit.list with a date range", () => {
  it("returns exactly the events in the range, across pages, whatever order the clock gave them", async () => {
    const a = await seedOrg(h, "Ranges");
    const start = Date.UTC(2026, 5, 10, 12);
    const at = async (ms: number) => {
      h.clock.set(ms);
      await codeOf(h.signIn(a.owner.email, "wrong-password-here"));
    };
    // Day 10, then day 12, then (the clock stepped back) day 11 twice, then day 13.
    await at(start);
    await at(start + 2 * DAY);
    await at(start + DAY);
    await at(start + DAY + 1000);
    await at(start + 3 * DAY);
    const api = h.asToken(a.adminToken);
    const days = async (from: string, to: string) => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await api.audit.list({ action: "auth.sign_in", from, to, limit: 1, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((e) => e.createdAt.slice(0, 10)));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return seen;
    };
    expect(await days("2026-06-11", "2026-06-11")).toEqual(["2026-06-11", "2026-06-11"]);
    expect((await days("2026-06-11", "2026-06-12")).sort()).toEqual(["2026-06-11", "2026-06-11", "2026-06-12"]);
    expect(await days("2026-06-14", "2026-06-20")).toEqual([]);
    expect((await days("2026-06-01", "2026-06-30")).length).toBe(5);
  });

  it("pages a bare date range by time, newest first, exactly, across pages", async () => {
    const a = await seedOrg(h, "TimeWalk");
    const start = Date.UTC(2026, 7, 10, 12);
    const at = async (ms: number, password: string) => {
      h.clock.set(ms);
      await codeOf(h.signIn(a.owner.email, password));
    };
    // The clock steps back between the second and third event, as in the test above.
    await at(start, "wrong-password-here");
    await at(start + 2 * DAY, a.owner.password);
    await at(start + DAY, "wrong-password-here");
    await at(start + DAY + 1000, "wrong-password-here");
    await at(start + 3 * DAY, a.owner.password);
    const api = h.asToken(a.adminToken);
    const walk = async (filters: { from: string; to: string; outcome?: "success" | "failure" }) => {
      const seen: string[] = [];
      const cursors: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await api.audit.list({ ...filters, limit: 1, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.filter((e) => e.action === "auth.sign_in").map((e) => e.createdAt));
        cursor = page.nextCursor ?? undefined;
        if (cursor) cursors.push(cursor);
      } while (cursor);
      return { seen, cursors };
    };
    const all = await walk({ from: "2026-08-10", to: "2026-08-13" });
    const expected = [start + 3 * DAY, start + 2 * DAY, start + DAY + 1000, start + DAY, start].map((ms) => new Date(ms).toISOString());
    expect(all.seen).toEqual(expected);
    expect(all.cursors.every((c) => /^\d+\.\d+$/.test(c))).toBe(true);
    const failures = await walk({ from: "2026-08-11", to: "2026-08-11", outcome: "failure" });
    expect(failures.seen).toEqual([start + DAY + 1000, start + DAY].map((ms) => new Date(ms).toISOString()));
    // Another organization walking the same range sees its own events only.
    const b = await seedOrg(h, "TimeWalkOther");
    const theirs = await h.asToken(b.adminToken).audit.list({ from: "2026-08-10", to: "2026-08-13", limit: 100 });
    expect(theirs.items.length).toBeGreaterThan(0);
    expect(theirs.items.some((e) => e.action === "auth.sign_in" || e.targetId === a.owner.guid)).toBe(false);
  });
});
