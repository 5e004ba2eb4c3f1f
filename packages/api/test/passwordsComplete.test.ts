import { describe, expect, it } from "vitest";
import { eq } from "@latchkey/db";
import { createContext } from "../src/context";
import { createCaller } from "../src/root";
import { codeOf, createHarness } from "./harness";
import { changedBetween, employeeRow, lastAudit, lastCode, seedPasswordWorld, snapshot, strongPassword } from "./passwordsFixtures";
import { testTables } from "@latchkey/db/testing";

const { resetCodes } = testTables();

const h = createHarness();
const complete = (login: string, code: string, newPassword: string, organization?: string, ip = "127.0.0.1") =>
  h.anonymous({ ip }).auth.completePasswordReset({ login, code, newPassword, ...(organization ? { organization } : {}) });
/** A code that is certainly not the live one. */
const otherThan = (code: string) => (code === "00000000" ? "11111111" : "00000000");

describe("auth.completePasswordReset", () => {
  it("sets the new password once, clears change-required and signs nothing in", async () => {
    const w = await seedPasswordWorld(h, "Complete");
    await w.api.employees.resetPassword({ guid: w.alice.guid });
    const code = await lastCode(h, w.alice.id);
    const next = strongPassword("new");
    let cookieSet = false;
    const ctx = await createContext({
      services: h.services,
      meta: { ip: "198.51.100.7", requestId: "r1" },
      cookies: { setSession: () => (cookieSet = true), clearSession: () => {} },
    });
    const out = await createCaller(ctx).auth.completePasswordReset({ login: w.alice.email, code, newPassword: next });
    expect(cookieSet).toBe(false);
    expect(out.employee.guid).toBe(w.alice.guid);
    const row = await employeeRow(h, w.alice.guid);
    expect(row.passwordChangeRequired).toBe(false);
    expect(await codeOf(h.signIn(w.alice.email, next))).toBe("ok");
    const err = await complete(w.alice.email, code, strongPassword("again")).catch((e) => e);
    expect(err.cause.code).toBe("InvalidConfirmationCode");
    expect(err.cause.field).toBe("code");
    expect(await lastAudit(h, "auth.complete_password_reset")).toMatchObject({ outcome: "failure", targetId: w.alice.guid });
  });

  it("accepts a username login and the organization alias", async () => {
    const w = await seedPasswordWorld(h, "ByUsername");
    const out = await w.api.employees.requestPasswordReset({ guid: w.carol.guid, delivery: "return" });
    expect(await codeOf(complete(w.carol.username.toUpperCase(), out.code!, strongPassword("c"), w.org.alias))).toBe("ok");
  });

  it("answers an unknown login exactly like a wrong code", async () => {
    const w = await seedPasswordWorld(h, "Unknown");
    const out = await w.api.employees.requestPasswordReset({ guid: w.alice.guid, delivery: "return" });
    const unknown = await complete("ghost@nowhere.test", out.code!, strongPassword()).catch((e) => e);
    const wrong = await complete(w.alice.email, otherThan(out.code!), strongPassword()).catch((e) => e);
    const otherOrg = await complete(w.alice.email, out.code!, strongPassword(), "no-such-org").catch((e) => e);
    for (const e of [unknown, wrong, otherOrg]) {
      expect(e.cause.code).toBe("InvalidConfirmationCode");
      expect(e.message).toBe(unknown.message);
    }
  });

  it("refuses an expired code", async () => {
    const w = await seedPasswordWorld(h, "Expired");
    const out = await w.api.employees.requestPasswordReset({ guid: w.alice.guid, delivery: "return" });
    h.clock.advance(3600_000 + 1);
    expect(await codeOf(complete(w.alice.email, out.code!, strongPassword()))).toBe("InvalidConfirmationCode");
  });

  it("kills the code after 5 wrong tries (from two addresses: one counts at most 4), even for the right code afterwards", async () => {
    const w = await seedPasswordWorld(h, "Wrong5");
    const out = await w.api.employees.requestPasswordReset({ guid: w.alice.guid, delivery: "return" });
    for (let i = 0; i < 5; i++) {
      const ip = i < 4 ? "127.0.0.1" : "198.51.100.8";
      expect(await codeOf(complete(w.alice.email, otherThan(out.code!), strongPassword(), undefined, ip))).toBe("InvalidConfirmationCode");
    }
    const row = (await h.db.select().from(resetCodes).where(eq(resetCodes.employeeId, w.alice.id)))[0]!;
    expect(row.failedAttempts).toBe(5);
    expect(row.revokedAt).not.toBeNull();
    expect(await codeOf(complete(w.alice.email, out.code!, strongPassword(), undefined, "198.51.100.9"))).toBe("InvalidConfirmationCode");
  });

  it("four wrong tries leave the code usable, from any address but the one that made them", async () => {
    const w = await seedPasswordWorld(h, "Wrong4");
    const out = await w.api.employees.requestPasswordReset({ guid: w.alice.guid, delivery: "return" });
    for (let i = 0; i < 4; i++) await codeOf(complete(w.alice.email, otherThan(out.code!), strongPassword()));
    expect(await codeOf(complete(w.alice.email, out.code!, strongPassword()))).toBe("InvalidConfirmationCode");
    expect(await codeOf(complete(w.alice.email, out.code!, strongPassword(), undefined, "2001:db8:5:6::1"))).toBe("ok");
  });

  it("gives exactly one success to 20 concurrent uses of one code", async () => {
    const w = await seedPasswordWorld(h, "Race");
    const out = await w.api.employees.requestPasswordReset({ guid: w.alice.guid, delivery: "return" });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => codeOf(complete(w.alice.email, out.code!, strongPassword(`r${i}`)))),
    );
    expect(results.filter((r) => r === "ok")).toHaveLength(1);
    expect(results.filter((r) => r === "InvalidConfirmationCode")).toHaveLength(19);
  });

  it("a password refused by the policy leaves the code usable and writes nothing but the audit event", async () => {
    const w = await seedPasswordWorld(h, "PolicyFirst");
    const out = await w.api.employees.requestPasswordReset({ guid: w.alice.guid, delivery: "return" });
    const before = await snapshot(h);
    const err = await complete(w.alice.email, out.code!, "short").catch((e) => e);
    expect(err.cause.code).toBe("RequestIsNotValid");
    expect(err.cause.field).toBe("newPassword");
    expect(Object.keys(changedBetween(before, await snapshot(h)))).toEqual(["audit_events"]);
    expect(await codeOf(complete(w.alice.email, out.code!, strongPassword()))).toBe("ok");
  });

  it("refuses malformed codes before looking anything up", async () => {
    const w = await seedPasswordWorld(h, "Malformed");
    expect(await codeOf(complete(w.alice.email, "1234", strongPassword()))).toBe("RequestIsNotValid");
  });
});

