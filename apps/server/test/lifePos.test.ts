// LIFE POS over real HTTP: success shapes, every error row of docs/vendors/life-pos.md.
import { describe, expect, it } from "vitest";
import { desc } from "@latchkey/db";
import { afterCooldown, useServer } from "./useServer";
import { expectLifePos } from "./expectations";
import { testTables } from "@latchkey/db/testing";

const { auditEvents } = testTables();

const t = useServer();
const noSms = useServer({ LATCHKEY_SMS_PROVIDER: "none" });
const UNKNOWN = "00000000-0000-4000-8000-000000000000";
const reset = (org: string, emp: string) => `/orgs/${org}/employees/${emp}:reset-password`;
const generate = (org: string, wp: string) => `/orgs/${org}/workplaces/${wp}:generate-activation-code`;

describe("POST /orgs/{org_guid}/employees/{employee_guid}:reset-password", () => {
  it("answers 204 with an empty body and records the X-LP client headers", async () => {
    const w = t.world;
    const res = await t.call("POST", reset(w.org.guid, w.employees[4]!.guid), {
      headers: { "X-LP-Client-Type": "Android", "X-LP-Client-Name": "Till app", "X-LP-Client-Identifier": "dev-42" },
    });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const ev = (await t.services.database.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1))[0]!;
    expect(ev.action).toBe("employee.reset_password");
    expect(ev.outcome).toBe("success");
    expect(ev.requestId).toBe(res.headers.get("x-request-id"));
    expect(JSON.parse(ev.client!)).toMatchObject({ clientType: "Android", clientName: "Till app", clientIdentifier: "dev-42" });
  });

  it("refuses a missing or invalid token with 401 Unauthorized, in English or Russian", async () => {
    const w = t.world;
    const en = await expectLifePos(await t.call("POST", reset(w.org.guid, w.employees[1]!.guid), { token: null }), 401, "Unauthorized");
    expect(en.message).toBe("Authentication is required.");
    const ru = await expectLifePos(
      await t.call("POST", reset(w.org.guid, w.employees[1]!.guid), {
        token: "lk_bogus_token",
        headers: { "Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5" },
      }),
      401,
      "Unauthorized",
    );
    expect(ru.message).toBe("Требуется аутентификация.");
  });

  it("403 NoPermissions for an employee token, 403 NotAllowedForOwner for an admin resetting the owner", async () => {
    const w = t.world;
    await expectLifePos(await t.call("POST", reset(w.org.guid, w.employees[1]!.guid), { token: w.tokens.employee }), 403, "NoPermissions");
    const ru = await expectLifePos(
      await t.call("POST", reset(w.org.guid, w.owner.guid), { token: w.tokens.admin, headers: { "Accept-Language": "ru" } }),
      403,
      "NotAllowedForOwner",
    );
    expect(ru.message).toBe("Операция не разрешена для владельца.");
  });

  it("answers another org's employee exactly like an unknown one (404 NotFound)", async () => {
    const w = t.world;
    const unknown = await t.call("POST", reset(w.org.guid, UNKNOWN));
    const foreign = await t.call("POST", reset(w.org.guid, w.otherEmployee.guid));
    const malformed = await t.call("POST", reset(w.org.guid, "not-a-guid"));
    const bodies = [
      await expectLifePos(unknown, 404, "NotFound"),
      await expectLifePos(foreign, 404, "NotFound"),
      await expectLifePos(malformed, 404, "NotFound"),
    ];
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
  });

  it("answers naming another org (path or X-LP-Organization-Alias) like naming an unknown one", async () => {
    const w = t.world;
    const foreignOrg = await expectLifePos(await t.call("POST", reset(w.other.guid, w.otherEmployee.guid)), 404, "NotFound");
    const unknownOrg = await expectLifePos(await t.call("POST", reset(UNKNOWN, w.otherEmployee.guid)), 404, "NotFound");
    expect(foreignOrg).toEqual(unknownOrg);
    const alias = await t.call("POST", reset(w.org.guid, w.employees[1]!.guid), { headers: { "X-LP-Organization-Alias": w.other.alias } });
    expect(await expectLifePos(alias, 404, "NotFound")).toEqual(unknownOrg);
  });

  it("lets an instance admin act in the org named by the path", async () => {
    const w = t.world;
    const res = await t.call("POST", reset(w.org.guid, w.employees[2]!.guid), { token: w.tokens.instanceAdmin });
    expect(res.status).toBe(204);
  });

  it("422 for an invalid X-LP-Client-Type, an archived employee and an unknown body field", async () => {
    const w = t.world;
    const bad = await expectLifePos(
      await t.call("POST", reset(w.org.guid, w.employees[3]!.guid), { headers: { "X-LP-Client-Type": "Toaster" } }),
      422,
      "RequestIsNotValid",
    );
    expect(bad.info).toContain("X-LP-Client-Type");
    await expectLifePos(await t.call("POST", reset(w.org.guid, w.archived.guid)), 422, "NotAllowedForArchived");
    await expectLifePos(await t.call("POST", reset(w.org.guid, w.employees[3]!.guid), { body: { force: true } }), 422, "RequestIsNotValid");
  });

  it("422 NotificationsAreOutOfService when no SMS provider is configured", async () => {
    const w = noSms.world;
    const body = await expectLifePos(
      await noSms.call("POST", reset(w.org.guid, w.employees[1]!.guid), { headers: { "Accept-Language": "ru" } }),
      422,
      "NotificationsAreOutOfService",
    );
    expect(body.message).toBe("Сервис уведомлений недоступен.");
  });

  it("429 TrySendCodeLater with Retry-After inside the resend cooldown", async () => {
    const w = t.world;
    afterCooldown(t);
    expect((await t.call("POST", reset(w.org.guid, w.employees[3]!.guid))).status).toBe(204);
    const body = await expectLifePos(
      await t.call("POST", reset(w.org.guid, w.employees[3]!.guid), { headers: { "Accept-Language": "ru" } }),
      429,
      "TrySendCodeLater",
    );
    expect(body.message).toBe("Код уже был отправлен недавно. Повторите позже.");
  });
});

