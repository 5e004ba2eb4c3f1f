// Guessing activation codes over HTTP from several real source addresses (127.0.0.x): the
// per-address block, that minting your own codes buys no further guesses, and the
// installation-wide budget that no number of addresses gets around.
import { describe, expect, it } from "vitest";
import { fromAddress } from "../fromAddress";
import { useServer, type TestServer } from "../useServer";

async function activate(t: TestServer, from: string, code: string) {
  const res = await fromAddress(from, `${t.url}/auth/activate-workplace`, { body: { activation_code: code } });
  return { status: res.status, code: (JSON.parse(res.body) as { code?: string }).code ?? "ok", retryAfter: res.headers["retry-after"] };
}
const mint = async (t: TestServer, i = 0) =>
  (await t.admin().workplaces.generateActivationCode({ guid: t.world.workplaces[i % 4]!.guid, employeeGuid: t.world.employees[0]!.guid }))
    .code;
/** A well-formed code that matches no live code (live codes are unique, so a changed digit is free). */
const wrongOf = (code: string, k = 1) => code.slice(0, 7) + String((Number(code[7]) + k) % 10);
const DAY_S = 24 * 3600;

describe("wrong activation codes per address", () => {
  const t = useServer();

  it("5 wrong codes from one address refuse it for 24 h, even a valid code; other addresses are not affected", async () => {
    const code = await mint(t);
    for (let i = 0; i < 5; i++) expect((await activate(t, "127.0.0.2", wrongOf(code))).code).toBe("WrongActivationCode");
    expect(await activate(t, "127.0.0.2", code)).toEqual({ status: 429, code: "TryActivateLater", retryAfter: String(DAY_S) });
    expect(await activate(t, "127.0.0.3", code)).toMatchObject({ status: 200, code: "ok" });
  });

  it("an admin who mints codes and redeems them from the same address does not wipe its count", async () => {
    for (let i = 0; i < 4; i++) expect((await activate(t, "127.0.0.4", wrongOf(await mint(t, 1)))).code).toBe("WrongActivationCode");
    expect((await activate(t, "127.0.0.4", await mint(t, 1))).code).toBe("ok");
    expect((await activate(t, "127.0.0.4", wrongOf(await mint(t, 1)))).code).toBe("WrongActivationCode");
    expect((await activate(t, "127.0.0.4", await mint(t, 1))).code).toBe("TryActivateLater");
  });
});

describe("the installation-wide budget (LATCHKEY_ACTIVATION_FAILURES_PER_MINUTE=6, LOCKDOWN_SECONDS=600)", () => {
  const t = useServer({ LATCHKEY_ACTIVATION_FAILURES_PER_MINUTE: "6", LATCHKEY_ACTIVATION_LOCKDOWN_SECONDS: "600" });
  const lockdownEvents = () =>
    t.sql<{ actor_type: string; ip: string }>("SELECT actor_type, ip FROM audit_events WHERE action = 'activation.lockdown'");
  const alerts = () => t.logLines.filter((l) => l.includes('"msg":"activation.lockdown"'));

  it("wrong codes spread over minutes stay under it", async () => {
    const code = await mint(t);
    for (let minute = 0; minute < 3; minute++) {
      for (let i = 0; i < 5; i++)
        expect((await activate(t, `127.0.1.${minute * 5 + i + 1}`, wrongOf(code))).code).toBe("WrongActivationCode");
      t.clock.advance(60_000);
    }
    expect(await lockdownEvents()).toEqual([]);
    expect((await activate(t, "127.0.1.100", code)).code).toBe("ok");
  });

  it("the 6th wrong code within a minute, from 6 addresses none of which is blocked, pauses every activation; an alert line and an audit event say so once", async () => {
    const code = await mint(t, 2);
    for (let i = 1; i <= 6; i++) expect((await activate(t, `127.0.2.${i}`, wrongOf(code))).code).toBe("WrongActivationCode");
    expect(await activate(t, "127.0.2.50", code)).toEqual({ status: 429, code: "TryActivateLater", retryAfter: "600" });
    expect((await activate(t, "127.0.2.51", wrongOf(code))).code).toBe("TryActivateLater");
    expect(await lockdownEvents()).toEqual([{ actor_type: "system", ip: "127.0.2.6" }]);
    expect(alerts()).toHaveLength(1);
    expect(JSON.parse(alerts()[0]!)).toMatchObject({ level: "warn", alert: true, wrongCodesPerMinute: 6, pausedSeconds: 600 });
    // Refused attempts are not guesses: they neither extend the pause nor trip it again.
    t.clock.advance(600_000);
    expect(await activate(t, "127.0.2.50", code)).toMatchObject({ status: 200, code: "ok" });
    expect(await lockdownEvents()).toHaveLength(1);
  });
});

describe("the installation-wide budget set to 0", () => {
  const t = useServer({ LATCHKEY_ACTIVATION_FAILURES_PER_MINUTE: "0" });

  it("is off: only the per-address limit applies", async () => {
    const code = await mint(t);
    for (let a = 1; a <= 5; a++)
      for (let i = 0; i < 4; i++) expect((await activate(t, `127.0.3.${a}`, wrongOf(code))).code).toBe("WrongActivationCode");
    expect((await activate(t, "127.0.3.9", code)).code).toBe("ok");
  });
});
