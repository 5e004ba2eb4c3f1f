// Values aimed at what reads them after us: SQL in every path, header and field, path tricks
// aimed at routing, line breaks aimed at email headers and bidirectional controls aimed at
// whoever reads a name. None may answer 5xx and none may change anything.
import { describe, expect, it } from "vitest";
import { expectNoEffect } from "../expectNoEffect";
import { useServer } from "../useServer";
import { rawRequests } from "./rawRequests";

const t = useServer();
const raw = rawRequests(t);

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
