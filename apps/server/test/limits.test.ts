// Rate limits (per token, per IP, also on /api/trpc) and Idempotency-Key replay, over real HTTP.
import { describe, expect, it } from "vitest";
import { eq } from "@latchkey/db";
import { freshPassword } from "./passwords";
import { useServer } from "./useServer";
import { expectExpensesJson, expectF5, expectLifePos, expectZitadel } from "./expectations";
import { testTables } from "@latchkey/db/testing";

const { auditEvents, idempotencyRecords } = testTables();

const limited = useServer({ LATCHKEY_RATE_LIMIT_PER_TOKEN: "3", LATCHKEY_RATE_LIMIT_PER_IP: "2" });
const t = useServer();
const UNKNOWN = "00000000-0000-4000-8000-000000000000";

describe("rate limits (3/min per token, 2/min per IP in this test)", () => {
  it("answers 429 with Retry-After in the family envelope once a token is over its limit", async () => {
    const w = limited.world;
    const token = w.tokens.service;
    for (let i = 0; i < 3; i++) {
      expect((await limited.call("POST", `/management/v1/users/${UNKNOWN}/password`, { token, body: { password: "x" } })).status).toBe(404);
    }
    await expectZitadel(await limited.call("POST", `/management/v1/users/${UNKNOWN}/password`, { token, body: { password: "x" } }), 429, 8);
    await expectF5(await limited.call("POST", "/api/web/custom/password/admin_reset", { token, body: { email: "a@b.test" } }), 429, 8);
    const ex = await limited.call("PATCH", `/Employees/${w.employees[1]!.id}/ChangePassword`, { token, body: '"Long-enough-password-1"' });
    await expectExpensesJson(ex, 429, "TooManyRequests");
    const lp = await expectLifePos(
      await limited.call("POST", `/orgs/${w.org.guid}/employees/${UNKNOWN}:reset-password`, { token }),
      429,
      "TooManyRequests",
    );
    expect(lp.code).toBe("TooManyRequests");
    // Another token has its own budget.
    expect(
      (await limited.call("POST", `/management/v1/users/${UNKNOWN}/password`, { token: w.tokens.owner, body: { password: "x" } })).status,
    ).toBe(404);
    limited.clock.advance(61_000);
    expect((await limited.call("POST", `/management/v1/users/${UNKNOWN}/password`, { token, body: { password: "x" } })).status).toBe(404);
  });

  it("limits unauthenticated callers per IP", async () => {
    for (let i = 0; i < 2; i++) {
      await expectLifePos(
        await limited.call("POST", "/auth/activate-workplace", { token: null, body: { activation_code: "abc" } }),
        422,
        "RequestIsNotValid",
      );
    }
    const res = await limited.call("POST", "/auth/activate-workplace", { token: null, body: { activation_code: "abc" } });
    await expectLifePos(res, 429, "TooManyRequests");
    await expectF5(await limited.call("POST", "/api/web/custom/password/admin_reset", { token: "lk_invalid_token", body: {} }), 429, 8);
  });

  it("applies the token limit to /api/trpc too", async () => {
    const token = limited.world.tokens.admin;
    const get = () => fetch(`${limited.url}/api/trpc/organizations.current`, { headers: { authorization: `Bearer ${token}` } });
    for (let i = 0; i < 3; i++) expect((await get()).status).toBe(200);
    const res = await get();
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("Idempotency-Key", async () => {
  const countGenerations = async () =>
    (await t.services.database.db.select().from(auditEvents).where(eq(auditEvents.action, "workplace.generate_activation_code"))).length;

  it("replays the stored success for the same key and request, without running it again", async () => {
    const w = t.world;
    const path = `/orgs/${w.org.guid}/workplaces/${w.workplaces[3]!.guid}:generate-activation-code`;
    const body = { employee: { guid: w.employees[1]!.guid, type_of: "Employee" } };
    const first = await t.call("POST", path, { body, headers: { "idempotency-key": "gen-1" } });
    expect(first.status).toBe(200);
    const code = ((await first.json()) as { activation_code: string }).activation_code;
    const events = await countGenerations();
    const again = await t.call("POST", path, { body, headers: { "idempotency-key": "gen-1" } });
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual({ activation_code: code });
    expect(await countGenerations()).toBe(events);
    // The stored response is sealed: the database never holds the code in clear.
    for (const row of await t.services.database.db.select().from(idempotencyRecords)) expect(row.response).not.toContain(code);
    // The same key with another request is refused.
    const other = await t.call("POST", path, {
      body: { employee: { guid: w.employees[2]!.guid } },
      headers: { "idempotency-key": "gen-1" },
    });
    await expectLifePos(other, 422, "RequestIsNotValid");
  });

  it("keeps only successes: a failed request runs again on retry", async () => {
    const w = t.world;
    const path = `/orgs/${w.org.guid}/workplaces/${w.workplaces[3]!.guid}:generate-activation-code`;
    const body = { employee: { guid: w.noPhone.guid }, send_sms: true };
    await expectLifePos(await t.call("POST", path, { body, headers: { "idempotency-key": "gen-2" } }), 422, "PhoneIsNotFound");
    await expectLifePos(await t.call("POST", path, { body, headers: { "idempotency-key": "gen-2" } }), 422, "PhoneIsNotFound");
  });

  it("replays an Expenses password change that history would refuse to run twice", async () => {
    const w = t.world;
    const password = JSON.stringify(freshPassword());
    const path = `/Employees/${w.employees[2]!.id}/ChangePassword`;
    const a = await t.call("PATCH", path, { body: password, headers: { "idempotency-key": "chg-1" } });
    const b = await t.call("PATCH", path, { body: password, headers: { "idempotency-key": "chg-1" } });
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await b.text()).toBe(await a.text());
    const c = await t.call("PATCH", path, { body: password });
    expect(c.status).toBe(400);
  });

  it("refuses a malformed key in the family envelope", async () => {
    const res = await t.call("POST", "/api/web/custom/password/admin_reset", {
      body: { email: "a@b.test" },
      headers: { "idempotency-key": "has space" },
    });
    await expectF5(res, 400, 3);
  });
});
