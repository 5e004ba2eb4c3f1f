// Attacks on who the caller is: forged and dead tokens, other tenants' ids, fields that try to
// assign roles or organizations, method overrides and spoofed client addresses. Every one must be
// refused without a 5xx and without changing anything.
import { describe, expect, it } from "vitest";
import { comparable } from "./comparable";
import { expectNoEffect } from "../expectNoEffect";
import { useServer } from "../useServer";
import { ATTACK_ROUTES, BEARER_ROUTES, send } from "./attackRoutes";

const t = useServer();

const forged = (w: typeof t.world): Record<string, string> => {
  const valid = w.tokens.service;
  return {
    empty: "",
    "scheme only": "Bearer",
    "scheme and space": "Bearer ",
    "basic auth": `Basic ${Buffer.from("admin:admin").toString("base64")}`,
    "well-formed, unknown prefix": `Bearer lk_aaaaaaaaaaaa_${"A".repeat(43)}`,
    "known prefix, wrong secret": `Bearer ${valid.slice(0, 16)}${"B".repeat(43)}`,
    "valid token plus a byte": `Bearer ${valid}x`,
    "valid token truncated": `Bearer ${valid.slice(0, -1)}`,
    "two tokens": `Bearer ${valid} ${valid}`,
    "token without scheme": valid,
    "jwt alg none": "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiIsInJvbGUiOiJvd25lciJ9.",
    "sql injection": "Bearer ' OR '1'='1' --",
    "nul byte": `Bearer lk_aaaaaaaaaaaa_${"A".repeat(20)}%00${"A".repeat(20)}`,
    expired: `Bearer ${w.tokens.expired}`,
    revoked: `Bearer ${w.tokens.revoked}`,
  };
};

describe("bearer tokens", () => {
  it("every forged, garbage, expired or revoked token gets 401 on every bearer route, changing nothing", async () => {
    const w = t.world;
    await expectNoEffect(t, async () => {
      const out: Response[] = [];
      for (const route of BEARER_ROUTES) {
        for (const [name, authorization] of Object.entries(forged(w))) {
          const res = await send(t.url, route, w, { authorization });
          expect({ route: route.name, name, status: res.status }).toEqual({ route: route.name, name, status: 401 });
          out.push(res);
        }
      }
      return out;
    });
  });

  it("an employee's own token (scope self) gets 403 on every admin route, changing nothing", async () => {
    const w = t.world;
    await expectNoEffect(t, async () => {
      const out: Response[] = [];
      for (const route of BEARER_ROUTES) {
        const res = await send(t.url, route, w, { authorization: `Bearer ${w.tokens.employee}` });
        expect({ route: route.name, status: res.status }).toEqual({ route: route.name, status: 403 });
        out.push(res);
      }
      return out;
    });
  });

  it("an activation request ignores a dead token instead of failing on it", async () => {
    const res = await send(
      t.url,
      ATTACK_ROUTES.find((r) => r.name === "LIFE POS activate-workplace")!,
      t.world,
      {
        authorization: `Bearer ${t.world.tokens.revoked}`,
        body: { activation_code: "1" },
      },
    );
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe("WrongActivationCode");
  });
});

