// tRPC batching must not multiply a client's budget: one HTTP request carrying hundreds of
// sign-in attempts (each an argon2id verification) is hundreds of attempts, not one.
import { describe, expect, it } from "vitest";
import { useServer } from "../useServer";

const PER_IP = 5;
const t = useServer({ LATCHKEY_RATE_LIMIT_PER_IP: String(PER_IP), LATCHKEY_RATE_LIMIT_PER_TOKEN: "20" });
const attempts = async () => (await t.sql<{ n: number }>("SELECT count(*) AS n FROM audit_events WHERE action = 'auth.sign_in'"))[0]!.n;

describe("batched calls and the request limits", () => {
  it("a batch of 200 anonymous sign-ins runs no more than the per-address budget", async () => {
    const input: Record<string, unknown> = {};
    for (let i = 0; i < 200; i++) input[i] = { login: `nobody${i}@nowhere.test`, password: `Wrong-password-${i}` };
    const before = await attempts();
    const res = await fetch(`${t.url}/api/trpc/${Array(200).fill("auth.signIn").join(",")}?batch=1`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(input),
    });
    expect(res.status).toBeLessThan(500);
    expect((await attempts()) - before).toBeLessThanOrEqual(PER_IP);
  });

  it("a token's batch counts every call against the token's budget", async () => {
    const w = t.world;
    await t.exec("DELETE FROM rate_limits");
    const input: Record<string, unknown> = {};
    for (let i = 0; i < 50; i++) input[i] = {};
    const res = await fetch(
      `${t.url}/api/trpc/${Array(50).fill("employees.list").join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`,
      {
        headers: { authorization: `Bearer ${w.tokens.service}` },
      },
    );
    const body = (await res.json()) as unknown;
    const served = Array.isArray(body) ? body.filter((r: { result?: unknown }) => r.result !== undefined).length : 0;
    expect(served).toBeLessThanOrEqual(20);
  });
});
