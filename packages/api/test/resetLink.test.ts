// The link in every reset message: a caller's template (ZITADEL's sendLink.urlTemplate) checked
// so it can not inject text, or this installation's /reset page with the code in the fragment.
import { describe, expect, it } from "vitest";
import { resetLink, resetLinkTemplateProblem, scrubCodes } from "../src/lib/delivery/templates";
import { codeOf, createHarness } from "./harness";
import { outboxFor, passCooldown, seedPasswordWorld } from "./passwordsFixtures";

const h = createHarness({ LATCHKEY_PUBLIC_URL: "https://keys.example.test/" });

describe("resetLinkTemplateProblem", () => {
  it("accepts ZITADEL's documented example and placeholders with spaces, anywhere after the host", () => {
    for (const ok of [
      "https://example.com/password/changey?userID={{.UserID}}&code={{.Code}}&orgID={{.OrgID}}",
      "http://localhost:3000/reset#code={{ .Code }}",
      "https://a.test/{{.OrgID}}/{{.UserID}}/{{.Code}}",
      "https://a.test/",
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
    expect(resetLinkTemplateProblem("https://a.test.{{.UserID}}.evil/")).toMatch(/after the host/);
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
});
