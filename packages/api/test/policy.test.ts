import { describe, expect, it } from "vitest";
import { ensureInstanceAdmin } from "../src/bootstrap";
import { DEFAULT_PASSWORD_POLICY, checkPasswordRules, type PolicyOrg } from "../src/lib/passwordPolicy";
import { codeOf, createHarness } from "./harness";
import { seedPasswordWorld, strongPassword } from "./passwordsFixtures";

const org: PolicyOrg = { ...DEFAULT_PASSWORD_POLICY, name: "Acme Widgets", alias: "acme-widgets" };

/** The domain error a rule throws ("ok" when the password passes), with its field and message. */
function judge(password: string, o: Partial<PolicyOrg> = {}, subject = {}) {
  try {
    checkPasswordRules({ ...org, ...o }, password, subject);
    return { code: "ok", field: undefined, message: "" };
  } catch (err) {
    const e = err as { code: string; field?: string; message: string };
    return { code: e.code, field: e.field, message: e.message };
  }
}

describe("password rules", () => {
  it("counts length in code points after NFKC: an emoji is one character", () => {
    expect(judge("Zq7#mW2pLx9\u{1F98A}").code).toBe("ok"); // 11 + 1 = 12
    const short = judge("Zq7#mW2pLx\u{1F98A}"); // 11 code points, 12 UTF-16 units
    expect(short.code).toBe("RequestIsNotValid");
    expect(short.message).toContain("at least 12");
    expect(judge("x".repeat(20) + "Zq7#", { passwordMaxLength: 16 }).message).toContain("at most 16");
    // NFKC first: the ligature ﬃ becomes three letters.
    expect(judge("Zq7#mW2p\uFB03x").code).toBe("ok");
  });

  it("refuses control characters, NUL and lone surrogates, naming the field and never the password", () => {
    for (const bad of [
      "Zq7#mW2pLx9abc\u0000",
      "Zq7#mW2pLx9\nabc",
      "Zq7#mW2pLx9\u007fabc",
      "Zq7#mW2pLx9\uD83Dabc",
      "Zq7#mW2pLx9\uDC00abc",
    ]) {
      const r = judge(bad);
      expect(r.code).toBe("RequestIsNotValid");
      expect(r.field).toBe("password");
      expect(r.message).not.toContain("Zq7#");
    }
    // A surrogate pair (an emoji) is fine.
    expect(judge("Zq7#mW2pLx9\uD83E\uDD8A").code).toBe("ok");
  });

  it("refuses common passwords, also wrapped in digits or symbols, case-insensitively", () => {
    for (const bad of ["password1234", "Password1234", "qwertyuiop123", "!!Sunshine2024!!", "iloveyou12345"]) {
      const r = judge(bad);
      expect(r.code, bad).toBe("RequestIsNotValid");
      expect(r.message).toContain("too common");
    }
  });

  it("refuses the organization's and the employee's own names", () => {
    expect(judge("I-love-ACME-and-2026").message).toContain("organization");
    expect(judge("widgets-are-my-life").message).toContain("organization");
    const subject = { displayName: "Ivan Petrov", email: "i.grozny@example.test", username: "vanya77" };
    expect(judge("Petrov-Rules-9281", {}, subject).message).toContain("your name");
    expect(judge("grozny-of-moscow-1", {}, subject).message).toContain("your name");
    expect(judge("Hi-VANYA77-quartz", {}, subject).message).toContain("your name");
    // Names under 4 characters are refused only as the whole password.
    expect(judge("Zq7#mW2pLx9ab", {}, { displayName: "Al Bo" }).code).toBe("ok");
    expect(judge("Zq7#mW2pLx9-bo", { name: "Bo", alias: "bo" }).code).toBe("ok");
  });

  it("applies the optional composition flags", () => {
    const strict = { passwordRequireUpper: true, passwordRequireLower: true, passwordRequireDigit: true, passwordRequireSymbol: true };
    expect(judge("zq7#mw2plx9abc", strict).message).toContain("upper-case");
    expect(judge("ZQ7#MW2PLX9ABC", strict).message).toContain("lower-case");
    expect(judge("Zq#mWpLxabcdef", strict).message).toContain("digit");
    expect(judge("Zq7mW2pLx9abcd", strict).message).toContain("symbol");
    expect(judge("Zq7#mW2pLx9abc", strict).code).toBe("ok");
    // Letters of any script count: Cyrillic upper and lower case.
    expect(judge("Жq7#мW2pLx9abc", strict).code).toBe("ok");
  });
});

describe("password policy through the procedures", () => {
  const h = createHarness();

  it("NFKC-equivalent passwords are the same password", async () => {
    const w = await seedPasswordWorld(h, "Nfkc");
    await w.api.employees.setPassword({ guid: w.alice.guid, password: "Ｖｅｌｖｅｔ-Ｑｕａｓａｒ-4821", changeRequired: false });
    expect(await codeOf(h.signIn(w.alice.email, "Velvet-Quasar-4821"))).toBe("ok");
    expect(await codeOf(h.signIn(w.alice.email, "Ｖｅｌｖｅｔ-Ｑｕａｓａｒ-4821"))).toBe("ok");
  });

  it("uses the employee's own names and the organization's", async () => {
    const w = await seedPasswordWorld(h, "Names");
    const err = await w.api.employees.setPassword({ guid: w.alice.guid, password: "Liddell-Wonderland-7" }).catch((e) => e);
    expect(err.cause).toMatchObject({ code: "RequestIsNotValid", field: "password" });
    expect(await codeOf(w.api.employees.setPassword({ guid: w.alice.guid, password: `${w.org.alias}-Quartz-Lamp` }))).toBe(
      "RequestIsNotValid",
    );
  });

  it("refuses the last N passwords (default 5) and allows older ones", async () => {
    const w = await seedPasswordWorld(h, "History");
    const set = (password: string) => w.api.employees.setPassword({ guid: w.bob.guid, password, changeRequired: false });
    const first = w.bob.password;
    const err = await set(first).catch((e) => e);
    expect(err.cause).toMatchObject({ code: "RequestIsNotValid", field: "password" });
    expect(err.message).toContain("last 5");
    for (let i = 0; i < 5; i++) await set(strongPassword(`h${i}`));
    // `first` is now the sixth most recent: allowed again.
    expect(await codeOf(set(first))).toBe("ok");
  });

  it("the instance admin's first password meets the default policy too", async () => {
    const bad = await ensureInstanceAdmin(h.services, { email: "root@policy.test", password: "password1234" }).catch((e) => e);
    expect(bad).toMatchObject({ code: "RequestIsNotValid", field: "password" });
    const ok = await ensureInstanceAdmin(h.services, { email: "root@policy.test", password: "Violet-Harbor-Lantern-93" });
    expect(ok.created).toBe(true);
  });

  it("follows the organization's history setting, 0 turning it off", async () => {
    const w = await seedPasswordWorld(h, "HistoryOff");
    const owner = h.asToken(w.ownerToken);
    await owner.settings.update({ passwordPolicy: { history: 0 } });
    expect(await codeOf(w.api.employees.setPassword({ guid: w.bob.guid, password: w.bob.password }))).toBe("ok");
    await owner.settings.update({ passwordPolicy: { history: 1, minLength: 20 } });
    const err = await w.api.employees.setPassword({ guid: w.bob.guid, password: "Short-But-Fine-12" }).catch((e) => e);
    expect(err.message).toContain("at least 20");
  });
});
