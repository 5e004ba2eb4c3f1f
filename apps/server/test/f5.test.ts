// F5 Distributed Cloud admin_reset over real HTTP, short and long form, every status of docs/vendors/f5-distributed-cloud.md.
import { describe, expect, it } from "vitest";
import { afterCooldown, useServer } from "./useServer";
import { expectF5 } from "./expectations";

const t = useServer();
const noEmail = useServer({ LATCHKEY_EMAIL_PROVIDER: "none" });
const SHORT = "/api/web/custom/password/admin_reset";
const LONG = "/api/v1/api/production/us-east-1/namespaces/default/api/web/custom/password/admin_reset";

describe("POST …/api/web/custom/password/admin_reset", () => {
  it("answers 200 {} on the short and the long form", async () => {
    const w = t.world;
    for (const [path, who] of [
      [SHORT, w.employees[1]!],
      [LONG, w.employees[2]!],
    ] as const) {
      const res = await t.call("POST", path, { body: { email: who.email } });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe("{}");
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    }
  });

  it("400 (3) for an unknown field, a bad email, no body or a non-JSON type", async () => {
    const w = t.world;
    await expectF5(await t.call("POST", SHORT, { body: { email: w.employees[3]!.email, tenant: "x" } }), 400, 3);
    await expectF5(await t.call("POST", SHORT, { body: { email: "not-an-email" } }), 400, 3);
    await expectF5(await t.call("POST", SHORT), 400, 3);
    await expectF5(
      await t.call("POST", SHORT, {
        body: `email=${w.employees[3]!.email}`,
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
      400,
      3,
    );
  });

  it("401 (16) without a valid token, 403 (7) without admin rights or for the owner", async () => {
    const w = t.world;
    await expectF5(await t.call("POST", LONG, { token: null, body: { email: w.employees[3]!.email } }), 401, 16);
    await expectF5(await t.call("POST", LONG, { token: "lk_nope_nope", body: { email: w.employees[3]!.email } }), 401, 16);
    await expectF5(await t.call("POST", SHORT, { token: w.tokens.employee, body: { email: w.employees[3]!.email } }), 403, 7);
    await expectF5(await t.call("POST", SHORT, { token: w.tokens.admin, body: { email: `owner@${w.org.alias}.test` } }), 403, 7);
  });

  it("404 (5) for an unknown email and, identically, another org's user", async () => {
    const w = t.world;
    const a = await expectF5(await t.call("POST", SHORT, { body: { email: "nobody@nowhere.test" } }), 404, 5);
    const b = await expectF5(await t.call("POST", SHORT, { body: { email: w.otherEmployee.email } }), 404, 5);
    expect(b).toEqual(a);
  });

  it("409 (9) for an archived user, 429 (8) with Retry-After inside the resend cooldown", async () => {
    const w = t.world;
    await expectF5(await t.call("POST", SHORT, { body: { email: w.archived.email } }), 409, 9);
    afterCooldown(t);
    expect((await t.call("POST", SHORT, { body: { email: w.employees[3]!.email } })).status).toBe(200);
    await expectF5(await t.call("POST", SHORT, { body: { email: w.employees[3]!.email } }), 429, 8);
  });

  it("503 (14) when no delivery provider is configured", async () => {
    const w = noEmail.world;
    await expectF5(await noEmail.call("POST", SHORT, { body: { email: w.noPhone.email } }), 503, 14);
  });
});
