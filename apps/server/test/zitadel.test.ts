// ZITADEL (docs/vendors/zitadel.md) over real HTTP: v1 set password, v2 password (current / code / admin) and
// v2 password_reset, gRPC-gateway errors with zitadel.v1.ErrorDetail, x-zitadel-orgid tenancy.
import { describe, expect, it } from "vitest";
import { createCaller, createSystemContext } from "@latchkey/api";
import { freshPassword, NEW_PASSWORD, PASSWORD } from "./passwords";
import { afterCooldown, useServer } from "./useServer";
import { expectZitadel, expectZitadelRule } from "./expectations";

const t = useServer();
const UNKNOWN = "00000000-0000-4000-8000-000000000000";
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const v1 = (id: string) => `/management/v1/users/${id}/password`;
const v2 = (id: string) => `/v2/users/${id}/password`;
const v2reset = (id: string) => `/v2/users/${id}/password_reset`;

const employee = (guid: string) =>
  createCaller(createSystemContext(t.services, { org: { guid: t.world.org.guid } })).employees.get({ guid });

describe("POST /management/v1/users/{user_id}/password", () => {
  it("sets the password and answers details (sequence as a string, RFC 3339 dates, the org as owner)", async () => {
    const w = t.world;
    const before = (await employee(w.employees[1]!.guid)).sequence;
    const res = await t.call("POST", v1(w.employees[1]!.guid), { body: { password: NEW_PASSWORD } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { details: Record<string, string> };
    expect(Object.keys(body)).toEqual(["details"]);
    expect(Object.keys(body.details)).toEqual(["sequence", "creationDate", "changeDate", "resourceOwner"]);
    expect(body.details.sequence).toBe(String(before + 1));
    expect(body.details.creationDate).toMatch(RFC3339);
    expect(body.details.changeDate).toMatch(RFC3339);
    expect(body.details.resourceOwner).toBe(w.org.guid);
    // Per default the user must change the password at next sign-in.
    expect((await employee(w.employees[1]!.guid)).passwordChangeRequired).toBe(true);
  });

  it("accepts noChangeRequired and no_change_required", async () => {
    const w = t.world;
    for (const key of ["noChangeRequired", "no_change_required"]) {
      const res = await t.call("POST", v1(w.employees[1]!.guid), { body: { password: freshPassword(), [key]: true } });
      expect(res.status).toBe(200);
      expect((await employee(w.employees[1]!.guid)).passwordChangeRequired).toBe(false);
    }
  });

  it("400 (3) for an empty or 73-character password, an unknown field, a duplicated field or no body", async () => {
    const id = t.world.employees[1]!.guid;
    await expectZitadelRule(await t.call("POST", v1(id), { body: { password: "" } }));
    await expectZitadelRule(await t.call("POST", v1(id), { body: { password: "a".repeat(73) } }));
    await expectZitadel(await t.call("POST", v1(id), { body: { password: NEW_PASSWORD, userName: "x" } }), 400, 3);
    await expectZitadel(
      await t.call("POST", v1(id), { body: { password: NEW_PASSWORD, noChangeRequired: true, no_change_required: true } }),
      400,
      3,
    );
    await expectZitadelRule(await t.call("POST", v1(id)));
  });

  it("401 (16) without a token, 403 (7) without admin rights or for the owner, 400 (9) for an archived user", async () => {
    const w = t.world;
    await expectZitadel(await t.call("POST", v1(w.employees[1]!.guid), { token: null, body: { password: NEW_PASSWORD } }), 401, 16);
    await expectZitadel(
      await t.call("POST", v1(w.employees[1]!.guid), { token: w.tokens.employee, body: { password: NEW_PASSWORD } }),
      403,
      7,
    );
    await expectZitadel(await t.call("POST", v1(w.owner.guid), { token: w.tokens.admin, body: { password: NEW_PASSWORD } }), 403, 7);
    await expectZitadel(await t.call("POST", v1(w.archived.guid), { body: { password: NEW_PASSWORD } }), 400, 9);
  });

  it("404 (5) for an unknown user and, identically, another org's user or another org named by x-zitadel-orgid", async () => {
    const w = t.world;
    const a = await expectZitadel(await t.call("POST", v1(UNKNOWN), { body: { password: NEW_PASSWORD } }), 404, 5);
    const b = await expectZitadel(await t.call("POST", v1(w.otherEmployee.guid), { body: { password: NEW_PASSWORD } }), 404, 5);
    expect(b).toEqual(a);
    const c = await expectZitadel(
      await t.call("POST", v1(w.otherEmployee.guid), { body: { password: NEW_PASSWORD }, headers: { "x-zitadel-orgid": w.other.guid } }),
      404,
      5,
    );
    const d = await expectZitadel(
      await t.call("POST", v1(w.otherEmployee.guid), { body: { password: NEW_PASSWORD }, headers: { "x-zitadel-orgid": UNKNOWN } }),
      404,
      5,
    );
    expect(c).toEqual(d);
  });

  it("lets an instance admin act in another org named by x-zitadel-orgid", async () => {
    const w = t.world;
    const res = await t.call("POST", v1(w.otherEmployee.guid), {
      token: w.tokens.instanceAdmin,
      body: { password: NEW_PASSWORD },
      headers: { "x-zitadel-orgid": w.other.guid },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { details: { resourceOwner: string } }).details.resourceOwner).toBe(w.other.guid);
  });
});

describe("POST /v2/users/{user_id}/password and /password_reset", () => {
  it("password_reset with returnCode answers the code; v2 password with verificationCode completes the reset", async () => {
    const w = t.world;
    const id = w.employees[2]!.guid;
    const res = await t.call("POST", v2reset(id), { body: { returnCode: {} } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { details: Record<string, string>; verificationCode: string };
    expect(Object.keys(body)).toEqual(["details", "verificationCode"]);
    expect(Object.keys(body.details)).toEqual(["sequence", "changeDate", "resourceOwner"]);
    expect(body.verificationCode).toMatch(/^\d{8}$/);
    const wrong = body.verificationCode === "00000000" ? "11111111" : "00000000";
    await expectZitadel(
      await t.call("POST", v2(id), { body: { newPassword: { password: NEW_PASSWORD }, verificationCode: wrong } }),
      400,
      3,
    );
    const done = await t.call("POST", v2(id), {
      body: { newPassword: { password: NEW_PASSWORD }, verificationCode: body.verificationCode },
    });
    expect(done.status).toBe(200);
    const details = ((await done.json()) as { details: Record<string, string> }).details;
    expect(Object.keys(details)).toEqual(["sequence", "changeDate", "resourceOwner"]);
    expect(details.changeDate).toMatch(RFC3339);
  });

  it("sendLink by email or SMS answers details without a code; SMS without a phone is 400 (9); the cooldown is 429 (8)", async () => {
    const w = t.world;
    afterCooldown(t);
    const email = await t.call("POST", v2reset(w.employees[3]!.guid), {
      body: { sendLink: { notificationType: "NOTIFICATION_TYPE_Email" } },
    });
    expect(email.status).toBe(200);
    expect(Object.keys((await email.json()) as object)).toEqual(["details"]);
    const sms = await t.call("POST", v2reset(w.employees[4]!.guid), {
      body: { send_link: { notification_type: "NOTIFICATION_TYPE_SMS" } },
    });
    expect(sms.status).toBe(200);
    await expectZitadel(
      await t.call("POST", v2reset(w.noPhone.guid), { body: { sendLink: { notificationType: "NOTIFICATION_TYPE_SMS" } } }),
      400,
      9,
    );
    await expectZitadel(await t.call("POST", v2reset(w.employees[3]!.guid), { body: { sendLink: {} } }), 429, 8);
    await expectZitadel(await t.call("POST", v2reset(w.employees[3]!.guid), { body: { sendLink: {}, returnCode: {} } }), 400, 3);
    await expectZitadel(await t.call("POST", v2reset(w.otherEmployee.guid), { body: { returnCode: {} } }), 404, 5);
  });

  it("v2 password with currentPassword: a wrong one is 400 (3), the right one changes it", async () => {
    const w = t.world;
    const id = w.admin.guid;
    await expectZitadel(
      await t.call("POST", v2(id), { body: { newPassword: { password: NEW_PASSWORD }, currentPassword: "Wrong-password-123" } }),
      400,
      3,
    );
    const ok = await t.call("POST", v2(id), {
      token: w.tokens.admin,
      body: { newPassword: { password: NEW_PASSWORD, changeRequired: false }, currentPassword: PASSWORD },
    });
    expect(ok.status).toBe(200);
  });

  it("v2 password with neither needs admin rights (403 (7) for an employee token); both at once is 400 (3)", async () => {
    const w = t.world;
    await expectZitadel(
      await t.call("POST", v2(w.employees[1]!.guid), { token: w.tokens.employee, body: { newPassword: { password: NEW_PASSWORD } } }),
      403,
      7,
    );
    await expectZitadel(
      await t.call("POST", v2(w.employees[1]!.guid), {
        body: { newPassword: { password: NEW_PASSWORD }, currentPassword: PASSWORD, verificationCode: "12345678" },
      }),
      400,
      3,
    );
    const quiet = await t.call("POST", v2(w.employees[1]!.guid), {
      body: { newPassword: { password: freshPassword(), changeRequired: false } },
    });
    expect(quiet.status).toBe(200);
    expect((await employee(w.employees[1]!.guid)).passwordChangeRequired).toBe(false);
    // Unsaid, an admin set requires a change at next sign-in (docs/SPEC.md §2.1).
    const admin = await t.call("POST", v2(w.employees[1]!.guid), { body: { newPassword: { password: freshPassword() } } });
    expect(admin.status).toBe(200);
    expect((await employee(w.employees[1]!.guid)).passwordChangeRequired).toBe(true);
  });
});
