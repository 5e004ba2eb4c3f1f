import { sql } from "@latchkey/db";
import { describe, expect, it } from "vitest";
import { codeOf, consoleOf, createHarness, seedOrg } from "./harness";

const h = createHarness();

describe("audit log", () => {
  it("lists the org's events newest first, filters them and pages by id", async () => {
    const a = await seedOrg(h, "Audit");
    const b = await seedOrg(h, "Other");
    // Three failed sign-ins and one success for A's owner; one success for B's owner.
    for (let i = 0; i < 3; i++) await codeOf(h.signIn(a.owner.email, "wrong-password-here"));
    await h.signIn(a.owner.email, a.owner.password);
    await h.signIn(b.owner.email, b.owner.password);

    const api = h.asToken(a.adminToken);
    const all = await api.audit.list({ action: "auth.sign_in" });
    expect(all.items.map((e) => e.outcome)).toEqual(["success", "failure", "failure", "failure"]);
    expect(all.items.every((e) => e.targetId === a.owner.guid)).toBe(true);
    const ids = all.items.map((e) => e.id);
    expect([...ids].sort((x, y) => y - x)).toEqual(ids);

    const failures = await api.audit.list({ outcome: "failure" });
    expect(failures.items).toHaveLength(3);
    expect(failures.items[0]!.reason).toBe("WrongUsernameOrPassword");

    const p1 = await api.audit.list({ action: "auth.sign_in", limit: 3 });
    expect(p1.items).toHaveLength(3);
    expect(p1.nextCursor).not.toBeNull();
    const p2 = await api.audit.list({ action: "auth.sign_in", limit: 3, cursor: p1.nextCursor! });
    expect(p2.items.map((e) => e.id)).toEqual([ids[3]]);
    expect(p2.nextCursor).toBeNull();

    const byTarget = await api.audit.list({ targetId: b.owner.guid });
    expect(byTarget.items).toEqual([]);
    const otherOrg = await h.asToken(b.adminToken).audit.list({ action: "auth.sign_in" });
    expect(otherOrg.items.map((e) => e.targetId)).toEqual([b.owner.guid]);
  });

  it("filters by date and counts events per day", async () => {
    const a = await seedOrg(h, "Daily");
    const api = h.asToken(a.adminToken);
    const day0 = new Date(h.clock.now()).toISOString().slice(0, 10);
    await codeOf(h.signIn(a.owner.email, "wrong-password-here"));
    h.clock.advance(86_400_000);
    const day1 = new Date(h.clock.now()).toISOString().slice(0, 10);
    await h.signIn(a.owner.email, a.owner.password);
    await h.signIn(a.owner.email, a.owner.password);

    const onDay0 = await api.audit.list({ action: "auth.sign_in", from: day0, to: day0 });
    expect(onDay0.items.map((e) => e.outcome)).toEqual(["failure"]);
    const fromDay1 = await api.audit.list({ action: "auth.sign_in", from: day1 });
    expect(fromDay1.items).toHaveLength(2);

    const counts = await api.audit.dailyCounts({ action: "auth.sign_in", days: 3 });
    expect(counts).toHaveLength(3);
    expect(counts[1]).toEqual({ date: day0, success: 0, failure: 1, total: 1 });
    expect(counts[2]).toEqual({ date: day1, success: 2, failure: 0, total: 2 });
  });

  it("answers the chart from the day counters exactly as counting the log would, for every filter", async () => {
    const a = await seedOrg(h, "Chart");
    const b = await seedOrg(h, "Noise");
    const api = h.asToken(a.adminToken);
    // Four days of sign-ins (both outcomes) in A, with noise in B; the clock crosses midnights.
    for (let d = 0; d < 4; d++) {
      for (let i = 0; i <= d; i++) await codeOf(h.signIn(a.owner.email, "wrong-password-here"));
      await h.signIn(a.owner.email, a.owner.password);
      await h.signIn(b.owner.email, b.owner.password);
      h.clock.advance(86_400_000 - 3_600_000 * d);
    }
    const day = (offset: number) => new Date(h.clock.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const truth = async (f: { action?: string; outcome?: string; actorId?: string; fromMs?: number; toMs?: number }, days: number) => {
      const first = Math.floor(h.clock.now() / 86_400_000) - days + 1;
      const rows = await h.rows<{ action: string; actor_id: string | null; outcome: string; created_at: number }>(
        sql`SELECT action, actor_id, outcome, created_at FROM audit_events WHERE org_guid = ${a.org.guid}`,
      );
      return Array.from({ length: days }, (_, i) => {
        const inDay = rows.filter(
          (r) =>
            Math.floor(r.created_at / 86_400_000) === first + i &&
            (!f.action || r.action === f.action) &&
            (!f.outcome || r.outcome === f.outcome) &&
            (!f.actorId || r.actor_id === f.actorId) &&
            (f.fromMs === undefined || r.created_at >= f.fromMs) &&
            (f.toMs === undefined || r.created_at <= f.toMs),
        );
        const success = inDay.filter((r) => r.outcome === "success").length;
        const failure = inDay.length - success;
        return { date: new Date((first + i) * 86_400_000).toISOString().slice(0, 10), success, failure, total: success + failure };
      });
    };
    const midDay2 = Date.parse(`${day(-2)}T06:30:00Z`);
    const cases: [Parameters<typeof api.audit.dailyCounts>[0], Parameters<typeof truth>[0]][] = [
      [{}, {}],
      [{ action: "auth.sign_in" }, { action: "auth.sign_in" }],
      [{ outcome: "failure" }, { outcome: "failure" }],
      [
        { action: "auth.sign_in", outcome: "success" },
        { action: "auth.sign_in", outcome: "success" },
      ],
      [
        { from: day(-2), to: day(-1) },
        { fromMs: Date.parse(day(-2)), toMs: Date.parse(day(0)) - 1 },
      ],
      [{ from: new Date(midDay2).toISOString() }, { fromMs: midDay2 }],
      [{ actorId: a.owner.guid }, { actorId: a.owner.guid }],
      [{ action: "employee.set_password" }, { action: "employee.set_password" }],
    ];
    for (const [input, expected] of cases) {
      const got = await api.audit.dailyCounts({ ...input, days: 6 });
      expect(got, JSON.stringify(input)).toEqual(await truth(expected, 6));
    }
    const all = await api.audit.dailyCounts({ days: 6 });
    expect(all.reduce((n, r) => n + r.failure, 0)).toBeGreaterThanOrEqual(10);
  });

  it("is for org admins only", async () => {
    const a = await seedOrg(h, "Guard");
    expect(await codeOf(h.anonymous().audit.list({}))).toBe("Unauthorized");
    const api = h.asToken(a.adminToken);
    const e = await api.employees.create({ displayName: "Plain Employee", email: "plain@guard.test" });
    const tok = await consoleOf(h, a.org.guid).tokens.create({ name: "emp", employeeGuid: e.guid, scopes: ["self"] });
    expect(await codeOf(h.asToken(tok.token).audit.list({}))).toBe("NoPermissions");
    expect(await codeOf(api.audit.list({ from: "yesterday" }))).toBe("RequestIsNotValid");
  });
});
