// Unicode passwords through every family: NFKC-equivalent spellings are one password, an
// emoji is one character, and NUL or lone surrogates are refused without touching the hash.
import { describe, expect, it } from "vitest";
import { expectNoEffect } from "../expectNoEffect";
import { afterCooldown, useServer } from "../useServer";

const t = useServer();

const signIn = (login: string, password: string) =>
  fetch(`${t.url}/api/trpc/auth.signIn`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ login, password }),
  });

const hashOf = async (guid: string) =>
  (await t.sql<{ password_hash: string }>("SELECT password_hash FROM employees WHERE guid = ?", guid))[0]!.password_hash;

/** encodeURIComponent, except that a lone surrogate goes out as the (invalid) UTF-8 bytes a careless client would send. */
function percentEncode(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i);
    const pair = u >= 0xd800 && u <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (pair) {
      out += encodeURIComponent(s.slice(i, i + 2));
      i++;
    } else if (u >= 0xd800 && u <= 0xdfff) {
      out += [0xe0 | (u >> 12), 0x80 | ((u >> 6) & 0x3f), 0x80 | (u & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join("");
    } else out += encodeURIComponent(s[i]!);
  }
  return out;
}

/** Sets a password through one family; returns the response. */
function setVia(family: string, who: { guid: string; id: number }, password: string): Promise<Response> {
  switch (family) {
    case "zitadel v1":
      return t.call("POST", `/management/v1/users/${who.guid}/password`, { body: { password, noChangeRequired: true } });
    case "zitadel v2":
      return t.call("POST", `/v2/users/${who.guid}/password`, { body: { newPassword: { password, changeRequired: false } } });
    case "expenses json":
      return t.call("PATCH", `/Employees/${who.id}/ChangePassword`, { body: JSON.stringify(password) });
    case "expenses form":
      return t.call("PATCH", `/Employees/${who.id}/ChangePassword`, {
        body: `=${percentEncode(password)}`,
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
    case "expenses xml": {
      const escaped = [...password].map((c) => `&#x${c.codePointAt(0)!.toString(16)};`).join("");
      return t.call("PATCH", `/Employees/${who.id}/ChangePassword`, {
        body: `<string xmlns="http://schemas.microsoft.com/2003/10/Serialization/">${escaped}</string>`,
        headers: { "content-type": "application/xml" },
      });
    }
    default:
      return t.call("POST", "/api/trpc/employees.setPassword", { body: { guid: who.guid, password, changeRequired: false } });
  }
}

const FAMILIES = ["zitadel v1", "zitadel v2", "expenses json", "expenses form", "expenses xml", "trpc"];

describe("NFKC equivalence", () => {
  const spellings: [string, string][] = [
    ["Ｑｕｉｅｔ－Ｍｅａｄｏｗ－Ｃｏｐｐｅｒ－５８", "Quiet-Meadow-Copper-58"], // fullwidth forms
    ["Cafe\u0301-Lantern-Harbor-93", "Caf\u00e9-Lantern-Harbor-93"], // decomposed vs composed
    ["\ufb01sh-Lantern-Harbor-93", "fish-Lantern-Harbor-93"], // the fi ligature
    ["Lantern-Harbor-\u2163-Copper", "Lantern-Harbor-IV-Copper"], // roman numeral four
  ];
  it("a password set in one spelling signs in with its NFKC-equivalent spelling, through every family", async () => {
    const w = t.world;
    let i = 0;
    for (const family of FAMILIES) {
      const [typed, equivalent] = spellings[i++ % spellings.length]!;
      const who = w.employees[i % 5]!;
      const res = await setVia(family, who, typed);
      expect({ family, status: res.status }).toEqual({ family, status: 200 });
      expect({ family, status: (await signIn(who.email, equivalent)).status }).toEqual({ family, status: 200 });
      expect({ family, status: (await signIn(who.email, typed)).status }).toEqual({ family, status: 200 });
      expect({ family, status: (await signIn(who.email, `${equivalent}x`)).status }).toEqual({ family, status: 401 });
    }
  });
});

describe("code points, not UTF-16 units", () => {
  it("an emoji counts as one character against the minimum length (12)", async () => {
    const who = t.world.employees[0]!;
    const eleven = "Ab3-Lantrn-"; // 11 code points
    expect([...eleven]).toHaveLength(11);
    for (const family of FAMILIES) {
      // 10 code points + one emoji = 11 code points (12 UTF-16 units): too short.
      const short = await setVia(family, who, `${eleven.slice(0, 10)}\u{1F511}`);
      expect({ family, status: short.status }).toEqual({ family, status: 400 });
    }
    // 11 + one emoji = 12 code points: long enough.
    const ok = await setVia("zitadel v1", who, `${eleven}\u{1F511}`);
    expect(ok.status).toBe(200);
    expect((await signIn(who.email, `${eleven}\u{1F511}`)).status).toBe(200);
  });

  it("ZITADEL's 72-character limit counts emoji as one character each", async () => {
    const who = t.world.employees[1]!;
    const emoji72 = `${"\u{1F600}\u{1F680}\u{1F511}".repeat(24)}`;
    expect([...emoji72]).toHaveLength(72);
    expect((await setVia("zitadel v1", who, emoji72)).status).toBe(200);
    expect((await signIn(who.email, emoji72)).status).toBe(200);
    expect((await setVia("zitadel v1", who, `${emoji72}\u{1F600}`)).status).toBe(400);
  });
});

describe("refused characters", () => {
  it("NUL, other control characters and lone surrogates are refused by every family, leaving the hash alone", async () => {
    const who = t.world.employees[3]!;
    const bad = [
      "Quiet-Meadow\u0000-Copper-58",
      "Quiet-Meadow-Copper-58\u0000",
      "Quiet-Meadow\n-Copper-58",
      "Quiet-Meadow\u001b-Copper-58",
      "Quiet-Meadow\ud800-Copper-58",
      "Quiet-Meadow\udc00-Copper-58",
      "Quiet-Meadow-Copper-58\ud83d",
      "\udfff\ud800Quiet-Meadow-Copper-58",
    ];
    const hash = await hashOf(who.guid);
    await expectNoEffect(t, async () => {
      const out: Response[] = [];
      for (const family of FAMILIES) {
        for (const password of bad) {
          const res = await setVia(family, who, password);
          expect({ family, password: escape(password), status: res.status }).toEqual({ family, password: escape(password), status: 400 });
          out.push(res);
        }
      }
      // Raw bytes that are not UTF-8 at all.
      out.push(
        await fetch(`${t.url}/management/v1/users/${who.guid}/password`, {
          method: "POST",
          headers: { authorization: `Bearer ${t.world.tokens.service}`, "content-type": "application/json" },
          body: Buffer.concat([Buffer.from('{"password":"Quiet-'), Buffer.from([0xed, 0xa0, 0x80, 0xff]), Buffer.from('-Meadow-58"}')]),
        }),
      );
      return out;
    });
    expect(await hashOf(who.guid)).toBe(hash);
  });

  it("self-service and reset completion refuse the same characters", async () => {
    const w = t.world;
    const who = w.employees[4]!;
    afterCooldown(t);
    const reset = await t.call("POST", `/v2/users/${who.guid}/password_reset`, { body: { returnCode: {} } });
    expect(reset.status).toBe(200);
    const { verificationCode } = (await reset.json()) as { verificationCode: string };
    await expectNoEffect(t, async () => [
      await t.call("POST", `/v2/users/${who.guid}/password`, {
        body: { newPassword: { password: "Quiet-Meadow\u0000-Copper-58" }, verificationCode },
      }),
      await t.call("POST", "/api/trpc/auth.completePasswordReset", {
        token: null,
        body: { login: who.email, code: verificationCode, newPassword: "Quiet-Meadow\ud800-Copper-58" },
      }),
    ]);
    // The code still works afterwards: a refused password does not burn it.
    const done = await t.call("POST", `/v2/users/${who.guid}/password`, {
      body: { newPassword: { password: "Quiet-Meadow-Copper-58" }, verificationCode },
    });
    expect(done.status).toBe(200);
  });
});
