// Attacks on the request limits: forged tokens, spoofed addresses and switching surfaces must
// not buy an anonymous client more than its per-address budget, and a token's budget is its own.
import { describe, expect, it } from "vitest";
import { useServer } from "../useServer";

const PER_IP = 8;
const PER_TOKEN = 12;
const t = useServer({ LATCHKEY_RATE_LIMIT_PER_IP: String(PER_IP), LATCHKEY_RATE_LIMIT_PER_TOKEN: String(PER_TOKEN) });

describe("request limits", () => {
  it("garbage tokens, spoofed X-Forwarded-For and switching between REST and /api/trpc share one per-address budget", async () => {
    const w = t.world;
    await t.exec("DELETE FROM rate_limits");
    const statuses: number[] = [];
    for (let i = 0; i < PER_IP + 4; i++) {
      const headers = { "x-forwarded-for": `198.51.100.${i}`, authorization: `Bearer lk_${String(i).padStart(12, "a")}_${"A".repeat(43)}` };
      const res =
        i % 3 === 0
          ? await t.call("POST", "/api/trpc/auth.signIn", {
              token: null,
              headers,
              body: { login: w.employees[0]!.email, password: `Wrong-Password-${i}` },
            })
          : i % 3 === 1
            ? await t.call("POST", "/auth/activate-workplace", { token: null, headers, body: { activation_code: "1" } })
            : await t.call("POST", `/v2/users/${w.employees[0]!.guid}/password_reset`, { token: null, headers, body: { returnCode: {} } });
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    expect(statuses.slice(0, PER_IP).every((s) => s !== 429)).toBe(true);
    expect(statuses.slice(PER_IP)).toEqual(Array(4).fill(429));
  });

  it("a valid token has its own budget, which another token or the anonymous budget does not drain", async () => {
    const w = t.world;
    await t.exec("DELETE FROM rate_limits");
    const list = (token: string) =>
      fetch(`${t.url}/api/trpc/employees.list?input=${encodeURIComponent("{}")}`, { headers: { authorization: `Bearer ${token}` } });
    const mine: number[] = [];
    for (let i = 0; i < PER_TOKEN + 2; i++) mine.push((await list(w.tokens.service)).status);
    expect(mine.slice(0, PER_TOKEN).every((s) => s === 200)).toBe(true);
    expect(mine.slice(PER_TOKEN)).toEqual([429, 429]);
    // The REST surface counts against the same token budget.
    expect((await t.call("POST", `/v2/users/${w.employees[1]!.guid}/password_reset`, { body: { returnCode: {} } })).status).toBe(429);
    expect((await list(w.tokens.admin)).status).toBe(200);
    const anon = await t.call("POST", "/auth/activate-workplace", { token: null, body: { activation_code: "1" } });
    expect(anon.status).toBe(401);
    // A new window restores the budget.
    t.clock.advance(61_000);
    expect((await list(w.tokens.service)).status).toBe(200);
  });
});
