import { describe, expect, it } from "vitest";
import { eq } from "@latchkey/db";
import { createSystemContext } from "../src/context";
import { createCaller } from "../src/root";
import { codeOf, createHarness } from "./harness";
import { changedBetween, lastAudit, seedPasswordWorld, snapshot, strongPassword } from "./passwordsFixtures";
import { testTables } from "@latchkey/db/testing";

const { resetCodes } = testTables();

const h = createHarness();

describe("settings.get / settings.update", () => {
  it("admins read the defaults of docs/SPEC.md §3", async () => {
    const w = await seedPasswordWorld(h, "Defaults");
    const s = await h.asToken(w.dana.token).settings.get();
    expect(s).toMatchObject({
      orgGuid: w.org.guid,
      passwordPolicy: {
        minLength: 12,
        maxLength: 128,
        requireUpper: false,
        requireLower: false,
        requireDigit: false,
        requireSymbol: false,
        history: 5,
      },
      resetCodeTtlSeconds: 3600,
      activationCodeTtlSeconds: 3600,
      lockout: { threshold: 10, windowSeconds: 900, durationSeconds: 900 },
    });
    expect(await codeOf(h.asToken(w.alice.token).settings.get())).toBe("NoPermissions");
    expect(await codeOf(h.anonymous().settings.get())).toBe("Unauthorized");
  });

  it("the owner changes only what is sent, audited; the new TTL applies to the next code", async () => {
    const w = await seedPasswordWorld(h, "Update");
    const owner = h.asToken(w.ownerToken);
    const out = await owner.settings.update({ passwordPolicy: { minLength: 16, requireDigit: true }, resetCodeTtlSeconds: 300 });
    expect(out.passwordPolicy).toMatchObject({ minLength: 16, maxLength: 128, requireDigit: true, requireUpper: false, history: 5 });
    expect(out.resetCodeTtlSeconds).toBe(300);
    expect(await lastAudit(h, "settings.update")).toMatchObject({ outcome: "success", orgGuid: w.org.guid, targetId: w.org.guid });
    await w.api.employees.requestPasswordReset({ guid: w.alice.guid, delivery: "return" });
    const row = (await h.db.select().from(resetCodes).where(eq(resetCodes.employeeId, w.alice.id)))[0]!;
    expect(row.expiresAt - row.createdAt).toBe(300_000);
    // An instance admin naming the organization may change it too.
    const operator = createCaller(createSystemContext(h.services, { org: { guid: w.org.guid } }));
    expect((await operator.settings.update({ lockout: { threshold: 5 } })).lockout.threshold).toBe(5);
  });

  it("refuses values outside the allowed ranges, naming the field", async () => {
    const w = await seedPasswordWorld(h, "Ranges");
    const owner = h.asToken(w.ownerToken);
    const cases: [Parameters<typeof owner.settings.update>[0], string][] = [
      [{ passwordPolicy: { minLength: 7 } }, "passwordPolicy.minLength"],
      [{ passwordPolicy: { minLength: 65 } }, "passwordPolicy.minLength"],
      [{ passwordPolicy: { history: 25 } }, "passwordPolicy.history"],
      [{ passwordPolicy: { history: -1 } }, "passwordPolicy.history"],
      [{ resetCodeTtlSeconds: 299 }, "resetCodeTtlSeconds"],
      [{ resetCodeTtlSeconds: 72 * 3600 + 1 }, "resetCodeTtlSeconds"],
      [{ activationCodeTtlSeconds: 60 }, "activationCodeTtlSeconds"],
      [{ passwordPolicy: { minLength: 40, maxLength: 30 } }, "passwordPolicy.maxLength"],
    ];
    const before = await snapshot(h);
    for (const [input, field] of cases) {
      const err = await owner.settings.update(input).catch((e) => e);
      expect(err.cause, field).toMatchObject({ code: "RequestIsNotValid", field });
    }
    // Zod refusals happen before the action; only the cross-field one reaches the audit log.
    expect(Object.keys(changedBetween(before, await snapshot(h))).every((k) => k === "audit_events")).toBe(true);
    expect(await codeOf(owner.settings.update({ passwordPolicy: { minLength: 8, history: 24 }, resetCodeTtlSeconds: 72 * 3600 }))).toBe(
      "ok",
    );
  });

  it("only the owner (or an instance admin) may change settings", async () => {
    const w = await seedPasswordWorld(h, "OwnerOnly");
    expect(await codeOf(h.asToken(w.dana.token).settings.update({ passwordPolicy: { minLength: 20 } }))).toBe("NoPermissions");
    expect(await codeOf(w.api.settings.update({ passwordPolicy: { minLength: 20 } }))).toBe("NoPermissions");
    expect(await codeOf(h.asToken(w.alice.token).settings.update({}))).toBe("NoPermissions");
    const other = await seedPasswordWorld(h, "OwnerOnlyOther");
    expect(await codeOf(h.asToken(other.ownerToken, { org: { guid: w.org.guid } }).settings.update({}))).toBe("NotFound");
  });

  it("a signed-in employee reads their own organization's password policy in auth.me, restricted sessions too", async () => {
    const w = await seedPasswordWorld(h, "MePolicy");
    const other = await seedPasswordWorld(h, "MePolicyOther");
    const raised = await h.asToken(w.ownerToken).settings.update({ passwordPolicy: { minLength: 16, requireDigit: true, history: 7 } });
    const policy = {
      minLength: 16,
      maxLength: 128,
      requireUpper: false,
      requireLower: false,
      requireDigit: true,
      requireSymbol: false,
      history: 7,
    };
    expect(raised.passwordPolicy).toEqual(policy);
    // An employee without admin rights (settings.get is refused to them), by session and by token.
    expect(await codeOf(h.asToken(w.alice.token).settings.get())).toBe("NoPermissions");
    const cookie = await h.signIn(w.alice.email, w.alice.password);
    expect((await h.asSession(cookie).auth.me()).passwordPolicy).toEqual(policy);
    expect((await h.asToken(w.alice.token).auth.me()).passwordPolicy).toEqual(policy);
    // A session that must change its password first needs the rules most.
    const next = strongPassword("me");
    await w.api.employees.setPassword({ guid: w.alice.guid, password: next });
    const restricted = await h.asSession(await h.signIn(w.alice.email, next)).auth.me();
    expect(restricted.restricted).toBe(true);
    expect(restricted.passwordPolicy).toEqual(policy);
    // Each organization's own rules; a service account has no password, so no rules.
    expect((await h.asToken(other.alice.token).auth.me()).passwordPolicy).toMatchObject({ minLength: 12, requireDigit: false, history: 5 });
    expect((await h.asToken(w.adminToken).auth.me()).passwordPolicy).toBeNull();
  });
});
