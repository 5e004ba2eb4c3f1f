import { describe, expect, it } from "vitest";
import { eq } from "@latchkey/db";
import { codeOf, createHarness } from "./harness";
import { changedBetween, employeeRow, lastAudit, seedPasswordWorld, snapshot, strongPassword } from "./passwordsFixtures";
import { testTables } from "@latchkey/db/testing";

const { apiTokens, sessions } = testTables();

const h = createHarness();

const liveSessions = async (employeeId: number) =>
  (await h.db.select().from(sessions).where(eq(sessions.employeeId, employeeId))).filter((s) => s.revokedAt === null);
const liveTokens = async (employeeId: number) =>
  (await h.db.select().from(apiTokens).where(eq(apiTokens.employeeId, employeeId))).filter((t) => t.revokedAt === null);

describe("employees.setPassword", () => {
  it("sets the password, requires a change by default, revokes sessions but not tokens", async () => {
    const w = await seedPasswordWorld(h, "SetPw");
    const cookie = await h.signIn(w.alice.email, w.alice.password);
    const seq = (await employeeRow(h, w.alice.guid)).sequence;
    const next = strongPassword("set");
    const out = await w.api.employees.setPassword({ guid: w.alice.guid, password: next });
    expect(out.employee.sequence).toBe(seq + 1);
    expect((await employeeRow(h, w.alice.guid)).passwordChangeRequired).toBe(true);
    expect(await codeOf(h.asSession(cookie).auth.me())).toBe("Unauthorized");
    expect(await liveTokens(w.alice.id)).toHaveLength(1);
    expect(await codeOf(h.signIn(w.alice.email, w.alice.password))).toBe("WrongUsernameOrPassword");
    const restricted = await h.signIn(w.alice.email, next);
    expect((await h.asSession(restricted).auth.me()).restricted).toBe(true);
    expect(await codeOf(h.asSession(restricted).me.sessions())).toBe("NoPermissions");
    await w.api.employees.setPassword({ guid: w.alice.guid, password: strongPassword(), changeRequired: false });
    expect((await employeeRow(h, w.alice.guid)).passwordChangeRequired).toBe(false);
    expect(await lastAudit(h, "employee.set_password")).toMatchObject({ outcome: "success", targetId: w.alice.guid });
  });

  it("refuses the owner to admins, archived, foreign and unknown employees, non-admins and bad passwords", async () => {
    const w = await seedPasswordWorld(h, "SetPwNo");
    const other = await seedPasswordWorld(h, "SetPwOther");
    const before = await snapshot(h);
    expect(await codeOf(w.api.employees.setPassword({ guid: w.owner.guid, password: strongPassword() }))).toBe("NotAllowedForOwner");
    expect(await codeOf(h.asToken(w.dana.token).employees.setPassword({ guid: w.owner.guid, password: strongPassword() }))).toBe(
      "NotAllowedForOwner",
    );
    expect(Object.keys(changedBetween(before, await snapshot(h)))).toEqual(["audit_events"]);
    expect(await codeOf(w.api.employees.setPassword({ guid: other.alice.guid, password: strongPassword() }))).toBe("NotFound");
    expect(await codeOf(w.api.employees.setPassword({ guid: crypto.randomUUID(), password: strongPassword() }))).toBe("NotFound");
    expect(await codeOf(h.asToken(w.alice.token).employees.setPassword({ guid: w.alice.guid, password: strongPassword() }))).toBe(
      "NoPermissions",
    );
    const err = await w.api.employees.setPassword({ guid: w.alice.guid, password: "too-short" }).catch((e) => e);
    expect(err.cause).toMatchObject({ code: "RequestIsNotValid", field: "password" });
    expect(err.message).not.toContain("too-short");
    expect(await codeOf(w.api.employees.setPassword({ guid: w.alice.guid, password: "" }))).toBe("RequestIsNotValid");
    await w.api.employees.archive({ guid: w.bob.guid });
    expect(await codeOf(w.api.employees.setPassword({ guid: w.bob.guid, password: strongPassword() }))).toBe("NotAllowedForArchived");
    // The owner may set their own.
    expect(await codeOf(h.asToken(w.ownerToken).employees.setPassword({ guid: w.owner.guid, password: strongPassword() }))).toBe("ok");
  });
});

