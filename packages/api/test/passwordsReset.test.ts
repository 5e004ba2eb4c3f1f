import { describe, expect, it } from "vitest";
import { eq } from "@latchkey/db";
import { createSystemContext } from "../src/context";
import { keyedHash } from "../src/lib/secrets";
import { createCaller } from "../src/root";
import { codeOf, createHarness } from "./harness";
import {
  auditDump,
  changedBetween,
  employeeRow,
  lastAudit,
  lastCode,
  outboxFor,
  passCooldown,
  seedPasswordWorld,
  snapshot,
} from "./passwordsFixtures";
import { testTables } from "@latchkey/db/testing";

const { apiTokens, resetCodes, sessions } = testTables();

const h = createHarness();

describe("employees.resetPassword", () => {
  it("leaves one live code when resets of one employee run at once (no cooldown: the code is returned)", async () => {
    const w = await seedPasswordWorld(h, "ResetRace");
    const outs = await Promise.all(
      Array.from({ length: 12 }, () => w.api.employees.requestPasswordReset({ guid: w.alice.guid, delivery: "return" })),
    );
    expect(outs.every((o) => typeof o.code === "string")).toBe(true);
    const employee = await employeeRow(h, w.alice.guid);
    const live = (await h.db.select().from(resetCodes).where(eq(resetCodes.employeeId, employee.id))).filter(
      (c) => c.consumedAt === null && c.revokedAt === null,
    );
    expect(live).toHaveLength(1);
  });

  it("kills the password, sessions and tokens at once and texts a one-time code", async () => {
    const w = await seedPasswordWorld(h, "Reset");
    const cookie = await h.signIn(w.alice.email, w.alice.password);
    expect(await codeOf(h.asSession(cookie).auth.me())).toBe("ok");
    expect(await codeOf(h.asToken(w.alice.token).auth.me())).toBe("ok");
    const before = await employeeRow(h, w.alice.guid);

    const out = await w.api.employees.resetPassword({ guid: w.alice.guid });
    expect(out.channel).toBe("sms");
    expect(out.code).toBeUndefined();
    expect(out.employee.sequence).toBe(before.sequence + 1);

    const after = await employeeRow(h, w.alice.guid);
    expect(after.passwordHash).toBeNull();
    expect(after.passwordChangeRequired).toBe(true);
    expect(await codeOf(h.signIn(w.alice.email, w.alice.password))).toBe("WrongUsernameOrPassword");
    expect(await codeOf(h.asSession(cookie).auth.me())).toBe("Unauthorized");
    expect(await codeOf(h.asToken(w.alice.token).auth.me())).toBe("Unauthorized");
    const live = await h.db.select().from(sessions).where(eq(sessions.employeeId, w.alice.id));
    expect(live.every((s) => s.revokedAt !== null)).toBe(true);
    const tokens = await h.db.select().from(apiTokens).where(eq(apiTokens.employeeId, w.alice.id));
    expect(tokens.every((t) => t.revokedAt !== null)).toBe(true);

    const [msg] = await outboxFor(h, w.alice.id);
    expect(msg).toMatchObject({ channel: "sms", kind: "reset_code", status: "pending" });
    const code = await lastCode(h, w.alice.id);
    expect(msg!.body).toContain("60 minutes");
    // The only link is our own /reset page, the code in its fragment (never sent to a server).
    expect([...msg!.body.matchAll(/https?:\/\/\S+/g)].map((m) => m[0])).toEqual([
      `http://localhost:3000/reset#org=${w.org.alias}&code=${code}`,
    ]);
    expect(await auditDump(h)).not.toContain(code);
    const row = (await h.db.select().from(resetCodes).where(eq(resetCodes.employeeId, w.alice.id)))[0]!;
    expect(row.codeHash).toBe(keyedHash(h.services.secret, code));
    expect(row.expiresAt - row.createdAt).toBe(3600_000);
    expect(await lastAudit(h, "employee.reset_password")).toMatchObject({
      outcome: "success",
      targetId: w.alice.guid,
      orgGuid: w.org.guid,
    });
  });

  it("emails the code when no phone is on file, and revokes an earlier live code", async () => {
    const w = await seedPasswordWorld(h, "ResetMail");
    expect((await w.api.employees.resetPassword({ guid: w.bob.guid })).channel).toBe("email");
    const first = await lastCode(h, w.bob.id);
    passCooldown(h);
    await w.api.employees.resetPassword({ guid: w.bob.guid });
    const second = await lastCode(h, w.bob.id);
    expect((await outboxFor(h, w.bob.id))[0]).toMatchObject({ channel: "email", recipient: w.bob.email });
    const rows = await h.db.select().from(resetCodes).where(eq(resetCodes.employeeId, w.bob.id)).orderBy(resetCodes.id);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.revokedAt).not.toBeNull();
    expect(rows[1]!.revokedAt).toBeNull();
    if (first !== second)
      expect(
        await codeOf(h.anonymous().auth.completePasswordReset({ login: w.bob.email, code: first, newPassword: "Fresh-Quartz-Lantern-88" })),
      ).toBe("InvalidConfirmationCode");
  });

  it("refuses an employee with neither phone nor email (PhoneIsNotFound)", async () => {
    const w = await seedPasswordWorld(h, "NoContact");
    expect(await codeOf(w.api.employees.resetPassword({ guid: w.carol.guid }))).toBe("PhoneIsNotFound");
  });

  it("refuses a second sent code within 60 s (TrySendCodeLater with retryAfterSeconds)", async () => {
    const w = await seedPasswordWorld(h, "Cooldown");
    await w.api.employees.resetPassword({ guid: w.alice.guid });
    h.clock.advance(20_000);
    const before = await snapshot(h);
    const err = await w.api.employees.resetPassword({ guid: w.alice.guid }).catch((e) => e);
    expect(err.cause.code).toBe("TrySendCodeLater");
    expect(err.cause.retryAfterSeconds).toBe(40);
    expect(changedBetween(before, await snapshot(h))).toEqual({
      audit_events: `${Number(before.audit_events)} -> ${Number(before.audit_events) + 1}`,
    });
    h.clock.advance(40_000);
    expect(await codeOf(w.api.employees.resetPassword({ guid: w.alice.guid }))).toBe("ok");
  });

  it("protects the owner from admins, lets the owner reset themselves", async () => {
    const w = await seedPasswordWorld(h, "Guarded");
    const before = await snapshot(h);
    expect(await codeOf(w.api.employees.resetPassword({ guid: w.owner.guid }))).toBe("NotAllowedForOwner");
    expect(await codeOf(h.asToken(w.dana.token).employees.resetPassword({ guid: w.owner.guid }))).toBe("NotAllowedForOwner");
    const diff = changedBetween(before, await snapshot(h));
    expect(Object.keys(diff)).toEqual(["audit_events"]);
    expect(Number((await snapshot(h)).audit_events) - Number(before.audit_events)).toBe(2);
    expect(await lastAudit(h, "employee.reset_password")).toMatchObject({
      outcome: "failure",
      reason: "NotAllowedForOwner",
      targetId: w.owner.guid,
    });
    expect(await codeOf(h.asToken(w.ownerToken).employees.resetPassword({ guid: w.owner.guid }))).toBe("ok");
  });

  it("an instance admin naming the organization is refused the owner too", async () => {
    const w = await seedPasswordWorld(h, "Instance");
    const op = createCaller(createSystemContext(h.services, { org: { guid: w.org.guid } }));
    expect(await codeOf(op.employees.resetPassword({ guid: w.owner.guid }))).toBe("NotAllowedForOwner");
    expect(await codeOf(op.employees.resetPassword({ guid: w.alice.guid }))).toBe("ok");
  });

  it("refuses archived employees, other organizations' employees and non-admins", async () => {
    const w = await seedPasswordWorld(h, "Refusals");
    const other = await seedPasswordWorld(h, "Elsewhere");
    await w.api.employees.archive({ guid: w.bob.guid });
    expect(await codeOf(w.api.employees.resetPassword({ guid: w.bob.guid }))).toBe("NotAllowedForArchived");
    expect(await codeOf(w.api.employees.resetPassword({ guid: other.alice.guid }))).toBe("NotFound");
    expect(await codeOf(w.api.employees.resetPassword({ guid: crypto.randomUUID() }))).toBe("NotFound");
    expect(await codeOf(h.asToken(w.alice.token).employees.resetPassword({ guid: w.alice.guid }))).toBe("NoPermissions");
    expect(await codeOf(h.anonymous().employees.resetPassword({ guid: w.alice.guid }))).toBe("Unauthorized");
  });
});