describe("POST /orgs/{org_guid}/workplaces/{workplace_guid}:generate-activation-code", () => {
  const ref = (guid: string, type_of = "Employee") => ({ guid, type_of });

  it("answers 200 {activation_code} with 8 digits, for every JSON content type the vendor lists", async () => {
    const w = t.world;
    for (const type of ["application/json", "text/json", "application/json-patch+json", "application/vnd.lifepos+json; charset=utf-8"]) {
      const res = await t.call("POST", generate(w.org.guid, w.workplaces[0]!.guid), {
        body: { employee: ref(w.employees[1]!.guid), outlet: ref(w.workplaces[0]!.outletGuid, "Outlet") },
        headers: { "content-type": type },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store");
      const text = await res.text();
      expect(text).toMatch(/^\{"activation_code":"\d{8}"\}$/);
    }
  });

  it("sends the code by SMS when send_sms is true; PhoneIsNotFound without a phone", async () => {
    const w = t.world;
    afterCooldown(t);
    const ok = await t.call("POST", generate(w.org.guid, w.workplaces[1]!.guid), {
      body: { employee: ref(w.employees[2]!.guid), send_sms: true },
    });
    expect(ok.status).toBe(200);
    const res = await t.call("POST", generate(w.org.guid, w.workplaces[1]!.guid), {
      body: { employee: ref(w.noPhone.guid), send_sms: true },
    });
    await expectLifePos(res, 422, "PhoneIsNotFound");
  });

  it("a wrong type_of, a missing employee, an unknown field, bad JSON or a non-JSON type is RequestIsNotValid", async () => {
    const w = t.world;
    const path = generate(w.org.guid, w.workplaces[0]!.guid);
    const wrongType = await expectLifePos(
      await t.call("POST", path, { body: { employee: ref(w.employees[1]!.guid, "Outlet") } }),
      422,
      "RequestIsNotValid",
    );
    expect(wrongType.info).toContain("employee.type_of");
    await expectLifePos(await t.call("POST", path, { body: { send_sms: false } }), 422, "RequestIsNotValid");
    await expectLifePos(await t.call("POST", path, { body: { employee: ref(w.employees[1]!.guid), extra: 1 } }), 422, "RequestIsNotValid");
    await expectLifePos(await t.call("POST", path, { body: "{not json" }), 422, "RequestIsNotValid");
    const plain = await t.call("POST", path, {
      body: JSON.stringify({ employee: ref(w.employees[1]!.guid) }),
      headers: { "content-type": "text/plain" },
    });
    await expectLifePos(plain, 422, "RequestIsNotValid");
  });

  it("ReferenceNotFound for a body employee/outlet of another org, exactly like an unknown one", async () => {
    const w = t.world;
    const path = generate(w.org.guid, w.workplaces[0]!.guid);
    const a = await expectLifePos(await t.call("POST", path, { body: { employee: ref(UNKNOWN) } }), 404, "ReferenceNotFound");
    const b = await expectLifePos(await t.call("POST", path, { body: { employee: ref(w.otherEmployee.guid) } }), 404, "ReferenceNotFound");
    expect(b).toEqual(a);
    const c = await expectLifePos(
      await t.call("POST", path, { body: { employee: ref(w.employees[1]!.guid), outlet: ref(UNKNOWN, "Outlet") } }),
      404,
      "ReferenceNotFound",
    );
    const d = await expectLifePos(
      await t.call("POST", path, { body: { employee: ref(w.employees[1]!.guid), outlet: ref(w.otherOutlet.guid, "Outlet") } }),
      404,
      "ReferenceNotFound",
    );
    expect(d).toEqual(c);
  });

  it("NotFound for a path workplace of another org, exactly like an unknown one", async () => {
    const w = t.world;
    const body = { employee: ref(w.employees[1]!.guid) };
    const a = await expectLifePos(await t.call("POST", generate(w.org.guid, UNKNOWN), { body }), 404, "NotFound");
    const b = await expectLifePos(await t.call("POST", generate(w.org.guid, w.otherWorkplace.guid), { body }), 404, "NotFound");
    expect(b).toEqual(a);
    const c = await expectLifePos(
      await t.call("POST", generate(w.other.guid, w.otherWorkplace.guid), { body, token: w.tokens.admin }),
      404,
      "NotFound",
    );
    expect(c.code).toBe("NotFound");
  });
});

describe("POST /auth/activate-workplace", () => {
  it("activates with the code alone (no token) and answers the four references", async () => {
    const w = t.world;
    const gen = await t.call("POST", generate(w.org.guid, w.workplaces[2]!.guid), { body: { employee: { guid: w.employees[0]!.guid } } });
    const { activation_code } = (await gen.json()) as { activation_code: string };
    const res = await t.call("POST", "/auth/activate-workplace", { token: null, body: { activation_code } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      workplace: { guid: w.workplaces[2]!.guid, type_of: "Workplace" },
      organization: { guid: w.org.guid, type_of: "Organization" },
      outlet: { guid: w.workplaces[2]!.outletGuid, type_of: "Outlet" },
      employee: { guid: w.employees[0]!.guid, type_of: "Employee" },
    });
    // One-time: the same code again is wrong.
    await expectLifePos(
      await t.call("POST", "/auth/activate-workplace", { token: null, body: { activation_code } }),
      401,
      "WrongActivationCode",
    );
  });

  it("422 for a malformed code, then 429 TryActivateLater after five wrong codes from one address", async () => {
    await expectLifePos(
      await t.call("POST", "/auth/activate-workplace", { token: null, body: { activation_code: "12ab" } }),
      422,
      "RequestIsNotValid",
    );
    for (let i = 0; i < 4; i++) {
      await expectLifePos(
        await t.call("POST", "/auth/activate-workplace", { token: null, body: { activation_code: "00000001" } }),
        401,
        "WrongActivationCode",
      );
    }
    await expectLifePos(
      await t.call("POST", "/auth/activate-workplace", { token: null, body: { activation_code: "00000001" } }),
      429,
      "TryActivateLater",
    );
  });
});
