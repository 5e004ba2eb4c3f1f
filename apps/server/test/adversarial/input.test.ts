// Attacks on what the request says: injection strings, path tricks, huge and deeply nested
// bodies, oversized headers, wrong content types, hostile XML and line breaks aimed at email
// headers. None may answer 5xx and none may change anything.
import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { expectNoEffect } from "../expectNoEffect";
import { useServer } from "../useServer";
import { ATTACK_ROUTES, BEARER_ROUTES, send } from "./attackRoutes";

const t = useServer();

/** A request whose path goes out byte for byte (fetch would normalize `..` and `//`). */
function raw(method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<Response> {
  const u = new URL(t.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve(new Response(res.statusCode === 204 ? null : Buffer.concat(chunks), { status: res.statusCode ?? 0 })));
    });
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const SQLI = [
  "' OR '1'='1",
  "1; DROP TABLE employees; --",
  '" OR 1=1 --',
  "%' OR 1=1 --",
  "1 UNION SELECT password_hash FROM employees",
  "') OR ('a'='a",
];

describe("injection strings", () => {
  it("SQL in every path, header and field is data, never SQL", async () => {
    const w = t.world;
    const auth = { authorization: `Bearer ${w.tokens.service}` };
    await expectNoEffect(t, async () => {
      const out: Response[] = [];
      for (const s of SQLI) {
        const e = encodeURIComponent(s);
        out.push(await raw("POST", `/orgs/${e}/employees/${e}:reset-password`, auth));
        out.push(await raw("POST", `/v2/users/${e}/password_reset`, { ...auth, "content-type": "application/json" }, '{"returnCode":{}}'));
        out.push(
          await raw("PATCH", `/Employees/${e}/ChangePassword`, { ...auth, "content-type": "application/json" }, '"Quiet-Meadow-Copper-58"'),
        );
        out.push(await t.call("POST", "/api/web/custom/password/admin_reset", { body: { email: s } }));
        out.push(await t.call("POST", "/api/web/custom/password/admin_reset", { body: { email: `x${s}@example.test` } }));
        out.push(await t.call("POST", "/auth/activate-workplace", { token: null, body: { activation_code: s } }));
        out.push(
          await t.call("POST", `/v2/users/${w.employees[3]!.guid}/password_reset`, {
            body: { returnCode: {} },
            headers: { "x-zitadel-orgid": s },
          }),
        );
        out.push(
          await t.call("POST", `/orgs/${w.org.guid}/employees/${w.employees[3]!.guid}:reset-password`, {
            headers: { "x-lp-organization-alias": s },
          }),
        );
        out.push(await t.call("POST", "/api/trpc/auth.signIn", { token: null, body: { login: s, password: s } }));
        out.push(
          await t.call("POST", "/api/trpc/auth.completePasswordReset", {
            token: null,
            body: { login: s, code: "12345678", newPassword: s },
          }),
        );
      }
      return out;
    });
    // A search with LIKE wildcards or quotes finds only this organization's people.
    for (const s of [...SQLI, "%", "_", "\\"]) {
      const res = await t.call("GET", `/api/trpc/employees.list?input=${encodeURIComponent(JSON.stringify({ search: s, limit: 100 }))}`);
      expect(res.status).toBeLessThan(500);
      const text = await res.text();
      expect(text).not.toContain(w.otherEmployee.guid);
      expect(text).not.toContain("$argon2");
    }
  });
});

