// Attacks on one-time codes over HTTP: guessing, reusing, redeeming for the wrong person or
// after expiry, and hiding behind the limits. Each must fail without changing anything.
import { describe, expect, it } from "vitest";
import { expectNoEffect } from "../expectNoEffect";
import { fromAddress } from "../fromAddress";
import { afterCooldown, useServer } from "../useServer";

const t = useServer();

const returnCode = async (guid: string) => {
  const res = await t.call("POST", `/v2/users/${guid}/password_reset`, { body: { returnCode: {} } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { verificationCode: string }).verificationCode;
};
const other = (code: string) => String((Number(code) + 1) % 1e8).padStart(8, "0");

describe("reset codes", () => {
  it("die after 5 wrong tries, counted across families and addresses; the right code is then refused too", async () => {
    const who = t.world.employees[0]!;
    const code = await returnCode(who.guid);
    for (let i = 0; i < 5; i++) {
      // Four from this test's own address (the most one address may make against a code), the fifth from another.
      const res =
        i === 4
          ? await fromAddress("127.0.0.9", `${t.url}/api/trpc/auth.completePasswordReset`, {
              body: { login: who.email, code: other(code), newPassword: "Quiet-Meadow-Copper-58" },
            })
          : i % 2 === 0
            ? await t.call("POST", `/v2/users/${who.guid}/password`, {
                body: { newPassword: { password: "Quiet-Meadow-Copper-58" }, verificationCode: other(code) },
              })
            : await t.call("POST", "/api/trpc/auth.completePasswordReset", {
                token: null,
                body: { login: who.email, code: other(code), newPassword: "Quiet-Meadow-Copper-58" },
              });
      expect(res.status).toBe(400);
    }
    await expectNoEffect(t, async () => {
      const fromThird = await fromAddress("127.0.0.10", `${t.url}/api/trpc/auth.completePasswordReset`, {
        body: { login: who.email, code, newPassword: "Quiet-Meadow-Copper-58" },
      });
      return new Response(fromThird.body, { status: fromThird.status });
    });
  });

  it("one address cannot end someone else's code: after 4 wrong tries the code is gone for that address only", async () => {
    const who = t.world.employees[4]!;
    afterCooldown(t);
    const code = await returnCode(who.guid);
    const complete = (from: string, c: string) =>
      fromAddress(from, `${t.url}/api/trpc/auth.completePasswordReset`, {
        body: { login: who.email, code: c, newPassword: "Quiet-Meadow-Copper-58" },
      });
    for (let i = 0; i < 8; i++) {
      const res = await complete("127.0.0.5", other(code));
      expect(res.status).toBe(400);
      expect(res.body).toContain("InvalidConfirmationCode");
    }
    // The attacker's address gets the right code refused too (the same answer: nothing to tell apart)…
    await expectNoEffect(t, async () => {
      const again = await complete("127.0.0.5", code);
      expect(again.body).toContain("InvalidConfirmationCode");
      return new Response(again.body, { status: again.status });
    });
    const [row] = await t.sql<{ failed_attempts: number; revoked_at: number | null }>(
      "SELECT failed_attempts, revoked_at FROM reset_codes WHERE employee_id = ? ORDER BY id DESC LIMIT 1",
      who.id,
    );
    expect(row).toEqual({ failed_attempts: 4, revoked_at: null });
    // …while the employee, from their own address, completes the reset.
    expect((await complete("127.0.0.6", code)).status).toBe(200);
  });

  it("belong to one employee: another employee's code, or another organization's, does nothing", async () => {
    const w = t.world;
    afterCooldown(t);
    const mine = await returnCode(w.employees[1]!.guid);
    await expectNoEffect(t, async () => [
      await t.call("POST", `/v2/users/${w.employees[2]!.guid}/password`, {
        body: { newPassword: { password: "Quiet-Meadow-Copper-58" }, verificationCode: mine },
      }),
      await t.call("POST", "/api/trpc/auth.completePasswordReset", {
        token: null,
        body: { login: w.employees[2]!.email, code: mine, newPassword: "Quiet-Meadow-Copper-58" },
      }),
      await t.call("POST", `/v2/users/${w.otherEmployee.guid}/password`, {
        body: { newPassword: { password: "Quiet-Meadow-Copper-58" }, verificationCode: mine },
        token: w.tokens.otherAdmin,
      }),
    ]);
  });

  it("expire, are replaced by a newer code, and work once", async () => {
    const who = t.world.employees[3]!;
    const old = await returnCode(who.guid);
    const fresh = await returnCode(who.guid);
    const set = (code: string) =>
      t.call("POST", `/v2/users/${who.guid}/password`, {
        body: { newPassword: { password: "Quiet-Meadow-Copper-58" }, verificationCode: code },
      });
    await expectNoEffect(t, async () => set(old));
    expect((await set(fresh)).status).toBe(200);
    await expectNoEffect(t, async () => set(fresh));
    const late = await returnCode(who.guid);
    t.clock.advance(60 * 60_000 + 1);
    await expectNoEffect(t, async () => set(late));
  });

  it("completing a reset signs nothing in and issues no credential", async () => {
    const who = t.world.employees[2]!;
    const code = await returnCode(who.guid);
    const res = await t.call("POST", "/api/trpc/auth.completePasswordReset", {
      token: null,
      body: { login: who.email, code, newPassword: "Quiet-Meadow-Copper-58" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await res.text()).not.toMatch(/lk_[a-z0-9]{12}_|lk_session/);
    expect(await t.sql("SELECT id FROM sessions WHERE employee_id = ? AND revoked_at IS NULL", who.id)).toEqual([]);
  });

  it("a reset ends the employee's tokens and sessions at once", async () => {
    const w = t.world;
    const me = await fetch(`${t.url}/api/trpc/auth.me`, { headers: { authorization: `Bearer ${w.tokens.employee}` } });
    expect(me.status).toBe(200);
    afterCooldown(t);
    const reset = await t.call("POST", `/orgs/${w.org.guid}/employees/${w.tokenHolder.guid}:reset-password`);
    expect(reset.status).toBe(204);
    const after = await fetch(`${t.url}/api/trpc/auth.me`, { headers: { authorization: `Bearer ${w.tokens.employee}` } });
    expect(after.status).toBe(401);
  });
});

describe("activation codes", () => {
  it("work once, only while live, and the newest code replaces older ones", async () => {
    const w = t.world;
    const gen = async (wp: string) => {
      const res = await t.call("POST", `/orgs/${w.org.guid}/workplaces/${wp}:generate-activation-code`, {
        body: { employee: { guid: w.employees[4]!.guid } },
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { activation_code: string }).activation_code;
    };
    const activate = (code: string) => t.call("POST", "/auth/activate-workplace", { token: null, body: { activation_code: code } });
    const first = await gen(w.workplaces[0]!.guid);
    const second = await gen(w.workplaces[0]!.guid);
    await expectNoEffect(t, async () => activate(first));
    // Leading zeros, spaces and padding are not another spelling of a live code.
    await expectNoEffect(t, async () => [
      await activate(` ${second}`),
      await activate(`${second} `),
      await activate(`0${second}`.slice(0, 9)),
      await t.call("POST", "/auth/activate-workplace", { token: null, body: { activation_code: Number(second) } }),
    ]);
    expect((await activate(second)).status).toBe(200);
    await expectNoEffect(t, async () => activate(second));
    const expiring = await gen(w.workplaces[1]!.guid);
    t.clock.advance(60 * 60_000 + 1);
    await expectNoEffect(t, async () => activate(expiring));
  });

  it("after 5 wrong codes an address is refused even a valid code (checked before the code)", async () => {
    const w = t.world;
    await t.exec("DELETE FROM rate_limits");
    const res = await t.call("POST", `/orgs/${w.org.guid}/workplaces/${w.workplaces[2]!.guid}:generate-activation-code`, {
      body: { employee: { guid: w.employees[4]!.guid } },
    });
    const { activation_code } = (await res.json()) as { activation_code: string };
    const activate = (code: string) => t.call("POST", "/auth/activate-workplace", { token: null, body: { activation_code: code } });
    // Differs from the live code in its first digit, so it can never be it.
    const wrong = (i: number) => `${(Number(activation_code[0]) + 1) % 10}${activation_code.slice(1, 7)}${i}`;
    for (let i = 0; i < 5; i++) expect((await activate(wrong(i))).status).toBe(401);
    const [blocked] = await expectNoEffect(t, async () => activate(activation_code));
    expect(blocked!.status).toBe(429);
    expect(Number(blocked!.headers.get("retry-after"))).toBeGreaterThan(3600);
  });
});
