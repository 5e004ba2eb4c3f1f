import { describe, expect, it } from "vitest";
import { eq } from "@latchkey/db";
import { codeOf, consoleOf, createHarness, seedOrg } from "./harness";
import { testTables } from "@latchkey/db/testing";

const { auditEvents } = testTables();

const h = createHarness();

describe("organizations and employees", () => {
  it("creates an org with an owner who can sign in", async () => {
    const a = await seedOrg(h, "Alpha");
    const cookie = await h.signIn(a.owner.email, a.owner.password);
    const me = await h.asSession(cookie).auth.me();
    expect(me.employee?.guid).toBe(a.owner.guid);
    expect(me.role).toBe("owner");
    expect(me.orgAdmin).toBe(true);
  });

  it("creates, lists, searches, updates and archives employees", async () => {
    const a = await seedOrg(h, "Beta");
    const api = h.asToken(a.adminToken);
    const e1 = await api.employees.create({ displayName: "Ivan Petrov", email: "Ivan@Beta.test", phone: "+79160000001" });
    expect(e1.email).toBe("ivan@beta.test");
    expect(e1.sequence).toBe(1);
    await api.employees.create({ displayName: "Olga Smirnova", username: "olga" });
    const found = await api.employees.list({ search: "petr" });
    expect(found.items.map((e) => e.guid)).toEqual([e1.guid]);
    const page1 = await api.employees.list({ limit: 2 });
    expect(page1.items).toHaveLength(2);
    const page2 = await api.employees.list({ limit: 2, cursor: page1.nextCursor! });
    expect(page2.items).toHaveLength(1);
    const updated = await api.employees.update({ guid: e1.guid, displayName: "Ivan P." });
    expect(updated.sequence).toBe(2);
    const archived = await api.employees.archive({ guid: e1.guid });
    expect(archived.status).toBe("archived");
    expect(await codeOf(api.employees.update({ guid: e1.guid, displayName: "x" }))).toBe("NotAllowedForArchived");
  });

  it("refuses duplicates within an org, naming the field", async () => {
    const a = await seedOrg(h, "Gamma");
    const api = h.asToken(a.adminToken);
    await api.employees.create({ displayName: "One", email: "dup@gamma.test" });
    const err = await api.employees.create({ displayName: "Two", email: "DUP@gamma.test" }).catch((e) => e);
    expect(err.cause.code).toBe("Duplicate");
    expect(err.cause.field).toBe("email");
    expect(err.message).not.toContain("dup@gamma.test");
  });

  it("names the field of malformed input without echoing the value", async () => {
    const a = await seedOrg(h, "Delta");
    const err = await h
      .asToken(a.adminToken)
      .employees.create({ displayName: "X", email: "not-an-email-secret" })
      .catch((e) => e);
    expect(err.cause.code).toBe("RequestIsNotValid");
    expect(err.cause.field).toBe("email");
    expect(err.message).not.toContain("not-an-email-secret");
  });
});

describe("tenancy", () => {
  it("an admin of org A sees org B's objects as missing", async () => {
    const a = await seedOrg(h, "TenantA");
    const b = await seedOrg(h, "TenantB");
    const bEmp = await h.asToken(b.adminToken).employees.create({ displayName: "Bob", email: "bob@b.test" });
    const asA = h.asToken(a.adminToken);
    expect(await codeOf(asA.employees.get({ guid: bEmp.guid }))).toBe("NotFound");
    expect(await codeOf(asA.employees.update({ guid: bEmp.guid, displayName: "hacked" }))).toBe("NotFound");
    expect(await codeOf(asA.employees.archive({ guid: bEmp.guid }))).toBe("NotFound");
    expect(await codeOf(asA.employees.get({ guid: crypto.randomUUID() }))).toBe("NotFound");
    // Naming org B explicitly is answered like naming an unknown org.
    const named = h.asToken(a.adminToken, { org: { guid: b.org.guid } });
    expect(await codeOf(named.employees.list({}))).toBe("NotFound");
    const unknown = h.asToken(a.adminToken, { org: { guid: crypto.randomUUID() } });
    expect(await codeOf(unknown.employees.list({}))).toBe("NotFound");
    const list = await asA.employees.list({});
    expect(list.items.some((e) => e.guid === bEmp.guid)).toBe(false);
  });
});

