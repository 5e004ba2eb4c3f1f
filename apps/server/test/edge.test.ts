// Cross-cutting behaviour of the REST edge: 413, 405, method override, unknown fields, the
// request log, the OpenAPI document and the path split between Hono and Next.
import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { isApiPath } from "@latchkey/gateway";
import { useServer } from "./useServer";
import { freshPassword } from "./passwords";
import { expectExpensesJson, expectF5, expectLifePos, expectZitadel } from "./expectations";

const t = useServer();
const big = "x".repeat(64 * 1024 + 1);

/** Sends a chunked body (no Content-Length) so only the streamed byte count can stop it. */
function chunked(path: string, token: string, chunks: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, t.url);
    const req = request(
      url,
      { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "transfer-encoding": "chunked" } },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode!, body }));
      },
    );
    req.on("error", reject);
    for (let i = 0; i < chunks; i++) req.write(`"${"y".repeat(16 * 1024)}"`);
    req.end();
  });
}

/** A POST with no Content-Type at all (fetch always adds one to a string body). */
function untyped(path: string, body: string): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, t.url), { method: "POST", headers: { authorization: `Bearer ${t.world.tokens.service}` } }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode! }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("body limits", () => {
  it("413 in each family's envelope for a declared body over 64 KiB", async () => {
    const w = t.world;
    await expectLifePos(
      await t.call("POST", `/orgs/${w.org.guid}/workplaces/${w.workplaces[0]!.guid}:generate-activation-code`, { body: big }),
      413,
      "BadRequest",
    );
    await expectF5(await t.call("POST", "/api/web/custom/password/admin_reset", { body: big }), 413, 8);
    await expectExpensesJson(await t.call("PATCH", `/Employees/${w.employees[1]!.id}/ChangePassword`, { body: big }), 413, "BadRequest");
    await expectZitadel(await t.call("POST", `/management/v1/users/${w.employees[1]!.guid}/password`, { body: big }), 413, 8);
  });

  it("413 on /api/trpc too, whose answers are never cached", async () => {
    const res = await fetch(`${t.url}/api/trpc/auth.signIn`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: big,
    });
    expect(res.status).toBe(413);
    const ok = await t.call("GET", "/api/trpc/organizations.current");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("cache-control")).toBe("no-store");
  });

  it("413 for a chunked body counted as it streams", async () => {
    const res = await chunked("/api/web/custom/password/admin_reset", t.world.tokens.service, 6);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toEqual({ code: 8, message: expect.any(String), details: [] });
  });
});

describe("methods", () => {
  it("405 with Allow in each family's envelope", async () => {
    const w = t.world;
    const lp = await t.call("GET", `/orgs/${w.org.guid}/employees/${w.employees[1]!.guid}:reset-password`);
    expect(lp.headers.get("allow")).toBe("POST");
    await expectLifePos(lp, 405, "NotAllowed");
    const f5 = await t.call("PUT", "/api/v1/api/p/r/namespaces/default/api/web/custom/password/admin_reset", { body: {} });
    expect(f5.headers.get("allow")).toBe("POST");
    await expectF5(f5, 405, 12);
    const ex = await t.call("POST", `/Employees/${w.employees[1]!.id}/ChangePassword`, { body: '"x"' });
    expect(ex.headers.get("allow")).toBe("PATCH");
    await expectExpensesJson(ex, 405, "NotAllowed");
    const zi = await t.call("DELETE", `/v2/users/${w.employees[1]!.guid}/password`);
    expect(zi.headers.get("allow")).toBe("POST");
    await expectZitadel(zi, 405, 12);
  });

  it("ignores X-HTTP-Method-Override", async () => {
    const w = t.world;
    const res = await t.call("POST", `/Employees/${w.employees[1]!.id}/ChangePassword`, {
      body: '"x"',
      headers: { "x-http-method-override": "PATCH" },
    });
    expect(res.status).toBe(405);
  });
});

