// ZITADEL's REST paths as the vendor's protos define them: every field of the request messages
// (both name styles, nulls, enum numbers, the path's user_id in the body), their validate.rules
// answered 400 (3) before any lookup, and sendLink.urlTemplate carried into the message.
import { request } from "node:http";
import { connect as connectHttp2 } from "node:http2";
import { describe, expect, it } from "vitest";
import { freshPassword, NEW_PASSWORD } from "./passwords";
import { afterCooldown, useServer } from "./useServer";
import { expectZitadel, expectZitadelRule } from "./expectations";
import { expectNoEffect } from "./expectNoEffect";

const PUBLIC_URL = "https://latchkey.example.test";
/** Another name this installation answers to: a request naming it is served, yet links never use it. */
const ADMITTED = "admitted.example.test";
const t = useServer({ LATCHKEY_PUBLIC_URL: PUBLIC_URL, LATCHKEY_ALLOWED_HOSTS: ADMITTED });
const UNKNOWN = "00000000-0000-4000-8000-000000000000";
const v1 = (id: string) => `/management/v1/users/${id}/password`;
const v2 = (id: string) => `/v2/users/${id}/password`;
const v2reset = (id: string) => `/v2/users/${id}/password_reset`;

/** The newest message queued for an employee. */
const lastMessage = async (guid: string) =>
  (
    await t.sql<{ body: string; channel: string }>(
      "SELECT m.body, m.channel FROM outbox_messages m JOIN employees e ON e.id = m.employee_id WHERE e.guid = ? ORDER BY m.id DESC LIMIT 1",
      guid,
    )
  )[0];

describe("request messages as the protos define them", () => {
  it("v1 SetHumanPassword: proto names, nulls as defaults, the path's user_id wins over the body's", async () => {
    const id = t.world.employees[1]!.guid;
    const res = await t.call("POST", v1(id), {
      body: { user_id: UNKNOWN, password: freshPassword(), no_change_required: null },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { details: { resourceOwner: string } }).details.resourceOwner).toBe(t.world.org.guid);
  });

  it("v2 SetPassword: every field in both spellings, changeRequired null keeps the default", async () => {
    const id = t.world.employees[1]!.guid;
    const snake = await t.call("POST", v2(id), {
      body: { user_id: id, new_password: { password: freshPassword(), change_required: false }, current_password: null },
    });
    expect(snake.status).toBe(200);
    const row = (
      await t.sql<{ r: number }>("SELECT CASE WHEN password_change_required THEN 1 ELSE 0 END AS r FROM employees WHERE guid = ?", id)
    )[0]!;
    expect(row.r).toBe(0);
    const nulls = await t.call("POST", v2(id), { body: { newPassword: { password: freshPassword(), changeRequired: null } } });
    expect(nulls.status).toBe(200);
    expect(
      (await t.sql<{ r: number }>("SELECT CASE WHEN password_change_required THEN 1 ELSE 0 END AS r FROM employees WHERE guid = ?", id))[0]!
        .r,
    ).toBe(1);
  });

  it("v2 PasswordReset: an empty body is an email reset; enum numbers and names; returnCode: null does not count", async () => {
    const w = t.world;
    afterCooldown(t);
    const empty = await t.call("POST", v2reset(w.employees[2]!.guid), { body: "" });
    expect(empty.status).toBe(200);
    expect((await lastMessage(w.employees[2]!.guid))!.channel).toBe("email");
    afterCooldown(t);
    const sms = await t.call("POST", v2reset(w.employees[2]!.guid), { body: { send_link: { notification_type: 2 }, return_code: null } });
    expect(sms.status).toBe(200);
    expect((await lastMessage(w.employees[2]!.guid))!.channel).toBe("sms");
    const code = await t.call("POST", v2reset(w.employees[2]!.guid), { body: { sendLink: null, returnCode: {} } });
    expect(Object.keys((await code.json()) as object)).toEqual(["details", "verificationCode"]);
  });

  it("validate.rules: 400 (3) without details before any lookup, for users that do not exist too, and nothing changes", async () => {
    const long = "u".repeat(201);
    const id = t.world.employees[3]!.guid;
    await expectNoEffect(t, async () => {
      const out: Response[] = [];
      const check = async (res: Response, field: string) => {
        out.push(res);
        const body = await expectZitadelRule(res.clone());
        expect(body.message).toContain(field);
      };
      await check(await t.call("POST", v2(long), { body: { newPassword: { password: NEW_PASSWORD } } }), "SetPasswordRequest.UserId");
      await check(await t.call("POST", v2reset(long), { body: { returnCode: {} } }), "PasswordResetRequest.UserId");
      await check(await t.call("POST", v2(UNKNOWN), { body: { newPassword: { password: "p".repeat(201) } } }), "Password.Password");
      await check(
        await t.call("POST", v2(UNKNOWN), { body: { newPassword: { password: NEW_PASSWORD }, verificationCode: "1".repeat(21) } }),
        "VerificationCode",
      );
      await check(
        await t.call("POST", v2(UNKNOWN), { body: { newPassword: { password: NEW_PASSWORD }, currentPassword: "" } }),
        "CurrentPassword",
      );
      await check(await t.call("POST", v2reset(UNKNOWN), { body: { sendLink: { urlTemplate: "" } } }), "UrlTemplate");
      await check(
        await t.call("POST", v2reset(id), { body: { sendLink: { urlTemplate: `https://a.test/${"x".repeat(190)}` } } }),
        "UrlTemplate",
      );
      await check(await t.call("POST", v1(UNKNOWN), { body: { password: "p".repeat(73) } }), "SetHumanPasswordRequest.Password");
      return out;
    });
    // user_id within its limit but not one of ours is the ordinary 404 (5); v1 has no upper limit.
    await expectZitadel(await t.call("POST", v2("u".repeat(200)), { body: { newPassword: { password: NEW_PASSWORD } } }), 404, 5);
    await expectZitadel(await t.call("POST", v1(long), { body: { password: NEW_PASSWORD } }), 404, 5);
  });

  it("refuses unknown fields, a oneof given twice and wrong types with 400 (3), never echoing the value", async () => {
    const id = t.world.employees[3]!.guid;
    await expectZitadel(await t.call("POST", v2reset(id), { body: { sendLink: { urlTemplate: "https://a.test/", extra: 1 } } }), 400, 3);
    await expectZitadel(await t.call("POST", v2reset(id), { body: { send_link: {}, returnCode: {} } }), 400, 3);
    const typed = await expectZitadel(await t.call("POST", v1(id), { body: { password: 31415926535 } }), 400, 3);
    expect(typed.message).not.toContain("31415926535");
  });
});

