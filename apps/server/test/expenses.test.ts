// Expenses ChangePassword over real HTTP: JSON, XML and form bodies, JSON or XML
// answers with the vendor's data-contract namespaces, safe XML, every status of docs/vendors/expenses.md.
import { describe, expect, it } from "vitest";
import { createCaller, createContext } from "@latchkey/api";
import { NEW_PASSWORD } from "./passwords";
import { useServer } from "./useServer";
import { expectExpensesJson } from "./expectations";

const t = useServer();
const path = (id: number | string) => `/Employees/${id}/ChangePassword`;
const NS = "http://schemas.microsoft.com/2003/10/Serialization/";
const SUCCESS_JSON = '{"RequestResponse":1,"ResponseInformation":{"Errors":[],"Status":1,"Links":[]}}';
const SUCCESS_XML =
  '<ChangePasswordResponse xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/SpendManagementApi.Models.Responses">' +
  '<ResponseInformation xmlns="http://schemas.datacontract.org/2004/07/SpendManagementApi.Models.Common"><Errors/><Links/><Status>Success</Status></ResponseInformation>' +
  "<RequestResponse>1</RequestResponse></ChangePasswordResponse>";

async function signsIn(email: string, password: string): Promise<boolean> {
  const api = createCaller(() => createContext({ services: t.services, meta: { ip: "10.9.9.9", requestId: "sign-in-check" } }));
  return api.auth.signIn({ login: email, password }).then(
    () => true,
    () => false,
  );
}