describe("request log", () => {
  it("writes one JSON line per request with the route pattern, status and duration, never the URL or body", async () => {
    const w = t.world;
    const secret = "Never-Logged-Password-77";
    const before = t.logLines.length;
    await t.call("POST", `/management/v1/users/${w.otherEmployee.guid}/password`, { body: { password: secret } });
    const lines = t.logLines.slice(before).map((l) => JSON.parse(l) as Record<string, unknown>);
    const req = lines.filter((l) => l["msg"] === "http.request");
    expect(req).toHaveLength(1);
    expect(req[0]).toMatchObject({ method: "POST", route: "/management/v1/users/{user_id}/password", status: 404 });
    expect(typeof req[0]!["durationMs"]).toBe("number");
    const all = t.logLines.slice(before).join("\n");
    expect(all).not.toContain(secret);
    expect(all).not.toContain(w.otherEmployee.guid);
  });
});

describe("OpenAPI and routing", () => {
  it("/openapi.json is OpenAPI 3.1 covering every REST path with bodies, responses and the family envelopes", async () => {
    const res = await t.call("GET", "/openapi.json", { token: null });
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody: { content: Record<string, unknown> }; responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        "/orgs/{org_guid}/employees/{employee_guid}:reset-password",
        "/orgs/{org_guid}/workplaces/{workplace_guid}:generate-activation-code",
        "/auth/activate-workplace",
        "/api/web/custom/password/admin_reset",
        "/api/v1/api/{env}/{region}/namespaces/{namespace}/api/web/custom/password/admin_reset",
        "/Employees/{id}/ChangePassword",
        "/management/v1/users/{user_id}/password",
        "/v2/users/{user_id}/password",
        "/v2/users/{user_id}/password_reset",
      ].sort(),
    );
    // Each family's error envelope is a named component, and every $ref resolves inside the document.
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(["LifePosError", "F5Error", "ChangePasswordResponse", "ZitadelError"]),
    );
    for (const [, ref] of JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)) {
      expect(doc.components.schemas[ref!.replace("#/components/schemas/", "")], ref).toBeDefined();
    }
    const gen = doc.paths["/orgs/{org_guid}/workplaces/{workplace_guid}:generate-activation-code"]!["post"]!;
    expect(Object.keys(gen.requestBody.content)).toEqual([
      "application/json",
      "text/json",
      "application/json-patch+json",
      "application/*+json",
    ]);
    expect(Object.keys(gen.responses)).toEqual(expect.arrayContaining(["200", "401", "403", "404", "422", "429", "500"]));
    const ex = doc.paths["/Employees/{id}/ChangePassword"]!["patch"]!;
    expect(Object.keys(ex.requestBody.content)).toContain("application/x-www-form-urlencoded");
  });

  it("sends the REST paths, /openapi.json and /api/trpc to the API handler and nothing else", () => {
    expect(isApiPath("/orgs/a/employees/b:reset-password")).toBe(true);
    expect(isApiPath("/api/v1/api/production/us-east-1/namespaces/default/api/web/custom/password/admin_reset")).toBe(true);
    expect(isApiPath("/Employees/12/ChangePassword")).toBe(true);
    expect(isApiPath("/openapi.json")).toBe(true);
    expect(isApiPath("/api/trpc/auth.me")).toBe(true);
    expect(isApiPath("/orgs/a/employees/b")).toBe(false);
    expect(isApiPath("/sign-in")).toBe(false);
    expect(isApiPath("/Employees/12/ChangePassword/extra")).toBe(false);
  });
});