describe("employees.changePassword (legacy, by integer id)", () => {
  it("sets another employee's password and requires a change; the caller's own password does not", async () => {
    const w = await seedPasswordWorld(h, "Legacy");
    const cookie = await h.signIn(w.alice.email, w.alice.password);
    const seq = (await employeeRow(h, w.alice.guid)).sequence;
    const out = await h.asToken(w.dana.token).employees.changePassword({ id: w.alice.id, password: strongPassword("l") });
    expect(out.employee.sequence).toBe(seq + 1);
    expect((await employeeRow(h, w.alice.guid)).passwordChangeRequired).toBe(true);
    expect(await codeOf(h.asSession(cookie).auth.me())).toBe("Unauthorized");
    expect(await liveTokens(w.alice.id)).toHaveLength(1);
    const own = strongPassword("own");
    await h.asToken(w.dana.token).employees.changePassword({ id: w.dana.id, password: own });
    expect((await employeeRow(h, w.dana.guid)).passwordChangeRequired).toBe(false);
    expect(await codeOf(h.signIn(w.dana.email, own))).toBe("ok");
    expect(await lastAudit(h, "employee.change_password")).toMatchObject({ outcome: "success", targetId: w.dana.guid });
  });

  it("refuses the owner, archived, foreign ids, non-admins and bad passwords", async () => {
    const w = await seedPasswordWorld(h, "LegacyNo");
    const other = await seedPasswordWorld(h, "LegacyOther");
    expect(await codeOf(w.api.employees.changePassword({ id: w.owner.id, password: strongPassword() }))).toBe("NotAllowedForOwner");
    expect(await codeOf(w.api.employees.changePassword({ id: other.alice.id, password: strongPassword() }))).toBe("NotFound");
    expect(await codeOf(w.api.employees.changePassword({ id: 9_999_999, password: strongPassword() }))).toBe("NotFound");
    expect(await codeOf(h.asToken(w.alice.token).employees.changePassword({ id: w.alice.id, password: strongPassword() }))).toBe(
      "NoPermissions",
    );
    expect(await codeOf(w.api.employees.changePassword({ id: w.alice.id, password: "password1234" }))).toBe("RequestIsNotValid");
    await w.api.employees.archive({ guid: w.bob.guid });
    expect(await codeOf(w.api.employees.changePassword({ id: w.bob.id, password: strongPassword() }))).toBe("NotAllowedForArchived");
    expect(await codeOf(h.asToken(w.ownerToken).employees.changePassword({ id: w.owner.id, password: strongPassword() }))).toBe("ok");
  });
});

describe("employees.changePasswordWithCurrent", () => {
  it("lets any member who knows the current password change it", async () => {
    const w = await seedPasswordWorld(h, "WithCur");
    const next = strongPassword("wc");
    // Alice's own token (no admin rights) changes Bob's password because she knows it.
    const out = await h
      .asToken(w.alice.token)
      .employees.changePasswordWithCurrent({ guid: w.bob.guid, currentPassword: w.bob.password, password: next });
    expect(out.employee.guid).toBe(w.bob.guid);
    expect((await employeeRow(h, w.bob.guid)).passwordChangeRequired).toBe(false);
    expect(await codeOf(h.signIn(w.bob.email, next))).toBe("ok");
    // The owner changes their own with it, asking for a change at next sign-in.
    await h.asToken(w.ownerToken).employees.changePasswordWithCurrent({
      guid: w.owner.guid,
      currentPassword: w.owner.password,
      password: strongPassword("o"),
      changeRequired: true,
    });
    expect((await employeeRow(h, w.owner.guid)).passwordChangeRequired).toBe(true);
  });

  it("a wrong current password is RequestIsNotValid on currentPassword and counts toward the lockout", async () => {
    const w = await seedPasswordWorld(h, "WithCurNo");
    const call = (currentPassword: string) =>
      h.asToken(w.alice.token).employees.changePasswordWithCurrent({ guid: w.bob.guid, currentPassword, password: strongPassword() });
    const before = await snapshot(h);
    const err = await call("not-the-password").catch((e) => e);
    expect(err.cause).toMatchObject({ code: "RequestIsNotValid", field: "currentPassword" });
    expect((await employeeRow(h, w.bob.guid)).failedSignIns).toBe(1);
    const diff = changedBetween(before, await snapshot(h));
    expect(Object.keys(diff).sort()).toEqual(["audit_events"]);
    for (let i = 0; i < 9; i++) expect(await codeOf(call("not-the-password"))).toBe("RequestIsNotValid");
    expect(await codeOf(h.signIn(w.bob.email, w.bob.password))).toBe("TryLater");
    expect(await codeOf(call(w.bob.password))).toBe("TryLater");
  });

  it("refuses archived, foreign and unknown employees and anonymous callers", async () => {
    const w = await seedPasswordWorld(h, "WithCurRef");
    const other = await seedPasswordWorld(h, "WithCurOther");
    const input = { guid: other.bob.guid, currentPassword: other.bob.password, password: strongPassword() };
    expect(await codeOf(h.asToken(w.alice.token).employees.changePasswordWithCurrent(input))).toBe("NotFound");
    expect(await codeOf(h.asToken(w.alice.token).employees.changePasswordWithCurrent({ ...input, guid: crypto.randomUUID() }))).toBe(
      "NotFound",
    );
    expect(await codeOf(h.anonymous().employees.changePasswordWithCurrent(input))).toBe("Unauthorized");
    await w.api.employees.archive({ guid: w.bob.guid });
    expect(
      await codeOf(
        h
          .asToken(w.alice.token)
          .employees.changePasswordWithCurrent({ guid: w.bob.guid, currentPassword: w.bob.password, password: strongPassword() }),
      ),
    ).toBe("NotAllowedForArchived");
    expect(
      await codeOf(
        h
          .asToken(w.alice.token)
          .employees.changePasswordWithCurrent({ guid: w.alice.guid, currentPassword: w.alice.password, password: "x" }),
      ),
    ).toBe("RequestIsNotValid");
  });
});

