// What the console's employee page shows and does about an employee's access: sessions (end one
// or all), API tokens, the lockout (Unlock), and the list's total.
import { describe, expect, it } from "vitest";
import { createSystemContext } from "../src/context";
import { createCaller } from "../src/root";
import { COUNT_CAP, SEARCH_COUNT_CAP } from "../src/actions/employees/countEmployees";
import { codeOf, createHarness, seedOrg } from "./harness";

const h = createHarness({ LATCHKEY_HASH_MEMORY_KIB: "8192", LATCHKEY_HASH_ITERATIONS: "1" });
const PASSWORD = "Access-Harbor-Lantern-93";

let phones = 0;
async function world(name: string) {
  const a = await seedOrg(h, name);
  const phone = `+7916000${String((phones += 1)).padStart(4, "0")}`;
  const sys = createCaller(createSystemContext(h.services, { org: { guid: a.org.guid } }));
  const emp = await sys.employees.create({ displayName: "Pavel Porter", email: `pavel@${a.org.alias}.test`, phone });
  await sys.employees.setPassword({ guid: emp.guid, password: PASSWORD, changeRequired: false });
  return { a, sys, emp, api: h.asToken(a.adminToken) };
}

describe("an employee's sessions", () => {
  it("lists the live sessions and ends one, then all; each end is audited and the cookies stop working", async () => {
    const { a, emp, api } = await world("Sessions");
    const first = await h.signIn(emp.email!, PASSWORD);
    h.clock.advance(1000);
    const second = await h.signIn(emp.email!, PASSWORD);
    h.clock.advance(1000);
    const third = await h.signIn(emp.email!, PASSWORD);
    const listed = await api.employees.sessions({ guid: emp.guid });
    expect(listed).toHaveLength(3);
    expect(listed.every((s) => s.ip === "127.0.0.1" && !s.restricted)).toBe(true);
    const secondId = second.split(".")[0]!;
    expect(listed.map((s) => s.id)).toContain(secondId);

    expect(await api.employees.endSessions({ guid: emp.guid, sessionId: secondId })).toEqual({ ended: 1 });
    expect(await codeOf(h.asSession(second).auth.me())).toBe("Unauthorized");
    expect((await h.asSession(first).auth.me()).employee?.guid).toBe(emp.guid);
    expect((await api.employees.sessions({ guid: emp.guid })).map((s) => s.id)).not.toContain(secondId);
    // Ended already: NotFound, like a session of someone else.
    expect(await codeOf(api.employees.endSessions({ guid: emp.guid, sessionId: secondId }))).toBe("NotFound");

    expect(await api.employees.endSessions({ guid: emp.guid })).toEqual({ ended: 2 });
    expect(await codeOf(h.asSession(first).auth.me())).toBe("Unauthorized");
    expect(await codeOf(h.asSession(third).auth.me())).toBe("Unauthorized");
    expect(await api.employees.sessions({ guid: emp.guid })).toEqual([]);

    const events = await api.audit.list({ targetId: emp.guid });
    const ends = events.items.filter((e) => e.action.startsWith("employee.end_"));
    expect(ends.map((e) => [e.action, e.outcome, e.reason])).toEqual([
      ["employee.end_all_sessions", "success", null],
      ["employee.end_session", "failure", "NotFound"],
      ["employee.end_session", "success", null],
    ]);
    expect(JSON.stringify(events)).not.toContain(second.split(".")[1]!);
    void a;
  });

  it("never reaches another organization's employee or session", async () => {
    const one = await world("SessOne");
    const two = await world("SessTwo");
    const cookie = await h.signIn(two.emp.email!, PASSWORD);
    expect(await codeOf(one.api.employees.sessions({ guid: two.emp.guid }))).toBe("NotFound");
    expect(await codeOf(one.api.employees.endSessions({ guid: two.emp.guid }))).toBe("NotFound");
    // Naming the other org's session under one's own employee: not theirs, so NotFound, and it lives on.
    expect(await codeOf(one.api.employees.endSessions({ guid: one.emp.guid, sessionId: cookie.split(".")[0]! }))).toBe("NotFound");
    expect((await h.asSession(cookie).auth.me()).employee?.guid).toBe(two.emp.guid);
    expect(await codeOf(one.api.employees.tokens({ guid: two.emp.guid }))).toBe("NotFound");
    expect(await codeOf(one.api.employees.unlock({ guid: two.emp.guid }))).toBe("NotFound");
  });
});

