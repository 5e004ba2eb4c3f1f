// The audit log as the console reads it: who acted and on what, by name as well as id; a
// successful sign-in is the employee's own act; the action filter's choices.
import { describe, expect, it } from "vitest";
import { createSystemContext } from "../src/context";
import { createCaller } from "../src/root";
import { codeOf, createHarness, seedOrg } from "./harness";

const h = createHarness({ LATCHKEY_HASH_MEMORY_KIB: "8192", LATCHKEY_HASH_ITERATIONS: "1" });

describe("audit names", () => {
  it("records a successful sign-in with the employee as its actor; a failed one stays anonymous", async () => {
    const a = await seedOrg(h, "Actors");
    await codeOf(h.signIn(a.owner.email, "wrong-password-here"));
    await h.signIn(a.owner.email, a.owner.password);
    const events = await h.asToken(a.adminToken).audit.list({ action: "auth.sign_in" });
    expect(events.items.map((e) => [e.outcome, e.actorType, e.actorId, e.actorName, e.targetId, e.targetName])).toEqual([
      ["success", "employee", a.owner.guid, "Actors Owner", a.owner.guid, "Actors Owner"],
      ["failure", "anonymous", null, null, a.owner.guid, "Actors Owner"],
    ]);
    // Filtering by actor now finds the employee's own sign-ins.
    expect((await h.asToken(a.adminToken).audit.list({ actorId: a.owner.guid, action: "auth.sign_in" })).items).toHaveLength(1);
  });

  it("names employees, tokens, outlets and workplaces as they are called now, and only those of the organization", async () => {
    const a = await seedOrg(h, "Names");
    const b = await seedOrg(h, "Elsewhere");
    const sys = createCaller(createSystemContext(h.services, { org: { guid: a.org.guid } }));
    const api = h.asToken(a.adminToken);
    const emp = await api.employees.create({ displayName: "Olga Old", email: `olga@${a.org.alias}.test` });
    await api.employees.update({ guid: emp.guid, displayName: "Olga New" });
    const outlet = await api.outlets.create({ name: "Harbour Road" });
    const till = await api.workplaces.create({ outletGuid: outlet.guid, name: "Till 7" });
    const token = await sys.tokens.create({ name: "Nightly export", scopes: ["admin"] });
    await h.asToken(token.token).employees.update({ guid: emp.guid, phone: "+79160009999" });
    await api.tokens.revoke({ id: token.id });

    const items = (await api.audit.list({ limit: 100 })).items;
    const byAction = (action: string) => items.find((e) => e.action === action)!;
    expect(byAction("employee.create")).toMatchObject({
      targetId: emp.guid,
      targetName: "Olga New",
      actorType: "service",
      actorName: "service",
    });
    expect(byAction("outlet.create")).toMatchObject({ targetName: "Harbour Road" });
    expect(byAction("workplace.create")).toMatchObject({ targetId: till.guid, targetName: "Till 7" });
    expect(byAction("api_token.revoke")).toMatchObject({ targetId: token.id, targetName: "Nightly export" });
    const byToken = items.filter((e) => e.actorId === token.id);
    expect(byToken.map((e) => [e.action, e.actorName])).toEqual([["employee.update", "Nightly export"]]);

    // Another organization's log never names this one's objects, even for an id it is handed.
    const other = await h.asToken(b.adminToken).audit.list({ targetId: emp.guid });
    expect(other.items).toEqual([]);
    const otherAll = JSON.stringify(await h.asToken(b.adminToken).audit.list({ limit: 100 }));
    for (const name of ["Olga New", "Harbour Road", "Till 7", "Nightly export"]) expect(otherAll).not.toContain(name);
  });

  it("lists the actions the organization's log holds, for the action filter", async () => {
    const a = await seedOrg(h, "Actions");
    await codeOf(h.signIn(a.owner.email, "wrong-password-here"));
    await h.asToken(a.adminToken).outlets.create({ name: "Only outlet" });
    const actions = await h.asToken(a.adminToken).audit.actions();
    expect(actions).toEqual([...actions].sort());
    expect(actions).toEqual(expect.arrayContaining(["auth.sign_in", "outlet.create", "api_token.create", "organization.create"]));
    expect(actions).not.toContain("workplace.create");
    const b = await seedOrg(h, "NoOutlets");
    expect(await h.asToken(b.adminToken).audit.actions()).not.toContain("outlet.create");
  });
});
