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
});