describe("tenancy over HTTP", () => {
  it("another organization's ids get exactly the answer of unknown ids (status and body)", async () => {
    const w = t.world;
    const random = crypto.randomUUID();
    const before = await t.snapshot();
    const cases: [string, Response, Response][] = [];
    const pair = async (
      name: string,
      route: (typeof ATTACK_ROUTES)[number],
      theirs: object,
      unknown: object,
      headers: Record<string, string> = {},
    ) => {
      const authorization = `Bearer ${w.tokens.service}`;
      cases.push([
        name,
        await send(t.url, route, w, { authorization, ids: theirs, headers }),
        await send(t.url, route, w, { authorization, ids: unknown, headers }),
      ]);
    };
    for (const route of BEARER_ROUTES) {
      await pair(
        `${route.name}: employee`,
        route,
        { employee: w.otherEmployee.guid, email: w.otherEmployee.email, employeeId: w.otherEmployee.id },
        {
          employee: random,
          email: "nobody@nowhere.test",
          employeeId: 99_999_999,
        },
      );
      const usesWorkplace = JSON.stringify([route.path(w), route.body(w)]).includes(w.workplaces[3]!.guid);
      if (usesWorkplace) await pair(`${route.name}: workplace`, route, { workplace: w.otherWorkplace.guid }, { workplace: random });
    }
    const lifePos = ATTACK_ROUTES.filter((r) => r.family === "lifePos" && r.auth);
    for (const route of lifePos) {
      await pair(
        `${route.name}: org in path`,
        route,
        { org: w.other.guid, employee: w.otherEmployee.guid, workplace: w.otherWorkplace.guid },
        {
          org: random,
          employee: random,
          workplace: random,
        },
      );
      const authorization = `Bearer ${w.tokens.service}`;
      cases.push([
        `${route.name}: alias header`,
        await send(t.url, route, w, { authorization, headers: { "x-lp-organization-alias": w.other.alias } }),
        await send(t.url, route, w, { authorization, headers: { "x-lp-organization-alias": "no-such-alias" } }),
      ]);
    }
    for (const route of ATTACK_ROUTES.filter((r) => r.family === "zitadel")) {
      const theirs = await send(t.url, route, w, {
        authorization: `Bearer ${w.tokens.service}`,
        headers: { "x-zitadel-orgid": w.other.guid },
      });
      const unknown = await send(t.url, route, w, { authorization: `Bearer ${w.tokens.service}`, headers: { "x-zitadel-orgid": random } });
      cases.push([`${route.name}: x-zitadel-orgid`, theirs, unknown]);
    }
    for (const route of ATTACK_ROUTES.filter((r) => r.family === "trpc")) {
      const theirs = await send(t.url, route, w, {
        authorization: `Bearer ${w.tokens.service}`,
        headers: { "x-latchkey-org": w.other.guid },
      });
      const unknown = await send(t.url, route, w, { authorization: `Bearer ${w.tokens.service}`, headers: { "x-latchkey-org": random } });
      cases.push([`${route.name}: x-latchkey-org`, theirs, unknown]);
    }
    for (const [name, theirs, unknown] of cases) {
      const a = await comparable(theirs);
      const b = await comparable(unknown);
      expect({ name, ...a }).toEqual({ name, ...b });
      expect({ name, status: a.status }).not.toEqual({ name, status: 200 });
      expect({ name, status: a.status }).not.toEqual({ name, status: 204 });
    }
    expect(await t.snapshot()).toEqual(before);
    // And the other organization's employee is untouched.
    const [other] = await t.sql<{ sequence: number }>("SELECT sequence FROM employees WHERE guid = ?", w.otherEmployee.guid);
    expect(other!.sequence).toBe(2);
  });
});

