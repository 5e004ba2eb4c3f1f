// Cross-site requests against a signed-in browser: a form post, a hostile Origin or a
// cross-site Sec-Fetch-Site must never act as the signed-in user, and nothing may invite
// another origin to read our answers.
import { beforeAll, describe, expect, it } from "vitest";
import { expectNoEffect } from "../expectNoEffect";
import { PASSWORD } from "../passwords";
import { useServer } from "../useServer";

const t = useServer();
let cookie = "";

async function signIn(login: string): Promise<string> {
  const res = await fetch(`${t.url}/api/trpc/auth.signIn`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: t.url, "sec-fetch-site": "same-origin" },
    body: JSON.stringify({ login, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  const set = res.headers.get("set-cookie") ?? "";
  expect(set).toMatch(/^lk_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+/);
  return set.split(";")[0]!;
}

beforeAll(async () => {
  cookie = await signIn(t.world.owner.email);
});

const post = (path: string, body: string, headers: Record<string, string>) =>
  fetch(`${t.url}/api/trpc/${path}`, { method: "POST", headers: { cookie, ...headers }, body });

describe("CSRF against cookie sessions on /api/trpc", () => {
  it("the same-origin page itself is served as the signed-in owner (the control)", async () => {
    const res = await fetch(`${t.url}/api/trpc/auth.me`, { headers: { cookie, "sec-fetch-site": "same-origin" } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { data: { employee: { guid: string } } } };
    expect(body.result.data.employee.guid).toBe(t.world.owner.guid);
  });

  it("form posts, hostile origins and cross-site fetches never act as the signed-in user", async () => {
    const w = t.world;
    const setPassword = JSON.stringify({ guid: w.employees[2]!.guid, password: "Hijacked-Password-Value-1" });
    const attacks: [string, string, string, Record<string, string>][] = [
      ["text/plain form", "employees.setPassword", setPassword, { "content-type": "text/plain" }],
      [
        "text/plain with origin",
        "employees.setPassword",
        setPassword,
        { "content-type": "text/plain;charset=UTF-8", origin: "https://evil.example" },
      ],
      ["urlencoded form", "employees.setPassword", `${setPassword}=`, { "content-type": "application/x-www-form-urlencoded" }],
      [
        "multipart form",
        "employees.setPassword",
        `--x\r\nContent-Disposition: form-data; name="guid"\r\n\r\n${w.employees[2]!.guid}\r\n--x--`,
        { "content-type": "multipart/form-data; boundary=x" },
      ],
      ["no content type", "me.signOutEverywhere", "", {}],
      [
        "hostile origin, json",
        "employees.setPassword",
        setPassword,
        { "content-type": "application/json", origin: "https://evil.example" },
      ],
      ["lookalike origin", "employees.setPassword", setPassword, { "content-type": "application/json", origin: `${t.url}.evil.example` }],
      ["null origin", "employees.setPassword", setPassword, { "content-type": "application/json", origin: "null" }],
      ["garbage origin", "employees.setPassword", setPassword, { "content-type": "application/json", origin: "::::" }],
      ["cross-site fetch", "employees.setPassword", setPassword, { "content-type": "application/json", "sec-fetch-site": "cross-site" }],
      ["same-site sibling", "employees.setPassword", setPassword, { "content-type": "application/json", "sec-fetch-site": "same-site" }],
      [
        "cross-site, same origin claimed",
        "employees.setPassword",
        setPassword,
        { "content-type": "application/json", "sec-fetch-site": "cross-site", origin: t.url },
      ],
      [
        "cross-site sign out everywhere",
        "me.signOutEverywhere",
        "{}",
        { "content-type": "application/json", "sec-fetch-site": "cross-site" },
      ],
      [
        "cross-site batch",
        "employees.setPassword,me.signOutEverywhere?batch=1",
        JSON.stringify({ 0: JSON.parse(setPassword), 1: {} }),
        { "content-type": "application/json", origin: "https://evil.example" },
      ],
      [
        "cross-site token create",
        "tokens.create",
        JSON.stringify({ name: "stolen", scopes: ["admin"] }),
        { "content-type": "application/json", "sec-fetch-site": "cross-site" },
      ],
      ["cross-site sign-out", "auth.signOut", "{}", { "content-type": "application/json", origin: "https://evil.example" }],
    ];
    await expectNoEffect(t, async () => {
      const out: Response[] = [];
      for (const [name, path, body, headers] of attacks) {
        const res = await post(path, body, headers);
        const text = await res.clone().text();
        expect({ name, status: res.status >= 400 && res.status < 500 }).toEqual({ name, status: true });
        expect(text).not.toContain(w.owner.guid);
        expect(res.headers.get("set-cookie") ?? "", name).not.toMatch(/lk_session=[^;]/);
        out.push(res);
      }
      // A mutation through GET is refused, whatever it carries.
      const input = encodeURIComponent(setPassword);
      out.push(await fetch(`${t.url}/api/trpc/employees.setPassword?input=${input}`, { headers: { cookie } }));
      return out;
    });
    // The session survived every attempt.
    const me = await fetch(`${t.url}/api/trpc/auth.me`, { headers: { cookie } });
    expect(me.status).toBe(200);
  });

  it("login CSRF: a cross-site form cannot sign the browser in as someone else", async () => {
    const w = t.world;
    const body = JSON.stringify({ login: w.employees[0]!.email, password: PASSWORD });
    for (const type of ["text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const res = await fetch(`${t.url}/api/trpc/auth.signIn`, {
        method: "POST",
        headers: { "content-type": type, origin: "https://evil.example", "sec-fetch-site": "cross-site" },
        body,
      });
      expect({ type, refused: res.status >= 400 && res.status < 500 }).toEqual({ type, refused: true });
      expect(res.headers.get("set-cookie")).toBeNull();
    }
  });

  it("no origin is invited to read answers (no permissive CORS), even for reads", async () => {
    for (const method of ["GET", "OPTIONS"]) {
      const res = await fetch(`${t.url}/api/trpc/employees.list?input=${encodeURIComponent("{}")}`, {
        method,
        headers: {
          cookie,
          origin: "https://evil.example",
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type",
        },
      });
      expect(res.status).toBeLessThan(500);
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
      expect(res.headers.get("access-control-allow-credentials")).toBeNull();
    }
  });

  it("a cookie never authenticates a REST call (REST takes bearer tokens only)", async () => {
    const w = t.world;
    await expectNoEffect(t, async () => [
      await fetch(`${t.url}/orgs/${w.org.guid}/employees/${w.employees[2]!.guid}:reset-password`, {
        method: "POST",
        headers: { cookie, "sec-fetch-site": "same-origin" },
      }),
      await fetch(`${t.url}/v2/users/${w.employees[2]!.guid}/password_reset`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify({ returnCode: {} }),
      }),
    ]);
  });
});

describe("the control for the CSRF cases", () => {
  it("the same request from our own page does act (so the refusals above are not vacuous)", async () => {
    const own = await signIn(t.world.admin.email);
    const res = await fetch(`${t.url}/api/trpc/auth.signOut`, {
      method: "POST",
      headers: { cookie: own, "content-type": "application/json", origin: t.url, "sec-fetch-site": "same-origin" },
      body: "{}",
    });
    expect(res.status).toBe(200);
    expect((await fetch(`${t.url}/api/trpc/auth.me`, { headers: { cookie: own } })).status).toBe(401);
  });
});