describe("path tricks", () => {
  it("traversal, NUL, double encoding, repeated verbs and trailing slashes never reach an operation", async () => {
    const w = t.world;
    const o = w.org.guid;
    const e = w.employees[3]!.guid;
    const id = w.employees[3]!.id;
    const auth = { authorization: `Bearer ${w.tokens.service}`, "content-type": "application/json" };
    const paths: [string, string, string?][] = [
      ["POST", `/orgs/${o}/employees/${e}:reset-password/`],
      ["POST", `/orgs/${o}/employees/${e}:reset-password:reset-password`],
      ["POST", `/orgs/${o}/employees/${e}:reset-password%00`],
      ["POST", `/orgs/${o}/employees/${e}%00:reset-password`],
      ["POST", `/orgs/${o}/employees/${e}%3Areset-password`],
      ["POST", `/orgs/${o}/employees/..%2f..%2f${e}:reset-password`],
      ["POST", `/orgs/${o}/employees/..%252f${e}:reset-password`],
      ["POST", `/orgs/${o}/employees/%2e%2e/${e}:reset-password`],
      // Dot segments are resolved before routing (RFC 3986 5.2.4), so they can only name what the
      // caller could name directly; aimed at another organization they find nothing.
      ["POST", `/orgs/${o}/employees/x/../${w.otherEmployee.guid}:reset-password`],
      ["POST", `/orgs/${o}/x/../../orgs/${w.other.guid}/employees/${w.otherEmployee.guid}:reset-password`],
      ["POST", `/orgs/${o}//employees/${e}:reset-password`],
      ["POST", `//orgs/${o}/employees/${e}:reset-password`],
      ["POST", `/orgs/${o}/employees/${e}:reset-password;.json`],
      ["POST", `/orgs/${o}/employees/${e}:RESET-PASSWORD`],
      ["POST", `/orgs/${o}/employees/${e.toUpperCase()}%20:reset-password`],
      ["POST", `/orgs/${o}/employees/${encodeURIComponent(`${e}/../${w.otherEmployee.guid}`)}:reset-password`],
      ["PATCH", `/Employees/${id}/ChangePassword/`, '"Quiet-Meadow-Copper-58"'],
      ["PATCH", `/Employees/${id}%00/ChangePassword`, '"Quiet-Meadow-Copper-58"'],
      ["PATCH", `/Employees/0${id}/ChangePassword`, '"Quiet-Meadow-Copper-58"'],
      ["PATCH", `/Employees/${id}.0/ChangePassword`, '"Quiet-Meadow-Copper-58"'],
      ["PATCH", `/Employees/-${id}/ChangePassword`, '"Quiet-Meadow-Copper-58"'],
      ["PATCH", `/Employees/${id}e0/ChangePassword`, '"Quiet-Meadow-Copper-58"'],
      ["PATCH", `/Employees/99999999999999999999999/ChangePassword`, '"Quiet-Meadow-Copper-58"'],
      ["PATCH", `/Employees/${id}/../${w.otherEmployee.id}/ChangePassword`, '"Quiet-Meadow-Copper-58"'],
      ["PATCH", `/Employees/%31/ChangePassword`, '"Quiet-Meadow-Copper-58"'],
      ["POST", `/v2/users/${e}/password_reset/`, '{"returnCode":{}}'],
      ["POST", `/v2/users/${e}%2fpassword_reset`, '{"returnCode":{}}'],
      ["POST", `/v2/users/${e}/password_reset%00`, '{"returnCode":{}}'],
      ["POST", `/api/web/custom/password/admin_reset/..%2fadmin_reset`, `{"email":"${w.employees[3]!.email}"}`],
      ["POST", `/api/v1/api/a%2fb/c/namespaces/d/api/web/custom/password/admin_reset/`, `{"email":"${w.employees[3]!.email}"}`],
      ["POST", `/api/trpc/employees%2esetPassword%00`, `{"guid":"${e}","password":"Quiet-Meadow-Copper-58"}`],
      ["POST", `/api/trpc/employees.setPassword%2f`, `{"guid":"${e}","password":"Quiet-Meadow-Copper-58"}`],
      ["POST", `/api/trpc/employees.setPassword%252f`, `{"guid":"${e}","password":"Quiet-Meadow-Copper-58"}`],
    ];
    // tRPC itself trims slashes and decodes the procedure name, so these reach the procedure:
    // they must still meet its authorization (an employee's token may not set a password).
    const trpcVariants = [
      `/api/trpc/employees.setPassword/`,
      `/api/trpc//employees.setPassword`,
      `/api/trpc/employees%2EsetPassword`,
      `/api/trpc/x/../employees.setPassword`,
    ];
    await expectNoEffect(t, async () => {
      const out: Response[] = [];
      for (const [method, path, body] of paths) {
        const res = await raw(method, path, auth, body);
        expect({ path, status: res.status < 500 }).toEqual({ path, status: true });
        out.push(res);
      }
      for (const path of trpcVariants) {
        const res = await raw(
          "POST",
          path,
          { ...auth, authorization: `Bearer ${w.tokens.employee}` },
          `{"guid":"${e}","password":"Quiet-Meadow-Copper-58"}`,
        );
        expect({ path, denied: [403, 404].includes(res.status) }).toEqual({ path, denied: true });
        out.push(res);
      }
      return out;
    });
  });
});