describe("employees.resetPassword with providers switched off", () => {
  const off = createHarness({ LATCHKEY_SMS_PROVIDER: "none", LATCHKEY_EMAIL_PROVIDER: "none" });
  it("answers NotificationsAreOutOfService and changes nothing", async () => {
    const w = await seedPasswordWorld(off, "Offline");
    const before = await snapshot(off);
    expect(await codeOf(w.api.employees.resetPassword({ guid: w.alice.guid }))).toBe("NotificationsAreOutOfService");
    expect(await codeOf(w.api.employees.adminResetByEmail({ email: w.bob.email }))).toBe("NotificationsAreOutOfService");
    expect(await codeOf(w.api.employees.requestPasswordReset({ guid: w.alice.guid, delivery: "sms" }))).toBe(
      "NotificationsAreOutOfService",
    );
    expect(Object.keys(changedBetween(before, await snapshot(off)))).toEqual(["audit_events"]);
    // Returning the code needs no provider.
    expect(await codeOf(w.api.employees.requestPasswordReset({ guid: w.alice.guid, delivery: "return" }))).toBe("ok");
  });
});

describe("employees.adminResetByEmail", () => {
  it("finds the employee by email in the caller's organization and delivers by email", async () => {
    const w = await seedPasswordWorld(h, "ByEmail");
    const out = await w.api.employees.adminResetByEmail({ email: w.alice.email.toUpperCase() });
    expect(out.channel).toBe("email");
    expect((await outboxFor(h, w.alice.id))[0]).toMatchObject({ channel: "email", recipient: w.alice.email });
    expect((await employeeRow(h, w.alice.guid)).passwordHash).toBeNull();
    expect(await lastAudit(h, "employee.admin_reset_by_email")).toMatchObject({ outcome: "success", targetId: w.alice.guid });
  });

  it("refuses unknown and foreign emails, the owner, archived employees, the cooldown and non-admins", async () => {
    const w = await seedPasswordWorld(h, "ByEmailNo");
    const other = await seedPasswordWorld(h, "ByEmailOther");
    expect(await codeOf(w.api.employees.adminResetByEmail({ email: "nobody@nowhere.test" }))).toBe("NotFound");
    expect(await codeOf(w.api.employees.adminResetByEmail({ email: other.alice.email }))).toBe("NotFound");
    expect(await codeOf(w.api.employees.adminResetByEmail({ email: w.owner.email }))).toBe("NotAllowedForOwner");
    await w.api.employees.archive({ guid: w.bob.guid });
    expect(await codeOf(w.api.employees.adminResetByEmail({ email: w.bob.email }))).toBe("NotAllowedForArchived");
    expect(await codeOf(h.asToken(w.alice.token).employees.adminResetByEmail({ email: w.alice.email }))).toBe("NoPermissions");
    await w.api.employees.adminResetByEmail({ email: w.alice.email });
    expect(await codeOf(w.api.employees.adminResetByEmail({ email: w.alice.email }))).toBe("TrySendCodeLater");
    expect(await codeOf(w.api.employees.adminResetByEmail({ email: "not-an-email" }))).toBe("RequestIsNotValid");
  });
});