describe("PATCH /Employees/{id}/ChangePassword", () => {
  it("takes a JSON string and answers the JSON ChangePasswordResponse", async () => {
    const e = t.world.employees[1]!;
    const res = await t.call("PATCH", path(e.id), { body: JSON.stringify(NEW_PASSWORD) });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(SUCCESS_JSON);
    expect(await signsIn(e.email, NEW_PASSWORD)).toBe(true);
  });

  it("takes XML with predefined entities and character references, and answers XML when Accept prefers it", async () => {
    const e = t.world.employees[2]!;
    const xml = `<?xml version="1.0" encoding="utf-8"?><string xmlns="${NS}">Amber&amp;Frost&#x2D;Lake&lt;&#55;7&gt;</string>`;
    const res = await t.call("PATCH", path(e.id), { body: xml, headers: { "content-type": "application/xml", accept: "application/xml" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/xml/);
    expect(await res.text()).toBe(SUCCESS_XML);
    expect(await signsIn(e.email, "Amber&Frost-Lake<77>")).toBe(true);
  });

  it("takes the form bodies =value and newPassword=value; text/json and text/xml too", async () => {
    const e = t.world.employees[3]!;
    const bodies: [string, string, string][] = [
      ["application/x-www-form-urlencoded", `=${encodeURIComponent("Sable Orchid+Kite 31")}`, "Sable Orchid+Kite 31"],
      ["application/x-www-form-urlencoded", "newPassword=Copper%20Fjord%20Ember%2044", "Copper Fjord Ember 44"],
      ["text/json", JSON.stringify("Tundra-Velvet-Signal-12"), "Tundra-Velvet-Signal-12"],
      ["text/xml", `<string xmlns="${NS}"><![CDATA[Lilac<Harbor>Drum 90]]></string>`, "Lilac<Harbor>Drum 90"],
    ];
    for (const [type, body, password] of bodies) {
      const res = await t.call("PATCH", path(e.id), { body, headers: { "content-type": type, accept: "text/json" } });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/json/);
      expect(await res.text()).toBe(SUCCESS_JSON);
      expect(await signsIn(e.email, password)).toBe(true);
    }
  });

  it("refuses DOCTYPE, external and undeclared entities with 400, changing nothing", async () => {
    const e = t.world.employees[3]!;
    const attacks = [
      `<?xml version="1.0"?><!DOCTYPE string [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><string xmlns="${NS}">&xxe;</string>`,
      `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><string xmlns="${NS}">&lol2;</string>`,
      `<string xmlns="${NS}">&nbsp;Long-enough-password-1</string>`,
      `<string xmlns="urn:wrong">Long-enough-password-1</string>`,
      `<string xmlns="${NS}"><b>x</b></string>`,
      `<string xmlns="${NS}">unterminated`,
      `<string xmlns="${NS}"><![CDATA[Unclosed-cdata-password-1</string>`,
      `<string xmlns="${NS}">Stray]]>Long-enough-password-1</string>`,
    ];
    for (const xml of attacks) {
      await expectExpensesJson(
        await t.call("PATCH", path(e.id), { body: xml, headers: { "content-type": "application/xml" } }),
        400,
        "RequestIsNotValid",
      );
    }
    expect(await signsIn(e.email, "Lilac<Harbor>Drum 90")).toBe(true);
  });

  it("answers failures as XML with Status Failure and RequestResponse 0 when Accept asks for XML", async () => {
    const res = await t.call("PATCH", path(t.world.otherEmployee.id), {
      body: JSON.stringify(NEW_PASSWORD),
      headers: { accept: "text/xml" },
    });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^text\/xml/);
    const xml = await res.text();
    expect(xml).toMatch(
      /^<ChangePasswordResponse xmlns:i="http:\/\/www\.w3\.org\/2001\/XMLSchema-instance" xmlns="http:\/\/schemas\.datacontract\.org\/2004\/07\/SpendManagementApi\.Models\.Responses"><ResponseInformation xmlns="http:\/\/schemas\.datacontract\.org\/2004\/07\/SpendManagementApi\.Models\.Common"><Errors><ApiErrorDetail><ErrorCode>NotFound<\/ErrorCode><Message>[^<]+<\/Message><\/ApiErrorDetail><\/Errors><Links\/><Status>Failure<\/Status><\/ResponseInformation><RequestResponse>0<\/RequestResponse><\/ChangePasswordResponse>$/,
    );
  });

  it("400 for a non-string JSON body, an unknown form field, a weak password, an archived employee or an unsupported type", async () => {
    const w = t.world;
    const id = w.employees[1]!.id;
    await expectExpensesJson(await t.call("PATCH", path(id), { body: { newPassword: NEW_PASSWORD } }), 400, "RequestIsNotValid");
    await expectExpensesJson(
      await t.call("PATCH", path(id), {
        body: "password=Long-enough-password-1",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
      400,
      "RequestIsNotValid",
    );
    const weak = await t.call("PATCH", path(id), { body: JSON.stringify("short") });
    expect(weak.status).toBe(400);
    expect(((await weak.json()) as { RequestResponse: number }).RequestResponse).toBe(0);
    await expectExpensesJson(
      await t.call("PATCH", path(w.archived.id), { body: JSON.stringify(NEW_PASSWORD) }),
      400,
      "NotAllowedForArchived",
    );
    await expectExpensesJson(
      await t.call("PATCH", path(id), { body: NEW_PASSWORD, headers: { "content-type": "text/plain" } }),
      400,
      "RequestIsNotValid",
    );
  });

  it("401 without a token, 403 without admin rights or for the owner", async () => {
    const w = t.world;
    await expectExpensesJson(
      await t.call("PATCH", path(w.employees[1]!.id), { token: null, body: JSON.stringify(NEW_PASSWORD) }),
      401,
      "Unauthorized",
    );
    await expectExpensesJson(
      await t.call("PATCH", path(w.employees[1]!.id), { token: w.tokens.employee, body: JSON.stringify(NEW_PASSWORD) }),
      403,
      "NoPermissions",
    );
    await expectExpensesJson(
      await t.call("PATCH", path(w.owner.id), { token: w.tokens.admin, body: JSON.stringify(NEW_PASSWORD) }),
      403,
      "NotAllowedForOwner",
    );
  });

  it("404 for an unknown id, another org's id and a malformed id, all alike", async () => {
    const w = t.world;
    const bodies = [];
    for (const id of [999999, w.otherEmployee.id, "abc"]) {
      const res = await t.call("PATCH", path(id), { body: JSON.stringify(NEW_PASSWORD) });
      expect(res.status).toBe(404);
      bodies.push(await res.json());
    }
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
  });
});