describe("sizes and shapes", () => {
  it("10 MB bodies (declared and chunked) get 413 or 400 on every route, never 5xx", async () => {
    const w = t.world;
    const big = JSON.stringify({ email: `${"a".repeat(10 * 1024 * 1024)}@x.test` });
    await expectNoEffect(t, async () => {
      const out: Response[] = [];
      for (const route of ATTACK_ROUTES) {
        const res = await send(t.url, route, w, { authorization: `Bearer ${w.tokens.service}`, body: big });
        expect({ route: route.name, status: res.status }).toEqual({
          route: route.name,
          status: route.family === "trpc" ? expect.any(Number) : 413,
        });
        expect([400, 413, 422], route.name).toContain(res.status);
        const stream = new ReadableStream<Uint8Array>({
          start(c) {
            const chunk = new TextEncoder().encode("x".repeat(1024 * 1024));
            for (let i = 0; i < 10; i++) c.enqueue(chunk);
            c.close();
          },
        });
        const chunked = await fetch(`${t.url}${route.path(w)}`, {
          method: route.method,
          headers: { authorization: `Bearer ${w.tokens.service}`, "content-type": "application/json" },
          body: stream,
          duplex: "half",
        } as RequestInit);
        expect([400, 413, 422], `${route.name} chunked -> ${chunked.status}`).toContain(chunked.status);
        out.push(res, chunked);
      }
      return out;
    });
  });

  it("deeply nested JSON gets a 4xx on every route", async () => {
    const w = t.world;
    const depth = 30_000;
    const arrays = `${"[".repeat(depth)}${"]".repeat(depth)}`;
    const objects = `${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}`;
    const wrapped = (inner: string) => `{"newPassword":${inner}}`;
    await expectNoEffect(t, async () => {
      const out: Response[] = [];
      for (const route of ATTACK_ROUTES) {
        for (const body of [arrays, objects, wrapped(arrays), wrapped(objects)]) {
          const res = await send(t.url, route, w, { authorization: `Bearer ${w.tokens.service}`, body });
          expect({ route: route.name, size: body.length, status: res.status < 500 }).toEqual({
            route: route.name,
            size: body.length,
            status: true,
          });
          out.push(res);
        }
      }
      return out;
    });
  });

  it("oversized headers, cookies and URLs are refused before anything runs", async () => {
    const w = t.world;
    await expectNoEffect(t, async () => {
      const out: Response[] = [];
      out.push(
        await raw("POST", `/orgs/${w.org.guid}/employees/${"a".repeat(40_000)}:reset-password`, {
          authorization: `Bearer ${w.tokens.service}`,
        }),
      );
      out.push(
        await raw("GET", `/api/trpc/employees.list?input=${encodeURIComponent(JSON.stringify({ search: "s".repeat(30_000) }))}`, {
          authorization: `Bearer ${w.tokens.service}`,
        }),
      );
      out.push(
        await raw(
          "POST",
          `/api/trpc/${"employees.list,".repeat(2_000)}employees.list?batch=1`,
          { authorization: `Bearer ${w.tokens.service}`, "content-type": "application/json" },
          "{}",
        ),
      );
      for (const route of [...BEARER_ROUTES.slice(0, 3), ATTACK_ROUTES.find((r) => r.family === "trpc")!]) {
        out.push(await send(t.url, route, w, { authorization: `Bearer ${"A".repeat(100_000)}` }));
        out.push(
          await send(t.url, route, w, { authorization: `Bearer ${w.tokens.service}`, headers: { "x-lp-client-name": "n".repeat(40_000) } }),
        );
        out.push(await send(t.url, route, w, { headers: { cookie: `lk_session=${"c".repeat(30_000)}` } }));
        const many = Array.from({ length: 300 }, (_, i) => `c${i}=${"v".repeat(40)}`).join("; ");
        out.push(await send(t.url, route, w, { headers: { cookie: many } }));
        // An Idempotency-Key REST cannot store is refused before the operation runs.
        if (route.family !== "trpc")
          out.push(
            await send(t.url, route, w, {
              authorization: `Bearer ${w.tokens.service}`,
              headers: { "idempotency-key": "k".repeat(10_000) },
            }),
          );
      }
      return out;
    });
  });
});