describe("employees.requestPasswordReset", () => {
  it("returns the code with no message and no cooldown", async () => {
    const w = await seedPasswordWorld(h, "ReturnCode");
    const first = await w.api.employees.requestPasswordReset({ guid: w.alice.guid, delivery: "return" });
    expect(first.code).toMatch(/^\d{8}$/);
    expect(first.channel).toBeNull();
    const second = await w.api.employees.requestPasswordReset({ guid: w.alice.guid, delivery: "return" });
    expect(second.code).toMatch(/^\d{8}$/);
    expect(await outboxFor(h, w.alice.id)).toHaveLength(0);
    expect(await auditDump(h)).not.toContain(second.code!);
    // The newer code is the live one.
    expect(
      await codeOf(
        h.anonymous().auth.completePasswordReset({ login: w.alice.email, code: second.code!, newPassword: "Amber-Kettle-Orbit-2041" }),
      ),
    ).toBe("ok");
  });

  it("sends by the chosen channel and refuses a channel with nothing on file", async () => {
    const w = await seedPasswordWorld(h, "Chosen");
    expect((await w.api.employees.requestPasswordReset({ guid: w.alice.guid, delivery: "email" })).channel).toBe("email");
    expect((await outboxFor(h, w.alice.id))[0]!.channel).toBe("email");
    expect(await codeOf(w.api.employees.requestPasswordReset({ guid: w.bob.guid, delivery: "sms" }))).toBe("PhoneIsNotFound");
    expect(await codeOf(w.api.employees.requestPasswordReset({ guid: w.carol.guid, delivery: "email" }))).toBe("PhoneIsNotFound");
    expect((await w.api.employees.requestPasswordReset({ guid: w.bob.guid, delivery: "email" })).channel).toBe("email");
    expect(await codeOf(w.api.employees.requestPasswordReset({ guid: w.bob.guid, delivery: "email" }))).toBe("TrySendCodeLater");
    // A returned code is never refused by the cooldown.
    expect(await codeOf(w.api.employees.requestPasswordReset({ guid: w.bob.guid, delivery: "return" }))).toBe("ok");
  });

  it("refuses the owner, archived employees, foreign employees and non-admins", async () => {
    const w = await seedPasswordWorld(h, "ReqRefuse");
    const other = await seedPasswordWorld(h, "ReqOther");
    expect(await codeOf(w.api.employees.requestPasswordReset({ guid: w.owner.guid, delivery: "return" }))).toBe("NotAllowedForOwner");
    expect(await codeOf(h.asToken(w.ownerToken).employees.requestPasswordReset({ guid: w.owner.guid, delivery: "return" }))).toBe("ok");
    await w.api.employees.archive({ guid: w.carol.guid });
    expect(await codeOf(w.api.employees.requestPasswordReset({ guid: w.carol.guid, delivery: "return" }))).toBe("NotAllowedForArchived");
    expect(await codeOf(w.api.employees.requestPasswordReset({ guid: other.bob.guid, delivery: "return" }))).toBe("NotFound");
    expect(await codeOf(h.asToken(w.alice.token).employees.requestPasswordReset({ guid: w.alice.guid, delivery: "return" }))).toBe(
      "NoPermissions",
    );
  });
});