describe("employees.completePasswordReset", () => {
  it("completes by guid for a caller of the organization, keeping change-required when asked", async () => {
    const w = await seedPasswordWorld(h, "ByGuid");
    const out = await w.api.employees.requestPasswordReset({ guid: w.bob.guid, delivery: "return" });
    const next = strongPassword("g");
    const res = await h
      .asToken(w.alice.token)
      .employees.completePasswordReset({ guid: w.bob.guid, code: out.code!, password: next, changeRequired: true });
    expect(res.employee.sequence).toBe((await employeeRow(h, w.bob.guid)).sequence);
    expect((await employeeRow(h, w.bob.guid)).passwordChangeRequired).toBe(true);
    const signed = await h.signIn(w.bob.email, next);
    expect((await h.asSession(signed).auth.me()).restricted).toBe(true);
    expect(
      await codeOf(
        w.api.employees.completePasswordReset({ guid: w.bob.guid, code: out.code!, password: strongPassword(), changeRequired: false }),
      ),
    ).toBe("InvalidConfirmationCode");
  });

  it("refuses wrong codes, archived, foreign and unknown employees, and anonymous callers", async () => {
    const w = await seedPasswordWorld(h, "ByGuidNo");
    const other = await seedPasswordWorld(h, "ByGuidOther");
    const out = await w.api.employees.requestPasswordReset({ guid: w.bob.guid, delivery: "return" });
    const input = { guid: w.bob.guid, code: out.code!, password: strongPassword(), changeRequired: false };
    const err = await w.api.employees.completePasswordReset({ ...input, code: otherThan(out.code!) }).catch((e) => e);
    expect(err.cause).toMatchObject({ code: "InvalidConfirmationCode", field: "code" });
    expect(await codeOf(w.api.employees.completePasswordReset({ ...input, guid: other.bob.guid }))).toBe("NotFound");
    expect(await codeOf(w.api.employees.completePasswordReset({ ...input, guid: crypto.randomUUID() }))).toBe("NotFound");
    expect(await codeOf(h.asToken(other.adminToken).employees.completePasswordReset(input))).toBe("NotFound");
    expect(await codeOf(h.anonymous().employees.completePasswordReset(input))).toBe("Unauthorized");
    await w.api.employees.archive({ guid: w.bob.guid });
    expect(await codeOf(w.api.employees.completePasswordReset(input))).toBe("NotAllowedForArchived");
  });
});