describe("content types", () => {
  const types = [
    "text/plain",
    "text/html",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/json; charset=latin1",
    "application/json; charset=utf-16",
    "application/jsonx",
    "*/*",
    "application/json, text/html",
    ";",
    'application/json; charset="utf-8"x',
  ];
  it("wrong content types, and garbage without one, are refused on every JSON route", async () => {
    const w = t.world;
    await expectNoEffect(t, async () => {
      const out: Response[] = [];
      for (const route of ATTACK_ROUTES.filter((r) => r.family !== "expenses")) {
        const body = JSON.stringify(route.body(w) ?? {});
        // tRPC reads every JSON body as UTF-8 whatever the charset says; REST refuses other charsets (docs/SPEC.md §4).
        for (const type of route.family === "trpc" ? types.filter((x) => !x.includes("charset")) : types) {
          const res = await send(t.url, route, w, { authorization: `Bearer ${w.tokens.service}`, body, headers: { "content-type": type } });
          expect({ route: route.name, type, ok: res.status >= 400 && res.status < 500 }).toEqual({ route: route.name, type, ok: true });
          out.push(res);
        }
        const garbage = await fetch(`${t.url}${route.path(w)}`, {
          method: route.method,
          headers: { authorization: `Bearer ${w.tokens.service}` },
          body: new Blob(["\u0000garbage{"]),
        });
        expect({ route: route.name, status: garbage.status < 500 && garbage.status >= 400 }).toEqual({ route: route.name, status: true });
        out.push(garbage);
      }
      return out;
    });
  });

  it("Expenses refuses unknown types, bad charsets and invalid UTF-8", async () => {
    const w = t.world;
    const route = ATTACK_ROUTES.find((r) => r.family === "expenses")!;
    await expectNoEffect(t, async () => {
      const out: Response[] = [];
      for (const type of [
        "text/plain",
        "text/html",
        "multipart/form-data",
        "application/xml; charset=iso-8859-1",
        "application/json; charset=utf-16",
      ]) {
        out.push(await send(t.url, route, w, { authorization: `Bearer ${w.tokens.service}`, headers: { "content-type": type } }));
      }
      out.push(
        await raw(
          "PATCH",
          route.path(w),
          { authorization: `Bearer ${w.tokens.service}`, "content-type": "application/json" },
          Buffer.from([0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22]),
        ),
      );
      for (const r of out) expect(r.status).toBe(400);
      return out;
    });
  });
});

describe("hostile XML", () => {
  const ns = 'xmlns="http://schemas.microsoft.com/2003/10/Serialization/"';
  const docs: Record<string, string> = {
    doctype: `<!DOCTYPE string><string ${ns}>Quiet-Meadow-Copper-58</string>`,
    "external entity": `<?xml version="1.0"?><!DOCTYPE s [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><string ${ns}>&xxe;</string>`,
    "parameter entity": `<!DOCTYPE s [<!ENTITY % p SYSTEM "http://127.0.0.1:1/x.dtd"> %p;]><string ${ns}>Quiet-Meadow-Copper-58</string>`,
    "billion laughs": `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]><string ${ns}>&lol4;&lol4;&lol4;</string>`,
    "lower-case doctype": `<!doctype string><string ${ns}>Quiet-Meadow-Copper-58</string>`,
    "undeclared entity": `<string ${ns}>&xxe;Quiet-Meadow-Copper-58</string>`,
    xinclude: `<string ${ns} xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="file:///etc/passwd" parse="text"/></string>`,
    "nested element": `<string ${ns}><b>Quiet-Meadow-Copper-58</b></string>`,
    "wrong namespace": `<string xmlns="urn:evil">Quiet-Meadow-Copper-58</string>`,
    "two roots": `<string ${ns}>Quiet-Meadow-Copper-58</string><string ${ns}>x</string>`,
    "utf-16 declaration": `<?xml version="1.0" encoding="UTF-16"?><string ${ns}>Quiet-Meadow-Copper-58</string>`,
    "NUL reference": `<string ${ns}>Quiet-Meadow&#0;-Copper-58</string>`,
    "huge reference": `<string ${ns}>&#x110000;Quiet-Meadow-Copper-58</string>`,
    "unclosed CDATA": `<string ${ns}><![CDATA[Quiet-Meadow-Copper-58</string>`,
    "processing instruction inside": `<string ${ns}><?php system('id') ?>Quiet-Meadow-Copper-58</string>`,
  };
  it("DOCTYPE, entities, XInclude and malformed documents are 400, never expanded", async () => {
    const w = t.world;
    const route = ATTACK_ROUTES.find((r) => r.family === "expenses")!;
    await expectNoEffect(t, async () => {
      const out: Response[] = [];
      for (const [name, xml] of Object.entries(docs)) {
        for (const type of ["application/xml", "text/xml"]) {
          const res = await send(t.url, route, w, {
            authorization: `Bearer ${w.tokens.service}`,
            body: xml,
            headers: { "content-type": type, accept: "application/xml" },
          });
          const text = await res.clone().text();
          expect({ name, type, status: res.status }).toEqual({ name, type, status: 400 });
          expect(text).not.toMatch(/root:|lollol|uid=/);
          out.push(res);
        }
      }
      return out;
    });
  });
});

