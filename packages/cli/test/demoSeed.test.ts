import { describe, expect, it } from "vitest";
import type { DemoSeed } from "../src/index";
import { createTestDb, useServer } from "./support";

const db = createTestDb();

type Seed = DemoSeed;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const str = expect.any(String);
const int = expect.any(Number);
const guid = expect.stringMatching(GUID);
const phone = expect.stringMatching(/^\+7\d{10}$/);

let first: Seed;
let second: Seed;

describe("demo seed --json", () => {
  it("prints only the docs/SPEC.md §5 object on stdout", async () => {
    const r = await db.run("demo", "seed", "--json");
    expect(r.code, r.stderr).toBe(0);
    first = JSON.parse(r.stdout) as Seed;
    expect(Object.keys(first).sort()).toEqual(
      [
        "admin",
        "archived_employee",
        "employee_without_phone",
        "employees",
        "org",
        "other_org",
        "other_org_employee",
        "outlets",
        "owner",
        "tokens",
        "workplaces",
      ].sort(),
    );
    expect(first.org).toEqual({ guid, alias: str, name: str });
    expect(first.other_org).toEqual({ guid, alias: str, name: str });
    expect(first.other_org.guid).not.toBe(first.org.guid);
    expect(first.owner).toEqual({ guid, id: int, email: str, password: str });
    expect(first.admin).toEqual({ guid, id: int, email: str, password: str });
    expect(first.employees.length).toBeGreaterThanOrEqual(5);
    for (const e of first.employees) expect(e).toEqual({ guid, id: int, email: str, phone, username: str, password: str });
    expect(first.employee_without_phone).toEqual({ guid, id: int, email: str });
    expect(first.archived_employee).toEqual({ guid, id: int, email: str, phone });
    expect(first.other_org_employee).toEqual({ guid, id: int, email: str });
    expect(first.outlets).toHaveLength(2);
    for (const o of first.outlets) expect(o).toEqual({ guid, name: str });
    expect(first.workplaces).toHaveLength(4);
    const outletGuids = first.outlets.map((o) => o.guid);
    for (const w of first.workplaces) {
      expect(w).toEqual({ guid, outlet_guid: guid });
      expect(outletGuids).toContain(w.outlet_guid);
    }
    expect(Object.keys(first.tokens).sort()).toEqual(["admin", "employee", "instance_admin", "other_org_admin", "owner"]);
    for (const t of Object.values(first.tokens)) expect(t).toMatch(/^lk_/);
    // Every id is an integer and unique across the installation.
    const people = [
      first.owner,
      first.admin,
      ...first.employees,
      first.employee_without_phone,
      first.archived_employee,
      first.other_org_employee,
    ];
    for (const p of people) expect(Number.isInteger(p.id)).toBe(true);
    expect(new Set(people.map((p) => p.id)).size).toBe(people.length);
    expect(new Set(people.map((p) => p.guid)).size).toBe(people.length);
    for (const p of [first.owner, first.admin, ...first.employees]) expect([...p.password].length).toBeGreaterThanOrEqual(12);
  });

  it("creates two more organizations on a second run and leaves the first intact", async () => {
    second = await db.json<Seed>("demo", "seed");
    const firstOrgs = [first.org.guid, first.other_org.guid];
    expect(firstOrgs).not.toContain(second.org.guid);
    expect(firstOrgs).not.toContain(second.other_org.guid);
    expect([first.org.alias, first.other_org.alias]).not.toContain(second.org.alias);
    const listed = await db.json<{ items: { guid: string }[] }>("org", "list");
    const guids = listed.items.map((o) => o.guid);
    for (const g of [...firstOrgs, second.org.guid, second.other_org.guid]) expect(guids).toContain(g);
  });

  it("`pnpm -s latchkey demo seed --json` prints nothing but the JSON on stdout", async () => {
    const r = await db.viaPnpm("demo", "seed", "--json");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.startsWith("{")).toBe(true);
    expect(r.stdout.trimEnd().endsWith("}")).toBe(true);
    const seed = JSON.parse(r.stdout) as Seed;
    expect(seed.employees.length).toBeGreaterThanOrEqual(5);
    expect(r.stderr).toContain("Creating demo organizations");
  });

  describe("against a running server on the same database", () => {
    const server = useServer(db);

    it("every token authenticates /api/trpc and acts as its owner", async () => {
      const s = server();
      const me = async (token: string) => {
        const r = await s.query("auth.me", token);
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        return r.body.result!.data as {
          employee: { guid: string } | null;
          organization: { guid: string };
          instanceAdmin: boolean;
          orgAdmin: boolean;
        };
      };
      expect((await me(first.tokens.admin)).employee?.guid).toBe(first.admin.guid);
      expect((await me(first.tokens.owner)).employee?.guid).toBe(first.owner.guid);
      const employee = await me(first.tokens.employee);
      expect(employee.employee?.guid).toBe(first.employees[0]!.guid);
      expect(employee.orgAdmin).toBe(false);
      const otherAdmin = await me(first.tokens.other_org_admin);
      expect(otherAdmin.organization.guid).toBe(first.other_org.guid);
      expect(otherAdmin.orgAdmin).toBe(true);
      expect((await me(first.tokens.instance_admin)).instanceAdmin).toBe(true);
      // The earlier run's tokens still work after the second run.
      expect((await me(second.tokens.admin)).employee?.guid).toBe(second.admin.guid);
    });

    it("the employee token has no admin rights; the admin token lists the org's employees", async () => {
      const s = server();
      const denied = await s.query("employees.list", first.tokens.employee, {});
      expect(denied.status).toBe(403);
      expect(denied.body.error?.data.code).toBe("FORBIDDEN");
      const listed = await s.query("employees.list", first.tokens.admin, { limit: 100 });
      expect(listed.status).toBe(200);
      const guids = (listed.body.result!.data as { items: { guid: string }[] }).items.map((e) => e.guid);
      for (const e of [first.owner, first.admin, ...first.employees, first.employee_without_phone, first.archived_employee])
        expect(guids).toContain(e.guid);
      expect(guids).not.toContain(first.other_org_employee.guid);
    });

    it("the other org's admin cannot see the org's employees", async () => {
      const s = server();
      const own = await s.query("employees.list", first.tokens.other_org_admin, { limit: 100 });
      const guids = (own.body.result!.data as { items: { guid: string }[] }).items.map((e) => e.guid);
      expect(guids).toContain(first.other_org_employee.guid);
      expect(guids).not.toContain(first.employees[0]!.guid);
      const get = await s.query("employees.get", first.tokens.other_org_admin, { guid: first.employees[0]!.guid });
      expect(get.status).toBe(404);
    });

    it("the printed passwords sign in", async () => {
      const s = server();
      for (const p of [first.owner, first.admin, first.employees[0]!]) {
        const r = await s.mutate("auth.signIn", null, { login: p.email, password: p.password });
        expect(r.status, `${p.email}: ${JSON.stringify(r.body.error)}`).toBe(200);
      }
      const archived = await s.query("employees.get", first.tokens.admin, { guid: first.archived_employee.guid });
      expect((archived.body.result!.data as { status: string }).status).toBe("archived");
    });

    it("--employees and --audit-events add bulk volume the procedures can read, with progress on stderr", async () => {
      const r = await db.run("demo", "seed", "--json", "--employees", "250", "--audit-events", "120");
      expect(r.code, r.stderr).toBe(0);
      const seed = JSON.parse(r.stdout) as Seed & { bulk: { employees: number; audit_events: number } };
      expect(seed.bulk).toEqual({ employees: 250, audit_events: 120 });
      expect(r.stderr).toContain("employees: 250/250 (100%)");
      expect(r.stderr).toContain("audit events: 120/120 (100%)");
      const s = server();
      let cursor: string | null = null;
      let count = 0;
      do {
        const page = await s.query("employees.list", seed.tokens.admin, { limit: 100, ...(cursor ? { cursor } : {}) });
        const data = page.body.result!.data as { items: { phone: string | null }[]; nextCursor: string | null };
        count += data.items.length;
        cursor = data.nextCursor;
      } while (cursor);
      expect(count).toBe(250 + 2 + seed.employees.length + 2);
      // One bulk action in six is a workplace activation, an action the seeding itself never records.
      const audit = await s.query("audit.list", seed.tokens.admin, { action: "workplace.activate", limit: 100 });
      expect(audit.status, JSON.stringify(audit.body.error)).toBe(200);
      expect((audit.body.result!.data as { items: unknown[] }).items).toHaveLength(20);
      // The bulk rows stay inside the demo org.
      const other = await s.query("audit.list", first.tokens.admin, { action: "workplace.activate", limit: 100 });
      expect((other.body.result!.data as { items: unknown[] }).items).toHaveLength(0);
    });
  });
});
