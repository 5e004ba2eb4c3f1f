// The link in every reset message: a caller's template (ZITADEL's sendLink.urlTemplate) checked
// so it can not inject text, or this installation's /reset page with the code in the fragment.
import { describe, expect, it } from "vitest";
import { resetLink, resetLinkTemplateProblem, scrubCodes } from "../src/lib/delivery/templates";
import { codeOf, createHarness } from "./harness";
import { outboxFor, passCooldown, seedPasswordWorld } from "./passwordsFixtures";

const h = createHarness({ LATCHKEY_PUBLIC_URL: "https://keys.example.test/" });

describe("resetLinkTemplateProblem", () => {
  it("accepts ZITADEL's documented example and placeholders with spaces, anywhere, the host included", () => {
    for (const ok of [
      "https://example.com/password/changey?userID={{.UserID}}&code={{.Code}}&orgID={{.OrgID}}",
      "http://localhost:3000/reset#code={{ .Code }}",
      "https://a.test/{{.OrgID}}/{{.UserID}}/{{.Code}}",
      "https://a.test/",
      "https://{{.OrgID}}.app.example.com/reset?c={{.Code}}",
      "https://u-{{.UserID}}.{{.OrgID}}.a.test:8443/r#c={{.Code}}",
      "https://{{.Code}}.a.test/",
      "http://127.0.0.1:3000/reset#c={{.Code}}",
      "http://[::1]:3000/reset#c={{.Code}}",
    ])
      expect(resetLinkTemplateProblem(ok), ok).toBeNull();
  });

  it("names what is wrong", () => {
    expect(resetLinkTemplateProblem("https://a.test/{{.Email}}")).toMatch(/unknown placeholder \{\{\.Email\}\}/);
    expect(resetLinkTemplateProblem('https://a.test/{{template "x"}}')).toMatch(/placeholders are written/);
    expect(resetLinkTemplateProblem("https://a.test/{{.Code")).toMatch(/placeholders are written/);
    expect(resetLinkTemplateProblem("https://a.test/a b")).toMatch(/URL characters/);
    expect(resetLinkTemplateProblem("https://a.test/\u2028x")).toMatch(/URL characters/);
    expect(resetLinkTemplateProblem("mailto:x@a.test?body={{.Code}}")).toMatch(/absolute http/);
    expect(resetLinkTemplateProblem("{{.Code}}")).toMatch(/absolute http/);
    expect(resetLinkTemplateProblem("https://x:y@a.test/")).toMatch(/user name or password/);
    // Filled in, the host must still be a host name or an IP address as written.
    expect(resetLinkTemplateProblem("https://{{.Code}}/")).toMatch(/valid host/); // the parser reads 12345678 as 0.188.97.78
    expect(resetLinkTemplateProblem("https://{{.UserID}}{{.OrgID}}.a.test/")).toMatch(/valid host/); // a 72-character label
    expect(resetLinkTemplateProblem("https://a.test.{{.Code}}/")).toMatch(/absolute http/); // a numeric last label is no host
    expect(resetLinkTemplateProblem("https://a.test:{{.Code}}/")).toMatch(/absolute http/); // 12345678 is no port
    expect(resetLinkTemplateProblem("https://{{.UserID}}..a.test/")).toMatch(/valid host/);
    expect(resetLinkTemplateProblem("https://-{{.Code}}.a.test/")).toMatch(/valid host/);
    expect(resetLinkTemplateProblem("https://%61.test/{{.Code}}")).toMatch(/valid host/);
    expect(resetLinkTemplateProblem("https://0x7f.1/{{.Code}}")).toMatch(/valid host/);
    expect(resetLinkTemplateProblem("https://{{.UserID}}@a.test/")).toMatch(/user name or password/);
    expect(resetLinkTemplateProblem(`https://${"a".repeat(64)}.test/`)).toMatch(/valid host/);
  });

  it("fills the template, or builds our own page's link with the code only in the fragment", () => {
    const values = { UserID: "u-1", OrgID: "o-1", Code: "12345678", orgAlias: "shop" };
    expect(resetLink("https://k.test", "https://a.test/?u={{.UserID}}&o={{.OrgID}}&c={{ .Code }}", values)).toBe(
      "https://a.test/?u=u-1&o=o-1&c=12345678",
    );
    expect(resetLink("https://k.test", undefined, values)).toBe("https://k.test/reset#org=shop&code=12345678");
  });
});

describe("reset messages carry the link", () => {
  it("every reset (LIFE POS, F5, ZITADEL) links to LATCHKEY_PUBLIC_URL's /reset page; scrubbing blots the code in it too", async () => {
    const w = await seedPasswordWorld(h, "Link");
    await w.api.employees.resetPassword({ guid: w.alice.guid });
    const sms = (await outboxFor(h, w.alice.id))[0]!;
    const code = /code is (\d{8})/.exec(sms.body)![1]!;
    expect(sms.body).toContain(`https://keys.example.test/reset#org=${w.org.alias}&code=${code}`);
    expect(scrubCodes(sms.body)).not.toContain(code);
    passCooldown(h);
    await w.api.employees.adminResetByEmail({ email: w.alice.email });
    expect((await outboxFor(h, w.alice.id))[0]!.body).toMatch(
      /Choose a new password at https:\/\/keys\.example\.test\/reset#org=[a-z0-9-]+&code=\d{8} within/,
    );
  });

  it("employees.requestPasswordReset takes a urlTemplate for sms and email, refuses it with return and refuses a bad one before any change", async () => {
    const w = await seedPasswordWorld(h, "Template");
    passCooldown(h);
    const out = await w.api.employees.requestPasswordReset({
      guid: w.alice.guid,
      delivery: "email",
      urlTemplate: "https://a.test/r?c={{.Code}}",
    });
    expect(out.channel).toBe("email");
    expect((await outboxFor(h, w.alice.id))[0]!.body).toMatch(/https:\/\/a\.test\/r\?c=\d{8}/);
    const before = (await outboxFor(h, w.alice.id)).length;
    passCooldown(h);
    expect(
      await codeOf(w.api.employees.requestPasswordReset({ guid: w.alice.guid, delivery: "return", urlTemplate: "https://a.test/" })),
    ).toBe("RequestIsNotValid");
    expect(
      await codeOf(w.api.employees.requestPasswordReset({ guid: w.alice.guid, delivery: "sms", urlTemplate: "https://a.test/{{.X}}" })),
    ).toBe("RequestIsNotValid");
    expect(await outboxFor(h, w.alice.id)).toHaveLength(before);
  });

  it("fills placeholders in the host: the organization's guid names the link's host", async () => {
    const w = await seedPasswordWorld(h, "HostTemplate");
    passCooldown(h);
    await w.api.employees.requestPasswordReset({
      guid: w.alice.guid,
      delivery: "email",
      urlTemplate: "https://{{.OrgID}}.app.example.test/reset?u={{.UserID}}#c={{.Code}}",
    });
    const body = (await outboxFor(h, w.alice.id))[0]!.body;
    const link = new URL(/https:\/\/\S+\.app\.example\.test\/\S+/.exec(body)![0]);
    expect(link.hostname).toBe(`${w.org.guid}.app.example.test`);
    expect(link.searchParams.get("u")).toBe(w.alice.guid);
    expect(link.hash).toMatch(/^#c=\d{8}$/);
  });
});
