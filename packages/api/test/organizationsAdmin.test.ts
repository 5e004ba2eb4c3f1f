// Instance admins rename and archive organizations (the console's Organizations page).
import { sql } from "@latchkey/db";
import { describe, expect, it } from "vitest";
import { ensureInstanceAdmin, SYSTEM_ORG_ALIAS } from "../src/bootstrap";
import { createContext, createSystemContext } from "../src/context";
import { createCaller } from "../src/root";
import { codeOf, createHarness, seedOrg } from "./harness";

const h = createHarness({ LATCHKEY_HASH_MEMORY_KIB: "8192", LATCHKEY_HASH_ITERATIONS: "1" });

async function instanceAdmin() {
  const ensured = await ensureInstanceAdmin(h.services, { email: "root@orgs.test", password: "Root-Harbor-Lantern-93" });
  const sys = createCaller(createSystemContext(h.services, { org: { alias: SYSTEM_ORG_ALIAS } }));
  const root = (await sys.employees.list({ role: "owner", limit: 100 })).items.find((e) => e.email === ensured.email)!;
  const token = (await sys.tokens.create({ name: "root", employeeGuid: root.guid, scopes: ["admin", "self"] })).token;
  const systemOrg = (await createCaller(createSystemContext(h.services, { org: { alias: SYSTEM_ORG_ALIAS } })).organizations.current())
    .guid;
  return { root, api: h.asToken(token), systemOrg };
}

describe("organizations.rename and organizations.archive", () => {
  it("renames an organization, audited in its log with the instance admin as actor; the alias stays", async () => {
    const { root, api } = await instanceAdmin();
    const a = await seedOrg(h, "Rename");
    const renamed = await api.organizations.rename({ guid: a.org.guid, name: "Renamed Stores" });
    expect(renamed).toMatchObject({ guid: a.org.guid, alias: a.org.alias, name: "Renamed Stores", archived: false });
    const listed = await api.organizations.list({ search: "Renamed Stores" });
    expect(listed.items.map((o) => o.guid)).toEqual([a.org.guid]);
    const events = await h.asToken(a.adminToken).audit.list({ action: "organization.rename" });
    expect(events.items).toHaveLength(1);
    expect(events.items[0]).toMatchObject({
      outcome: "success",
      actorType: "employee",
      actorId: root.guid,
      actorName: root.displayName,
      targetType: "organization",
      targetId: a.org.guid,
      targetName: "Renamed Stores",
    });
  });

  it("archives an organization: its sessions and tokens end, nobody signs in or acts in it, and it is listed as archived", async () => {
    const { api } = await instanceAdmin();
    const a = await seedOrg(h, "Closing");
    const b = await seedOrg(h, "Staying");
    const cookie = await h.signIn(a.owner.email, a.owner.password);
    expect((await h.asSession(cookie).auth.me()).employee?.guid).toBe(a.owner.guid);

    const archived = await api.organizations.archive({ guid: a.org.guid });
    expect(archived).toMatchObject({ guid: a.org.guid, archived: true });

    expect(await codeOf(h.asSession(cookie).employees.list({}))).toBe("Unauthorized");
    expect(await codeOf(h.asToken(a.adminToken).employees.list({}))).toBe("Unauthorized");
    expect(await codeOf(h.signIn(a.owner.email, a.owner.password))).toBe("WrongUsernameOrPassword");
    // The other organization goes on as before.
    expect((await h.asToken(b.adminToken).employees.list({})).items.length).toBe(1);

    expect((await api.organizations.list({ archived: true })).items.map((o) => o.guid)).toContain(a.org.guid);
    expect((await api.organizations.list({ archived: false })).items.map((o) => o.guid)).not.toContain(a.org.guid);
    // Archived stays archived: a second archive or a rename is refused.
    expect(await codeOf(api.organizations.archive({ guid: a.org.guid }))).toBe("NotAllowedForArchived");
    expect(await codeOf(api.organizations.rename({ guid: a.org.guid, name: "Back again" }))).toBe("NotAllowedForArchived");
    const [row] = await h.rows<{ name: string }>(sql`SELECT name FROM organizations WHERE guid = ${a.org.guid}`);
    expect(row!.name).toBe("Closing");
  });

  it("answers the installation's own organization and unknown ones with NotFound, changing nothing", async () => {
    const { api, systemOrg } = await instanceAdmin();
    expect(await codeOf(api.organizations.archive({ guid: systemOrg }))).toBe("NotFound");
    expect(await codeOf(api.organizations.rename({ guid: systemOrg, name: "Mine now" }))).toBe("NotFound");
    expect(await codeOf(api.organizations.archive({ guid: "00000000-0000-4000-8000-000000000000" }))).toBe("NotFound");
    const [sys] = await h.rows(
      sql`SELECT CASE WHEN archived THEN 1 ELSE 0 END AS archived, name FROM organizations WHERE guid = ${systemOrg}`,
    );
    expect(sys).toEqual({ archived: 0, name: expect.not.stringMatching(/Mine now/) });
    const refused = await h.rows(
      sql`SELECT action, outcome, reason FROM audit_events WHERE action IN ('organization.archive','organization.rename') AND target_id = ${systemOrg} ORDER BY id`,
    );
    expect(refused).toEqual([
      { action: "organization.archive", outcome: "failure", reason: "NotFound" },
      { action: "organization.rename", outcome: "failure", reason: "NotFound" },
    ]);
  });

  it("refuses a blank name and anyone but an instance admin", async () => {
    const { api } = await instanceAdmin();
    const a = await seedOrg(h, "Guarded");
    expect(await codeOf(api.organizations.rename({ guid: a.org.guid, name: "   " }))).toBe("RequestIsNotValid");
    expect(await codeOf(h.asToken(a.ownerToken).organizations.rename({ guid: a.org.guid, name: "Own rename" }))).toBe("NoPermissions");
    expect(await codeOf(h.asToken(a.ownerToken).organizations.archive({ guid: a.org.guid }))).toBe("NoPermissions");
    expect(
      await codeOf(
        createCaller(() => createContext({ services: h.services, meta: { ip: null, requestId: "r" } })).organizations.archive({
          guid: a.org.guid,
        }),
      ),
    ).toBe("Unauthorized");
  });
});