describe("me.changePassword", () => {
  it("works in a restricted session, clears change-required, keeps this session and ends the others", async () => {
    const w = await seedPasswordWorld(h, "MeChange");
    const temp = strongPassword("temp");
    await w.api.employees.setPassword({ guid: w.alice.guid, password: temp });
    const first = await h.signIn(w.alice.email, temp);
    const second = await h.signIn(w.alice.email, temp);
    expect((await h.asSession(second).auth.me()).restricted).toBe(true);
    const next = strongPassword("mine");
    const out = await h.asSession(second).me.changePassword({ currentPassword: temp, newPassword: next });
    expect(out.employee.guid).toBe(w.alice.guid);
    expect((await employeeRow(h, w.alice.guid)).passwordChangeRequired).toBe(false);
    const me = await h.asSession(second).auth.me();
    expect(me.restricted).toBe(false);
    expect(await codeOf(h.asSession(second).me.sessions())).toBe("ok");
    expect(await codeOf(h.asSession(first).auth.me())).toBe("Unauthorized");
    expect(await liveSessions(w.alice.id)).toHaveLength(1);
    expect((await liveSessions(w.alice.id))[0]!.restricted).toBe(false);
    expect(await codeOf(h.signIn(w.alice.email, next))).toBe("ok");
  });

  it("refuses a wrong current password, a bad new one, a service token and anonymous callers", async () => {
    const w = await seedPasswordWorld(h, "MeChangeNo");
    const cookie = await h.signIn(w.alice.email, w.alice.password);
    const before = await snapshot(h);
    const err = await h
      .asSession(cookie)
      .me.changePassword({ currentPassword: "wrong-one", newPassword: strongPassword() })
      .catch((e) => e);
    expect(err.cause).toMatchObject({ code: "RequestIsNotValid", field: "currentPassword" });
    expect(Object.keys(changedBetween(before, await snapshot(h)))).toEqual(["audit_events"]);
    expect((await employeeRow(h, w.alice.guid)).failedSignIns).toBe(1);
    const weak = await h
      .asSession(cookie)
      .me.changePassword({ currentPassword: w.alice.password, newPassword: "Alice-Liddell-2026" })
      .catch((e) => e);
    expect(weak.cause).toMatchObject({ code: "RequestIsNotValid", field: "newPassword" });
    const reuse = await h
      .asSession(cookie)
      .me.changePassword({ currentPassword: w.alice.password, newPassword: w.alice.password })
      .catch((e) => e);
    expect(reuse.cause).toMatchObject({ code: "RequestIsNotValid", field: "newPassword" });
    expect(await codeOf(h.asToken(w.adminToken).me.changePassword({ currentPassword: "x", newPassword: strongPassword() }))).toBe(
      "NoPermissions",
    );
    expect(await codeOf(h.anonymous().me.changePassword({ currentPassword: "x", newPassword: strongPassword() }))).toBe("Unauthorized");
  });

  it("is locked out like sign-in after 10 wrong current passwords, and a restricted session cannot use the admin-style change", async () => {
    const w = await seedPasswordWorld(h, "MeLocked");
    const cookie = await h.signIn(w.alice.email, w.alice.password);
    for (let i = 0; i < 10; i++)
      expect(await codeOf(h.asSession(cookie).me.changePassword({ currentPassword: "wrong-again", newPassword: strongPassword() }))).toBe(
        "RequestIsNotValid",
      );
    const err = await h
      .asSession(cookie)
      .me.changePassword({ currentPassword: w.alice.password, newPassword: strongPassword() })
      .catch((e) => e);
    expect(err.cause.code).toBe("TryLater");
    expect(err.cause.retryAfterSeconds).toBe(900);
    const temp = strongPassword("t");
    await w.api.employees.setPassword({ guid: w.bob.guid, password: temp });
    const restricted = await h.signIn(w.bob.email, temp);
    expect(
      await codeOf(
        h
          .asSession(restricted)
          .employees.changePasswordWithCurrent({ guid: w.bob.guid, currentPassword: temp, password: strongPassword() }),
      ),
    ).toBe("NoPermissions");
  });
});