describe("client mistakes never get a 5xx", () => {
  it("answers garbage bodies, types, encodings and paths on every route with a 4xx", async () => {
    const w = t.world;
    const paths: [string, string][] = [
      ["POST", `/orgs/${w.org.guid}/employees/${w.employees[1]!.guid}:reset-password`],
      ["POST", `/orgs/${w.org.guid}/workplaces/${w.workplaces[0]!.guid}:generate-activation-code`],
      ["POST", "/auth/activate-workplace"],
      ["POST", "/api/web/custom/password/admin_reset"],
      ["PATCH", `/Employees/${w.employees[1]!.id}/ChangePassword`],
      ["POST", `/management/v1/users/${w.employees[1]!.guid}/password`],
      ["POST", `/v2/users/${w.employees[1]!.guid}/password`],
      ["POST", `/v2/users/${w.employees[1]!.guid}/password_reset`],
      ["POST", "/orgs/%E0%A4%A/employees/%ZZ:reset-password"],
      ["PATCH", "/Employees/-1/ChangePassword"],
    ];
    const bodies: [string, string | Uint8Array][] = [
      ["application/json", "null"],
      ["application/json", "[1,2,3]"],
      ["application/json", '{"a":'],
      ["application/json", "[".repeat(30000) + "]".repeat(30000)],
      ["application/json", `{"a":`.repeat(6000) + "1" + "}".repeat(6000)],
      ["application/json; charset=latin1", '"x"'],
      ["application/json", new Uint8Array([0x22, 0xff, 0xfe, 0x22])],
      ["text/plain", "hello"],
      ["application/xml", "<a/>"],
      ["application/x-www-form-urlencoded", "a=1&b=2"],
      ["multipart/form-data; boundary=x", "--x--"],
    ];
    for (const [method, path] of paths) {
      for (const [type, body] of bodies) {
        const res = await fetch(`${t.url}${path}`, {
          method,
          body,
          headers: { authorization: `Bearer ${w.tokens.service}`, "content-type": type },
        });
        expect({ path, type, status: res.status }).toEqual({ path, type, status: expect.any(Number) });
        expect(res.status, `${method} ${path} ${type}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${method} ${path} ${type}`).toBeLessThan(500);
        await res.arrayBuffer();
      }
    }
  });

  it("refuses media type parameters other than charset, and tRPC paths that name no procedure", async () => {
    const w = t.world;
    const res = await t.call("POST", `/orgs/${w.org.guid}/employees/${w.employees[1]!.guid}:reset-password`, {
      body: "{}",
      headers: { "content-type": "application/json; p=1" },
    });
    await expectLifePos(res, 422, "RequestIsNotValid");
    const ok = await t.call("POST", `/orgs/${w.org.guid}/workplaces/${w.workplaces[0]!.guid}:generate-activation-code`, {
      body: { employee: { guid: w.employees[1]!.guid } },
      headers: { "content-type": "application/json; charset=UTF-8" },
    });
    expect(ok.status).toBe(200);
    for (const path of ["/api/trpc/organizations.current/", "/api/trpc/organizations%2Ecurrent", "/api/trpc/organizations.current%00"]) {
      expect((await t.call("GET", path)).status, path).toBe(404);
    }
    expect((await t.call("GET", "/api/trpc/organizations.current")).status).toBe(200);
  });

  it("ZITADEL reads a body of any content type, or none, as JSON, as its gateway does (curl -d sends a form type)", async () => {
    const guid = t.world.employees[1]!.guid;
    const path = `/management/v1/users/${guid}/password`;
    const hash = async () => (await t.sql<{ h: string }>("SELECT password_hash AS h FROM employees WHERE guid = ?", guid))[0]!.h;
    const body = () => JSON.stringify({ password: freshPassword(), noChangeRequired: true });
    for (const type of ["application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x", null]) {
      const before = await hash();
      const res =
        type === null ? await untyped(path, body()) : await t.call("POST", path, { body: body(), headers: { "content-type": type } });
      expect(res.status, String(type)).toBe(200);
      expect(await hash(), String(type)).not.toBe(before);
    }
    // The body is still decoded as UTF-8: another declared charset is refused.
    const latin1 = await t.call("POST", path, { body: body(), headers: { "content-type": "text/plain; charset=latin1" } });
    await expectZitadel(latin1, 400, 3);
  });
});
