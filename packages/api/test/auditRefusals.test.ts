// docs/SPEC.md §2.2: every attempt writes one audit event, including attempts refused before any
// action runs (no credentials, no rights, another organization, malformed input).
import { describe, expect, it } from "vitest";
import { auditEvents, desc, eq } from "@latchkey/db";
import { codeOf, consoleOf, createHarness, seedOrg } from "./harness";

const h = createHarness();
const lastEvents = (n: number) => h.services.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(n).all();
const count = () => h.services.db.select().from(auditEvents).all().length;

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
      const before = count();
      expect(await codeOf(call()), label).toBe(code);
      expect(count() - before, label).toBe(1);
      const [event] = lastEvents(1);
      expect(event).toMatchObject({ outcome: "failure", reason: code });
      expect(event!.action).toMatch(/^employees\.(resetPassword|setPassword)$/);
    }
  });

  it("a refusal inside an action is recorded by the action alone, not twice", async () => {
    const a = await seedOrg(h, "Once");
    const before = count();
    expect(await codeOf(h.asToken(a.adminToken).employees.resetPassword({ guid: a.owner.guid }))).toBe("NotAllowedForOwner");
    expect(count() - before).toBe(1);
    expect(lastEvents(1)[0]).toMatchObject({ action: "employee.reset_password", outcome: "failure", reason: "NotAllowedForOwner" });
  });

  it("reads are not audited", async () => {
    const before = count();
    expect(await codeOf(h.anonymous().employees.list({}))).toBe("Unauthorized");
    expect(count()).toBe(before);
    expect(h.services.db.select().from(auditEvents).where(eq(auditEvents.action, "employees.list")).all()).toHaveLength(0);
  });
});