describe("tokens and sessions", () => {
  it("rejects expired and revoked tokens", async () => {
    const a = await seedOrg(h, "Tok");
    const api = h.asToken(a.adminToken);
    const t = await api.tokens.create({ name: "short", scopes: ["admin"], expiresInDays: 1 });
    expect((await h.asToken(t.token).employees.list({})).items.length).toBeGreaterThan(0);
    h.clock.advance(86_400_000 + 1);
    expect(await codeOf(h.asToken(t.token).employees.list({}))).toBe("Unauthorized");
    const t2 = await api.tokens.create({ name: "revoked", scopes: ["admin"] });
    await api.tokens.revoke({ id: t2.id });
    expect(await codeOf(h.asToken(t2.token).employees.list({}))).toBe("Unauthorized");
    expect(await codeOf(h.asToken("lk_garbage").employees.list({}))).toBe("Unauthorized");
  });

  it("an employee without admin rights gets NoPermissions", async () => {
    const a = await seedOrg(h, "Perm");
    const api = h.asToken(a.adminToken);
    const e = await api.employees.create({ displayName: "Plain", email: "plain@perm.test" });
    const t = await consoleOf(h, a.org.guid).tokens.create({ name: "plain", employeeGuid: e.guid, scopes: ["self"] });
    expect(await codeOf(h.asToken(t.token).employees.list({}))).toBe("NoPermissions");
  });

  it("sign-out everywhere revokes every session", async () => {
    const a = await seedOrg(h, "Sess");
    const c1 = await h.signIn(a.owner.email, a.owner.password);
    const c2 = await h.signIn(a.owner.email, a.owner.password);
    expect((await h.asSession(c1).me.sessions()).length).toBe(2);
    await h.asSession(c1).me.signOutEverywhere();
    expect(await codeOf(h.asSession(c2).auth.me())).toBe("Unauthorized");
    expect(await codeOf(h.asSession(c1).auth.me())).toBe("Unauthorized");
  });
});

describe("sign-in lockout", () => {
  it("locks after 10 wrong passwords in 15 minutes and audits every attempt", async () => {
    const a = await seedOrg(h, "Lock");
    const before = (await h.db.select().from(auditEvents).where(eq(auditEvents.action, "auth.sign_in"))).length;
    for (let i = 0; i < 10; i++) expect(await codeOf(h.signIn(a.owner.email, "wrong-password!"))).toBe("WrongUsernameOrPassword");
    expect(await codeOf(h.signIn(a.owner.email, a.owner.password))).toBe("TryLater");
    const after = (await h.db.select().from(auditEvents).where(eq(auditEvents.action, "auth.sign_in"))).length;
    expect(after - before).toBe(11);
    h.clock.advance(15 * 60_000 + 1);
    expect(await codeOf(h.signIn(a.owner.email, a.owner.password))).toBe("ok");
  });

  it("wrong passwords spread beyond the window do not lock", async () => {
    const a = await seedOrg(h, "Spread");
    for (let i = 0; i < 12; i++) {
      expect(await codeOf(h.signIn(a.owner.email, "wrong-password!"))).toBe("WrongUsernameOrPassword");
      h.clock.advance(2 * 60_000);
    }
    expect(await codeOf(h.signIn(a.owner.email, a.owner.password))).toBe("ok");
  });
});

describe("names", () => {
  it("refuse C0/C1 controls and Unicode line separators (they would reach email headers)", async () => {
    const a = await seedOrg(h, "Names");
    for (const bad of ["Eve\r\nBcc: x@y", "Eve\u0085Next", "Eve\u2028Sep", "Eve\u0000"]) {
      expect(await codeOf(h.asToken(a.adminToken).employees.create({ displayName: bad, email: "eve@names.test" }))).toBe(
        "RequestIsNotValid",
      );
    }
  });
});