describe("sendLink.urlTemplate", () => {
  it("fills {{.UserID}}, {{.OrgID}} and {{.Code}} into the link the email carries", async () => {
    const w = t.world;
    const id = w.employees[4]!.guid;
    afterCooldown(t);
    const template = "https://app.example.test/password/change?userID={{.UserID}}&code={{ .Code }}&orgID={{.OrgID}}";
    const res = await t.call("POST", v2reset(id), {
      body: { sendLink: { notificationType: "NOTIFICATION_TYPE_Email", urlTemplate: template } },
    });
    expect(res.status).toBe(200);
    const msg = (await lastMessage(id))!;
    const link = /https:\/\/app\.example\.test\/\S+/.exec(msg.body)![0];
    const url = new URL(link);
    expect(url.searchParams.get("userID")).toBe(id);
    expect(url.searchParams.get("orgID")).toBe(w.org.guid);
    expect(url.searchParams.get("code")).toMatch(/^\d{8}$/);
    expect(msg.body).toContain(`code is ${url.searchParams.get("code")}`);
  });

  it("by SMS too", async () => {
    const id = t.world.employees[0]!.guid;
    afterCooldown(t);
    const res = await t.call("POST", v2reset(id), {
      body: { sendLink: { notificationType: 2, urlTemplate: "https://a.test/r#c={{.Code}}" } },
    });
    expect(res.status).toBe(200);
    expect((await lastMessage(id))!.body).toMatch(/https:\/\/a\.test\/r#c=\d{8}$/);
  });

  it("placeholders in the host: the link's host carries the organization's guid", async () => {
    const w = t.world;
    const id = w.employees[4]!.guid;
    afterCooldown(t);
    const res = await t.call("POST", v2reset(id), {
      body: { sendLink: { urlTemplate: "https://{{.OrgID}}.app.example.test/reset?c={{.Code}}" } },
    });
    expect(res.status).toBe(200);
    const link = new URL(/https:\/\/\S+\.app\.example\.test\/\S+/.exec((await lastMessage(id))!.body)![0]);
    expect(link.hostname).toBe(`${w.org.guid}.app.example.test`);
    expect(link.searchParams.get("c")).toMatch(/^\d{8}$/);
  });

  it("400 (3) for unknown placeholders, a non-http(s) or relative URL, text that is no URL, credentials, or no valid host once filled", async () => {
    const id = t.world.employees[4]!.guid;
    afterCooldown(t);
    const bad = [
      "https://a.test/?n={{.DisplayName}}",
      "https://a.test/?c={{.Code | printf}}",
      "https://a.test/?c={{.Code}",
      "javascript:alert({{.Code}})",
      "/reset?code={{.Code}}",
      "ftp://a.test/{{.Code}}",
      "https://a.test/ Your account is locked, call +1 555 0100",
      "https://a.test/\nhttps://evil.test/",
      'https://a.test/"><b>x</b>',
      "https://user:pw@a.test/{{.Code}}",
      "https://{{.Code}}/",
      "https://a.test:{{.Code}}/",
      "https://a.test/ключ",
    ];
    await expectNoEffect(t, async () => {
      const out: Response[] = [];
      for (const urlTemplate of bad) {
        const res = await t.call("POST", v2reset(id), { body: { sendLink: { urlTemplate } } });
        out.push(res);
        const body = await expectZitadel(res.clone(), 400, 3);
        expect(body.message, urlTemplate).toMatch(/urlTemplate/);
        expect(body.message, urlTemplate).not.toMatch(/unknown field/);
      }
      return out;
    });
  });

  it("without a template the message links to this installation's /reset page from LATCHKEY_PUBLIC_URL, never the Host header, the code in the fragment", async () => {
    const w = t.world;
    const id = w.employees[3]!.guid;
    // A host name this installation also answers to, over HTTP/1.1 (Host) and HTTP/2 (:authority).
    for (const send of [http1, http2]) {
      afterCooldown(t);
      const res = await send(ADMITTED, v2reset(id), { sendLink: {} }, { "x-forwarded-host": "evil.example.test" });
      expect(res.status, send.name).toBe(200);
      const body = (await lastMessage(id))!.body;
      expect(body).not.toMatch(/evil|admitted/);
      const link = new URL(/https:\/\/latchkey\.example\.test\/\S+/.exec(body)![0]);
      expect(link.origin + link.pathname).toBe(`${PUBLIC_URL}/reset`);
      expect(link.search).toBe("");
      const fragment = new URLSearchParams(link.hash.slice(1));
      expect(fragment.get("org")).toBe(w.org.alias);
      expect(fragment.get("code")).toMatch(/^\d{8}$/);
    }
  });

  it("a Host or :authority this installation does not serve is refused (421) over HTTP/1.1 and HTTP/2, REST and RPC, before anything runs", async () => {
    const id = t.world.employees[3]!.guid;
    afterCooldown(t);
    await expectNoEffect(t, async () => {
      const out = [
        await http1("evil.example.test", v2reset(id), { sendLink: {} }),
        await http2("evil.example.test", v2reset(id), { sendLink: {} }),
        await http2("evil.example.test", "/zitadel.user.v2.UserService/PasswordReset", { userId: id, sendLink: {} }),
        await http2(ADMITTED, v2reset(id), { sendLink: {} }, { host: "evil.example.test" }),
      ];
      for (const res of out) expect(res.status).toBe(421);
      return out;
    });
  });
});

/** A JSON POST over HTTP/1.1 naming `host` in its Host header (fetch would replace it). */
function http1(host: string, path: string, body: object, headers: Record<string, string> = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, t.url),
      {
        method: "POST",
        headers: { host, authorization: `Bearer ${t.world.tokens.service}`, "content-type": "application/json", ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve(new Response(Buffer.concat(chunks), { status: res.statusCode! })));
      },
    );
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}

/** The same over HTTP/2 cleartext, naming `authority` in :authority. */
async function http2(authority: string, path: string, body: object, headers: Record<string, string> = {}): Promise<Response> {
  const session = connectHttp2(t.url);
  try {
    return await new Promise<Response>((resolve, reject) => {
      const req = session.request({
        ":method": "POST",
        ":path": path,
        ":authority": authority,
        authorization: `Bearer ${t.world.tokens.service}`,
        "content-type": "application/json",
        ...headers,
      });
      let status = 0;
      const chunks: Buffer[] = [];
      req.on("response", (h) => (status = Number(h[":status"])));
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => resolve(new Response(Buffer.concat(chunks), { status })));
      req.on("error", reject);
      req.end(JSON.stringify(body));
    });
  } finally {
    session.close();
  }
}