describe("an employee's API tokens", () => {
  it("lists the tokens acting as the employee that still work, never their secrets", async () => {
    const { sys, emp, api } = await world("Tokens");
    const kept = await sys.tokens.create({ name: "Till script", employeeGuid: emp.guid, scopes: ["self"] });
    const gone = await sys.tokens.create({ name: "Old script", employeeGuid: emp.guid, scopes: ["self"] });
    await sys.tokens.create({ name: "Service", scopes: ["admin"] });
    await sys.tokens.revoke({ id: gone.id });
    const tokens = await api.employees.tokens({ guid: emp.guid });
    expect(tokens.map((t) => [t.id, t.name, t.employeeGuid])).toEqual([[kept.id, "Till script", emp.guid]]);
    expect(JSON.stringify(tokens)).not.toContain(kept.token);
  });
});

describe("unlocking an employee", () => {
  it("lifts the lockout after wrong passwords before it runs out, audited; the password is unchanged", async () => {
    const { a, emp, api } = await world("Unlock");
    await h.asToken(a.ownerToken).settings.update({ lockout: { threshold: 3 } });
    for (let i = 0; i < 3; i++) expect(await codeOf(h.signIn(emp.email!, "wrong-password-here"))).toBe("WrongUsernameOrPassword");
    expect(await codeOf(h.signIn(emp.email!, PASSWORD))).toBe("TryLater");
    const locked = await api.employees.get({ guid: emp.guid });
    expect(locked.lockedUntil).not.toBeNull();
    // While the lockout is in force the employee's status is "locked", and the filter finds it.
    expect(locked.status).toBe("locked");
    expect((await api.employees.list({ status: "locked" })).items.map((e) => e.guid)).toEqual([emp.guid]);
    expect((await api.employees.count({ status: "locked" })).total).toBe(1);
    expect((await api.employees.list({ status: "active" })).items.map((e) => e.guid)).not.toContain(emp.guid);
    expect((await api.employees.list({ status: "locked", search: "Pavel" })).items.map((e) => e.guid)).toEqual([emp.guid]);

    const unlocked = await api.employees.unlock({ guid: emp.guid });
    expect(unlocked.lockedUntil).toBeNull();
    expect(unlocked.status).toBe("active");
    expect((await api.employees.list({ status: "locked" })).items).toEqual([]);
    expect(unlocked.sequence).toBe(locked.sequence + 1);
    const cookie = await h.signIn(emp.email!, PASSWORD);
    expect((await h.asSession(cookie).auth.me()).employee?.guid).toBe(emp.guid);

    const events = await api.audit.list({ action: "employee.unlock" });
    expect(events.items.map((e) => [e.outcome, e.targetId, e.targetName])).toEqual([["success", emp.guid, "Pavel Porter"]]);
  });

  it("a lockout that runs out lifts the locked status by itself", async () => {
    const { a, emp, api } = await world("UnlockExpiry");
    await h.asToken(a.ownerToken).settings.update({ lockout: { threshold: 3 } });
    for (let i = 0; i < 3; i++) await codeOf(h.signIn(emp.email!, "wrong-password-here"));
    expect((await api.employees.get({ guid: emp.guid })).status).toBe("locked");
    h.clock.advance(16 * 60_000);
    expect((await api.employees.get({ guid: emp.guid })).status).toBe("active");
    expect((await api.employees.count({ status: "locked" })).total).toBe(0);
    expect((await api.employees.list({ status: "active" })).items.map((e) => e.guid)).toContain(emp.guid);
  });

  it("clears the counters of each login the employee signs in with (the username too)", async () => {
    const { a, emp, api } = await world("UnlockLogin");
    const username = `pavel-${a.org.alias}`;
    await api.employees.update({ guid: emp.guid, username });
    await h.asToken(a.ownerToken).settings.update({ lockout: { threshold: 3 } });
    for (let i = 0; i < 3; i++) await codeOf(h.signIn(username.toUpperCase(), "wrong-password-here"));
    expect(await codeOf(h.signIn(username, PASSWORD))).toBe("TryLater");
    await api.employees.unlock({ guid: emp.guid });
    expect(await h.signIn(username, PASSWORD)).not.toBe("");
  });

  it("refuses an archived employee and changes nothing", async () => {
    const { emp, api } = await world("UnlockArchived");
    await api.employees.archive({ guid: emp.guid });
    const before = await api.employees.get({ guid: emp.guid });
    expect(await codeOf(api.employees.unlock({ guid: emp.guid }))).toBe("NotAllowedForArchived");
    expect(await api.employees.get({ guid: emp.guid })).toEqual(before);
  });
});