describe("line breaks aimed at email headers", () => {
  it("CR, LF and other line separators in employee emails and names are refused", async () => {
    const w = t.world;
    const trpc = (path: string, body: object) => t.call("POST", `/api/trpc/${path}`, { token: w.tokens.admin, body });
    const emails = [
      "a@b.test\r\nBcc: evil@x.test",
      "a@b.test\nBcc: evil@x.test",
      "a@b.test%0d%0aBcc:evil@x.test",
      '"a\r\n"@b.test',
      "a@b.test\u2028Bcc: evil@x.test",
    ];
    const names = ["Bob\r\nBcc: evil@x.test", "Bob\nX-Injected: 1", "Bob\rX", "Bob\u0000", "Bob\tX", "Bob\u001bX"];
    await expectNoEffect(t, async () => {
      const out: Response[] = [];
      for (const email of emails) {
        out.push(await trpc("employees.create", { displayName: "Bob", email }));
        out.push(await trpc("employees.update", { guid: w.employees[3]!.guid, email }));
        out.push(await t.call("POST", "/api/web/custom/password/admin_reset", { body: { email } }));
        out.push(await trpc("employees.adminResetByEmail", { email }));
      }
      for (const displayName of names) {
        out.push(await trpc("employees.create", { displayName, email: `bob${out.length}@b.test` }));
        out.push(await trpc("employees.update", { guid: w.employees[3]!.guid, displayName }));
        out.push(await trpc("workplaces.update", { guid: w.workplaces[0]!.guid, name: displayName }));
      }
      for (const r of out) expect(r.status).toBeGreaterThanOrEqual(400);
      return out;
    });
  });
});

describe("bidirectional controls in names", () => {
  it("names with bidi marks, embeddings, overrides or isolates are refused wherever a name is accepted", async () => {
    const w = t.world;
    const trpc = (path: string, body: object, token = w.tokens.admin) => t.call("POST", `/api/trpc/${path}`, { token, body });
    // "Bob" + RIGHT-TO-LEFT OVERRIDE + "gnp.exe" shows as "Bobexe.png"; each control alone is enough.
    const names = [
      "Bob\u202Egnp.exe",
      "Bob\u202A",
      "Bob\u202B",
      "Bob\u202C",
      "Bob\u202D",
      "Bob\u2066x",
      "Bob\u2067x",
      "Bob\u2068x",
      "Bob\u2069",
      "Bob\u200E",
      "Bob\u200F",
      "Bob\u061C",
    ];
    await expectNoEffect(t, async () => {
      const out: Response[] = [];
      for (const name of names) {
        out.push(await trpc("employees.create", { displayName: name, email: `bidi${out.length}@b.test` }));
        out.push(await trpc("employees.update", { guid: w.employees[3]!.guid, displayName: name }));
        out.push(await trpc("outlets.create", { name }));
        out.push(await trpc("outlets.update", { guid: w.outlets[0]!.guid, name }));
        out.push(await trpc("workplaces.create", { outletGuid: w.outlets[0]!.guid, name }));
        out.push(await trpc("workplaces.update", { guid: w.workplaces[0]!.guid, name }));
        out.push(await trpc("tokens.create", { name, scopes: ["self"] }));
        out.push(
          await trpc(
            "organizations.create",
            { name, alias: `bidi-${out.length}`, owner: { displayName: "Owner", email: `o${out.length}@bidi.test` } },
            w.tokens.instanceAdmin,
          ),
        );
        out.push(
          await trpc(
            "organizations.create",
            { name: "Bidi Org", alias: `bidi-${out.length}`, owner: { displayName: name, email: `o${out.length}@bidi.test` } },
            w.tokens.instanceAdmin,
          ),
        );
      }
      for (const r of out) {
        expect(r.status).toBe(400);
        expect(await r.clone().text()).toContain("must not contain bidirectional control characters");
      }
      return out;
    });
  });

  it("right-to-left names themselves are fine", async () => {
    const res = await t.call("POST", "/api/trpc/outlets.create", { token: t.world.tokens.admin, body: { name: "מסעדה ברחוב הרצל" } });
    expect(res.status).toBe(200);
  });
});
