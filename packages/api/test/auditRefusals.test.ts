// docs/SPEC.md §2.2: every attempt writes one audit event, including attempts refused before any
// action runs (no credentials, no rights, another organization, malformed input).
import { describe, expect, it } from "vitest";
import { desc, eq } from "@latchkey/db";
import { codeOf, consoleOf, createHarness, seedOrg } from "./harness";
import { testTables } from "@latchkey/db/testing";
import { AUDIT_ACTIONS, type AuditAction } from "../src/lib/auditActions";
import { appRouter } from "../src/root";
import type { ProcedureMeta } from "../src/trpc";

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
      expect(event!.action).toMatch(/^employee\.(reset_password|set_password)$/);
    }
  });

  it("a refusal inside an action is recorded by the action alone, not twice", async () => {
    const a = await seedOrg(h, "Once");
    const before = await count();
    expect(await codeOf(h.asToken(a.adminToken).employees.resetPassword({ guid: a.owner.guid }))).toBe("NotAllowedForOwner");
    expect((await count()) - before).toBe(1);
    expect((await lastEvents(1))[0]).toMatchObject({ action: "employee.reset_password", outcome: "failure", reason: "NotAllowedForOwner" });
  });

  it("a refusal before the action and one inside it carry the one name the procedure declares", async () => {
    const a = await seedOrg(h, "OneName");
    const api = h.asToken(a.adminToken);
    const owner = h.asToken(a.ownerToken);
    const emp = await api.employees.create({ displayName: "Named Once", email: "named@onename.test" });
    const token = await api.tokens.create({ name: "kept", scopes: ["admin"] });
    const cases: [AuditAction, () => Promise<unknown>, () => Promise<unknown>][] = [
      [
        "employee.reset_password",
        () => h.anonymous().employees.resetPassword({ guid: emp.guid }),
        () => api.employees.resetPassword({ guid: a.owner.guid }),
      ],
      [
        "api_token.unkeep",
        () => h.anonymous().tokens.keep({ id: token.id, keep: false }),
        () => owner.tokens.keep({ id: a.org.guid, keep: false }),
      ],
      [
        "api_token.keep",
        () => h.anonymous().tokens.keep({ id: token.id, keep: true }),
        () => owner.tokens.keep({ id: a.org.guid, keep: true }),
      ],
      [
        "employee.end_session",
        () => h.anonymous().employees.endSessions({ guid: emp.guid, sessionId: "s" }),
        () => api.employees.endSessions({ guid: emp.guid, sessionId: "s" }),
      ],
      [
        "employee.end_all_sessions",
        () => h.anonymous().employees.endSessions({ guid: emp.guid }),
        () => api.employees.endSessions({ guid: a.org.guid }),
      ],
    ];
    for (const [action, before, inside] of cases) {
      expect(await codeOf(before()), action).toBe("Unauthorized");
      expect((await lastEvents(1))[0], action).toMatchObject({ action, outcome: "failure", reason: "Unauthorized" });
      expect(await codeOf(inside()), action).not.toBe("Unauthorized");
      expect((await lastEvents(1))[0], action).toMatchObject({ action, outcome: "failure" });
    }
  });

  it("every mutation declares its audit name, from the known ones; reads declare none", () => {
    const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: string; meta?: ProcedureMeta } }>;
    const missing: string[] = [];
    for (const [path, p] of Object.entries(procedures)) {
      const naming = p._def.meta?.audit;
      if (p._def.type !== "mutation") {
        expect(naming, path).toBeUndefined();
        continue;
      }
      if (!naming) missing.push(path);
      const names = typeof naming === "function" ? [naming(undefined), naming({})] : [naming];
      for (const name of names) if (naming) expect(AUDIT_ACTIONS, path).toContain(name);
    }
    expect(missing).toEqual([]);
  });

  it("reads are not audited", async () => {
    const before = await count();
    expect(await codeOf(h.anonymous().employees.list({}))).toBe("Unauthorized");
    expect(await count()).toBe(before);
    expect(await h.db.select().from(auditEvents).where(eq(auditEvents.action, "employees.list"))).toHaveLength(0);
  });
});