describe("employees.count", () => {
  it("counts what the list would page through, with the same filters, in the organization acted in", async () => {
    const { sys, api } = await world("Count");
    await world("CountOther");
    for (const n of ["Anna Archer", "Bella Baker", "Carl Baker"])
      await sys.employees.create({ displayName: n, username: n.split(" ")[0]!.toLowerCase() });
    const admin = await sys.employees.create({ displayName: "Dora Admin", username: "dora", role: "admin" });
    await sys.employees.archive({ guid: (await api.employees.list({ search: "carl" })).items[0]!.guid });
    expect(await api.employees.count({})).toEqual({ total: 6, capped: false });
    expect(await api.employees.count({ search: "baker" })).toEqual({ total: 2, capped: false });
    expect(await api.employees.count({ search: "ba" })).toEqual({ total: 2, capped: false });
    expect(await api.employees.count({ role: "admin" })).toEqual({ total: 1, capped: false });
    expect(await api.employees.count({ status: "archived" })).toEqual({ total: 1, capped: false });
    expect(await api.employees.count({ search: "baker", status: "active" })).toEqual({ total: 1, capped: false });
    let listed = 0;
    let cursor: string | undefined;
    do {
      const page = await api.employees.list({ search: "baker", limit: 1, ...(cursor ? { cursor } : {}) });
      listed += page.items.length;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(listed).toBe(2);
    void admin;
  });

  it("stops at its cap, so a large organization is never counted row by row: 10,000 employees, 1,000 matches of a search", async () => {
    const { a, api } = await world("CountCap");
    // Bulk rows as `demo seed --employees` writes them: going through the procedures would take minutes.
    const now = h.clock.now();
    const rows = Array.from({ length: COUNT_CAP }, (_, i) => ({
      guid: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
      orgGuid: a.org.guid,
      displayName: `Capped ${i % 2 ? "Odd" : "Even"} ${i}`,
      searchText: `capped ${i % 2 ? "odd" : "even"} ${i}`,
      email: `capped.${i}@${a.org.alias}.test`,
      phone: `+77${String(i).padStart(9, "0")}`,
      username: `capped.${i}.${a.org.alias}`,
      role: "employee",
      createdAt: now,
      updatedAt: now,
    }));
    await h.services.database.transaction((tx) => h.services.database.bulkInsert(tx, "employees", rows));
    // The world's own employee and admin, and the bulk rows: past the cap.
    expect(await api.employees.count({})).toEqual({ total: COUNT_CAP, capped: true });
    expect(await api.employees.count({ status: "active" })).toEqual({ total: COUNT_CAP, capped: true });
    expect(await api.employees.count({ role: "admin" })).toEqual({ total: 0, capped: false });
    expect(await api.employees.count({ search: "capped odd" })).toEqual({ total: SEARCH_COUNT_CAP, capped: true });
    expect(await api.employees.count({ search: "capped odd 99" })).toEqual({ total: 56, capped: false });
    expect(await api.employees.count({ search: "capped nobody" })).toEqual({ total: 0, capped: false });
    // 1-2 character terms can only be matched row by row: past 2,000 employees they are refused,
    // by list and count alike, naming the field; 3 characters go through the index.
    expect(await codeOf(api.employees.list({ search: "ca" }))).toBe("RequestIsNotValid");
    expect(await codeOf(api.employees.count({ search: "c" }))).toBe("RequestIsNotValid");
    await expect(api.employees.list({ search: "99" })).rejects.toThrow(/at least 3 characters/);
    expect((await api.employees.list({ search: "d 9", limit: 5 })).items).toHaveLength(5);
    // ~1 s on an idle machine (10,000 rows in one insert); a busy one is given room.
  }, 120_000);
});
