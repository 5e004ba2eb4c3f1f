// Attacks on sign-in and sessions over /api/trpc: account enumeration, forged, stale and mixed
// credentials, restricted sessions reaching for admin rights, and idempotency keys replayed by
// someone else (a stored answer may hold a code shown once).
import { describe, expect, it } from "vitest";
import { comparable } from "./comparable";
import { expectNoEffect } from "../expectNoEffect";
import { PASSWORD } from "../passwords";
import { useServer } from "../useServer";

const t = useServer();
const same = { "sec-fetch-site": "same-origin" };

async function signIn(login: string, password: string, extra: object = {}): Promise<Response> {
  return fetch(`${t.url}/api/trpc/auth.signIn`, {
    method: "POST",
    headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" },
    body: JSON.stringify({ login, password, ...extra }),
  });
}
const cookieOf = (res: Response) => (res.headers.get("set-cookie") ?? "").split(";")[0]!;
const me = (cookie: string, extra: Record<string, string> = {}) => fetch(`${t.url}/api/trpc/auth.me`, { headers: { cookie, ...extra } });

describe("sign-in", () => {
  it("an unknown login, a wrong password, an archived employee and another org's employee all get the same answer", async () => {
    const w = t.world;
    const answers = [
      await signIn("nobody@nowhere.test", "Some-Wrong-Password-1"),
      await signIn(w.employees[0]!.email, "Some-Wrong-Password-1"),
      await signIn(w.archived.email, PASSWORD),
      await signIn(w.otherEmployee.email, PASSWORD, { organization: w.org.alias }),
      await signIn(w.employees[0]!.email, PASSWORD, { organization: w.other.alias }),
    ];
    const bodies = await Promise.all(answers.map(comparable));
    for (const b of bodies) expect(b).toEqual(bodies[0]);
    expect(bodies[0]!.status).toBe(401);
    for (const r of answers) expect(r.headers.get("set-cookie")).toBeNull();
  });
});

describe("reset completion", () => {
  it("an unknown login, a login without a code, one with a live code, an archived one and another org's all get the same answer", async () => {
    const w = t.world;
    const reset = await t.call("POST", `/v2/users/${w.employees[3]!.guid}/password_reset`, { body: { returnCode: {} } });
    expect(reset.status).toBe(200);
    const { verificationCode } = (await reset.json()) as { verificationCode: string };
    const wrong = verificationCode === "12345678" ? "87654321" : "12345678";
    const logins = ["nobody@nowhere.test", w.employees[0]!.email, w.employees[3]!.email, w.archived.email, w.otherEmployee.email];
    const answers = [];
    for (const login of logins) {
      const res = await t.call("POST", "/api/trpc/auth.completePasswordReset", {
        token: null,
        body: { login, code: wrong, newPassword: "Quiet-Meadow-Copper-58" },
      });
      answers.push(await comparable(res));
    }
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(answers[0]!.status).toBe(400);
  });
});

describe("session cookies", () => {
  it("forged, truncated, signed-out and idle-expired cookies are anonymous; a bad bearer is not rescued by a good cookie", async () => {
    const w = t.world;
    const good = cookieOf(await signIn(w.employees[1]!.email, PASSWORD));
    expect((await me(good)).status).toBe(200);
    const value = good.slice("lk_session=".length);
    const [id] = value.split(".");
    const dead = cookieOf(await signIn(w.employees[1]!.email, PASSWORD));
    await fetch(`${t.url}/api/trpc/auth.signOut`, {
      method: "POST",
      headers: { cookie: dead, "content-type": "application/json", ...same, origin: t.url },
      body: "{}",
    });
    const forged = [
      `lk_session=${id}.${"A".repeat(43)}`,
      `lk_session=${value.slice(0, -1)}`,
      `lk_session=${value}x`,
      `lk_session=${"A".repeat(22)}.${value.split(".")[1]}`,
      "lk_session=",
      "lk_session=' OR 1=1 --",
      `lk_session=${encodeURIComponent(value)}%00`,
      dead,
    ];
    for (const c of forged) expect({ c, status: (await me(c)).status }).toEqual({ c, status: 401 });
    expect((await me(good, { authorization: "Bearer lk_aaaaaaaaaaaa_" + "A".repeat(43) })).status).toBe(401);
    // Idle for more than a day: gone.
    t.clock.advance(24 * 3600_000 + 1000);
    expect((await me(good)).status).toBe(401);
  });

  it("a restricted session (password change required) can change its password and nothing else", async () => {
    const w = t.world;
    const who = w.employees[2]!;
    const set = await t.call("POST", `/management/v1/users/${who.guid}/password`, { body: { password: "Harbor-Violet-Lantern-17" } });
    expect(set.status).toBe(200);
    const cookie = cookieOf(await signIn(who.email, "Harbor-Violet-Lantern-17"));
    const info = (await (await me(cookie)).json()) as { result: { data: { restricted: boolean } } };
    expect(info.result.data.restricted).toBe(true);
    const post = (path: string, body: object) =>
      fetch(`${t.url}/api/trpc/${path}`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json", origin: t.url, "sec-fetch-site": "same-origin" },
        body: JSON.stringify(body),
      });
    await expectNoEffect(t, async () => [
      await post("employees.setPassword", { guid: w.employees[3]!.guid, password: "Quiet-Meadow-Copper-58" }),
      await post("tokens.create", { name: "escape", scopes: ["self"] }),
      await post("me.signOutEverywhere", {}),
      await post("employees.changePasswordWithCurrent", {
        guid: who.guid,
        currentPassword: "Harbor-Violet-Lantern-17",
        password: "Quiet-Meadow-Copper-58",
      }),
      await fetch(`${t.url}/api/trpc/employees.list?input=${encodeURIComponent("{}")}`, { headers: { cookie } }),
      await fetch(`${t.url}/api/trpc/me.sessions`, { headers: { cookie } }),
    ]);
    const changed = await post("me.changePassword", { currentPassword: "Harbor-Violet-Lantern-17", newPassword: "Copper-Meadow-Quiet-85" });
    expect(changed.status).toBe(200);
    expect(((await (await me(cookie)).json()) as { result: { data: { restricted: boolean } } }).result.data.restricted).toBe(false);
  });
});

describe("idempotency keys", () => {
  it("another caller replaying my key never gets my stored answer (which holds a code) and runs on its own", async () => {
    const w = t.world;
    const key = `shared-${crypto.randomUUID()}`;
    const gen = (token: string, workplace: string, org = w.org.guid) =>
      t.call("POST", `/orgs/${org}/workplaces/${workplace}:generate-activation-code`, {
        token,
        body: { employee: { guid: w.employees[4]!.guid } },
        headers: { "idempotency-key": key },
      });
    const mine = (await (await gen(w.tokens.service, w.workplaces[0]!.guid)).json()) as { activation_code: string };
    const theirs = await gen(w.tokens.admin, w.workplaces[0]!.guid);
    const text = await theirs.text();
    expect(text).not.toContain(mine.activation_code);
    expect(theirs.headers.get("idempotent-replayed")).toBeNull();
    const other = await gen(w.tokens.otherAdmin, w.workplaces[0]!.guid);
    expect(await other.text()).not.toContain(mine.activation_code);
    expect(other.status).toBe(404);
    // The same caller with the same key but another request is refused, changing nothing.
    await expectNoEffect(t, async () => gen(w.tokens.service, w.workplaces[1]!.guid));
    const replay = await gen(w.tokens.service, w.workplaces[0]!.guid);
    expect(((await replay.json()) as { activation_code: string }).activation_code).toBe(mine.activation_code);
  });
});