describe("mass assignment", () => {
  const extras: Record<string, unknown>[] = [
    { role: "owner" },
    { orgId: "00000000-0000-4000-8000-000000000000" },
    { org_guid: "00000000-0000-4000-8000-000000000000" },
    { instanceAdmin: true },
    { constructor: { prototype: { isAdmin: true } } },
  ];
  it("unknown fields (role, orgId, constructor, __proto__) are refused on every JSON route and by tRPC", async () => {
    const w = t.world;
    await expectNoEffect(t, async () => {
      const out: Response[] = [];
      for (const route of ATTACK_ROUTES.filter((r) => r.family !== "expenses")) {
        const base = route.body(w) ?? {};
        const bodies = [
          ...extras.map((e) => JSON.stringify({ ...(base as object), ...e })),
          // JSON.parse makes "__proto__" an own key: it must be refused like any unknown field.
          JSON.stringify(base).replace(/^\{/, '{"__proto__":{"role":"owner","isAdmin":true},').replace(",}", "}"),
        ];
        for (const body of bodies) {
          const res = await send(t.url, route, w, { authorization: `Bearer ${w.tokens.service}`, body });
          expect({ route: route.name, body, status: res.status }).toEqual({ route: route.name, body, status: expect.any(Number) });
          expect([400, 401, 422], `${route.name} ${body} -> ${res.status}`).toContain(res.status);
          out.push(res);
        }
      }
      return out;
    });
    expect(({} as Record<string, unknown>)["isAdmin"]).toBeUndefined();
    expect(({} as Record<string, unknown>)["role"]).toBeUndefined();
  });

  it("tRPC refuses promoting to owner, moving an employee to another org, and scoping tokens beyond the caller", async () => {
    const w = t.world;
    const trpc = (path: string, body: object, token = w.tokens.admin) =>
      fetch(`${t.url}/api/trpc/${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    await expectNoEffect(t, async () => [
      await trpc("employees.update", { guid: w.employees[3]!.guid, role: "owner" }),
      await trpc("employees.update", { guid: w.employees[3]!.guid, orgGuid: w.other.guid }),
      await trpc("employees.create", { displayName: "Sneaky", email: "sneaky@x.test", role: "owner" }),
      await trpc("employees.create", { displayName: "Sneaky", email: "sneaky@x.test", orgGuid: w.other.guid }),
      await trpc("tokens.create", { name: "up", employeeGuid: w.employees[3]!.guid, scopes: ["admin"] }),
      await trpc("tokens.create", { name: "theirs", employeeGuid: w.otherEmployee.guid, scopes: ["self"] }),
      await trpc("tokens.create", { name: "self-up", scopes: ["admin"] }, w.tokens.employee),
      await trpc("settings.update", { passwordPolicy: { minLength: 1 } }, w.tokens.owner),
      await trpc("settings.update", { passwordPolicy: { minLength: 8 } }, w.tokens.admin),
    ]);
  });
});

describe("method overrides", () => {
  it("X-HTTP-Method-Override and _method never turn a read into a write", async () => {
    const w = t.world;
    const input = encodeURIComponent(JSON.stringify({ guid: w.employees[3]!.guid, password: "Quiet-Meadow-Copper-58" }));
    const authorization = `Bearer ${w.tokens.service}`;
    const override = { authorization, "x-http-method-override": "POST", "x-method-override": "POST", "x-http-method": "POST" };
    await expectNoEffect(t, async () => [
      await fetch(`${t.url}/api/trpc/employees.setPassword?input=${input}`, { headers: override }),
      await fetch(`${t.url}/api/trpc/employees.setPassword?input=${input}&_method=POST`, { headers: { authorization } }),
      await fetch(`${t.url}/v2/users/${w.employees[3]!.guid}/password`, { headers: override }),
      await fetch(`${t.url}/Employees/${w.employees[3]!.id}/ChangePassword?_method=PATCH`, { method: "GET", headers: override }),
      await fetch(`${t.url}/orgs/${w.org.guid}/employees/${w.employees[3]!.guid}:reset-password`, { method: "PUT", headers: override }),
    ]);
  });
});

describe("client address", () => {
  it("X-Forwarded-For is not trusted: spoofed addresses neither dodge the wrong-code limit nor reach the audit log", async () => {
    // Start from a clean count for this socket address (an earlier test sent one wrong code).
    await t.exec("DELETE FROM rate_limits WHERE key LIKE 'activate:ip:%'");
    const before = (await t.sql<{ n: number }>("SELECT count(*) AS n FROM audit_events WHERE action = 'workplace.activate'"))[0]!.n;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${t.url}/auth/activate-workplace`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": `203.0.113.${i + 1}`, "x-real-ip": `198.51.100.${i + 1}` },
        body: JSON.stringify({ activation_code: String(10_000_000 + i) }),
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const ips = (await t.sql<{ ip: string }>("SELECT DISTINCT ip FROM audit_events WHERE action = 'workplace.activate' AND id > 0")).map(
      (r) => r.ip,
    );
    expect(ips.every((ip) => !ip.startsWith("203.0.113.") && !ip.startsWith("198.51.100."))).toBe(true);
    expect((await t.sql<{ n: number }>("SELECT count(*) AS n FROM audit_events WHERE action = 'workplace.activate'"))[0]!.n - before).toBe(
      6,
    );
  });
});

describe("client address behind a trusted proxy", () => {
  const p = useServer({ LATCHKEY_TRUST_PROXY: "true" });
  it("with LATCHKEY_TRUST_PROXY=true the address the proxy appended is the client, whatever hops the client sent before it", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${p.url}/auth/activate-workplace`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": `203.0.113.${i + 1}, 10.0.0.1` },
        body: JSON.stringify({ activation_code: String(10_000_000 + i) }),
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const ips = (await p.sql<{ ip: string }>("SELECT ip FROM audit_events WHERE action = 'workplace.activate' ORDER BY id")).map(
      (r) => r.ip,
    );
    expect(ips).toEqual(Array(6).fill("10.0.0.1"));
  });
});

describe("every procedure over /api/trpc", () => {
  // Anyone may call these; the request carries its own proof (a password or a code).
  const PUBLIC = new Set(["auth.signIn", "auth.activateWorkplace", "auth.completePasswordReset"]);
  it("without valid credentials, every procedure but the public ones answers 401 and changes nothing", async () => {
    const { appRouter } = await import("@latchkey/api");
    const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>);
    expect(procedures.length).toBeGreaterThan(30);
    const w = t.world;
    await expectNoEffect(t, async () => {
      const out: Response[] = [];
      for (const [path, proc] of procedures) {
        for (const authorization of [null, `Bearer ${w.tokens.revoked}`, `Bearer ${w.tokens.expired}`, "Bearer lk_x"]) {
          const headers: Record<string, string> = { "content-type": "application/json", ...(authorization ? { authorization } : {}) };
          const res =
            proc._def.type === "query"
              ? await fetch(`${t.url}/api/trpc/${path}?input=${encodeURIComponent("{}")}`, { headers })
              : await fetch(`${t.url}/api/trpc/${path}`, { method: "POST", headers, body: "{}" });
          if (PUBLIC.has(path)) expect({ path, unauthorized: res.status === 401 }).toEqual({ path, unauthorized: false });
          else expect({ path, status: res.status }).toEqual({ path, status: 401 });
          out.push(res);
        }
      }
      return out;
    });
  });
});
