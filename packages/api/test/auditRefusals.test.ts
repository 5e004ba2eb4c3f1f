// docs/SPEC.md §2.2: every attempt writes one audit event, including attempts refused before any
// action runs (no credentials, no rights, another organization, malformed input).
import { describe, expect, it } from "vitest";
import { desc, eq } from "@latchkey/db";
import { codeOf, consoleOf, createHarness, seedOrg } from "./harness";
import { testTables } from "@latchkey/db/testing";

const { auditEvents } = testTables();

const h = createHarness();
const lastEvents = async (n: number) => await h.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(n);
const count = async () => (await h.db.select().from(auditEvents)).length;

describe("refused mutations are audited once", () => {
  it("anonymous, no rights, another organization and malformed input each write one failure event", async () => {
    const a = await seedOrg(h, "Refusals");
    const b = await seedOrg(h, "Elsewhere");
    const api = h.asToken(a.adminToken);
    const plain = await api.employees.create({ displayName: "Plain Person", email: "plain@refusals.test" });
    const plainToken = (await consoleOf(h, a.org.guid).tokens.create({ name: "plain", employeeGuid: plain.guid, scopes: ["self"] })).token;

    const cases: [string, () => Promise<unknown>, string][] = [
      ["Unauthorized", () => h.anonymous().employees.resetPassword({ guid: plain.guid }), "Unauthorized"],
      ["NoPermissions", () => h.asToken(plainToken).employees.resetPassword({ guid: plain.guid }), "NoPermissions"],
      ["NotFound", () => h.asToken(a.adminToken, { org: { guid: b.org.guid } }).employees.resetPassword({ guid: plain.guid }), "NotFound"],
      ["RequestIsNotValid", () => api.employees.setPassword({ guid: "not-a-uuid", password: "x" } as never), "RequestIsNotValid"],
    ];
    for (const [label, call, code] of cases) {
      const before = await count();
      expect(await codeOf(call()), label).toBe(code);
      expect((await count()) - before, label).toBe(1);
      const [event] = await lastEvents(1);
      expect(event).toMatchObject({ outcome: "failure", reason: code });
      expect(event!.action).toMatch(/^employees\.(resetPassword|setPassword)$/);
    }
  });

  it("a refusal inside an action is recorded by the action alone, not twice", async () => {
    const a = await seedOrg(h, "Once");
    const before = await count();
    expect(await codeOf(h.asToken(a.adminToken).employees.resetPassword({ guid: a.owner.guid }))).toBe("NotAllowedForOwner");
    expect((await count()) - before).toBe(1);
    expect((await lastEvents(1))[0]).toMatchObject({ action: "employee.reset_password", outcome: "failure", reason: "NotAllowedForOwner" });
  });

  it("reads are not audited", async () => {
    const before = await count();
    expect(await codeOf(h.anonymous().employees.list({}))).toBe("Unauthorized");
    expect(await count()).toBe(before);
    expect(await h.db.select().from(auditEvents).where(eq(auditEvents.action, "employees.list"))).toHaveLength(0);
  });
});
