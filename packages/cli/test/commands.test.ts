import { describe, expect, it } from "vitest";
import { createTestDb, useServer } from "./support";

const db = createTestDb();
const server = useServer(db);

describe("latchkey commands", () => {
  it("creates an org, employee, outlet, workplace and token, by guid or alias", async () => {
    const created = await db.json<{
      organization: { guid: string; alias: string };
      owner: { guid: string; id: number };
      ownerPasswordSet: boolean;
    }>(
      "org",
      "create",
      "--name",
      "Acme Shops",
      "--alias",
      "acme",
      "--owner-email",
      "Owner@Acme.test",
      "--owner-name",
      "Vera Lebedeva",
      "--owner-password",
      "correct-horse-battery-42",
    );
    expect(created.organization.alias).toBe("acme");
    expect(created.ownerPasswordSet).toBe(true);
    const guid = created.organization.guid;

    const employee = await db.json<{ guid: string; id: number; role: string; phone: string }>(
      "employee",
      "create",
      "--org",
      "acme",
      "--name",
      "Ivan Petrov",
      "--email",
      "ivan@acme.test",
      "--phone",
      "+79161234567",
      "--role",
      "admin",
    );
    expect(employee.role).toBe("admin");
    expect(Number.isInteger(employee.id)).toBe(true);

    const outlet = await db.json<{ guid: string; name: string }>("outlet", "create", "--org", guid, "--name", "Main Street");
    const workplace = await db.json<{ guid: string; outletGuid: string; status: string }>(
      "workplace",
      "create",
      "--org",
      "ACME",
      "--outlet",
      outlet.guid,
      "--name",
      "Till 1",
    );
    expect(workplace).toMatchObject({ outletGuid: outlet.guid, status: "pending" });

    const token = await db.json<{ token: string; scopes: string[]; expiresAt: string | null }>(
      "token",
      "create",
      "--org",
      "acme",
      "--employee",
      employee.guid,
      "--scopes",
      "admin,self",
      "--expires-days",
      "7",
      "--name",
      "ops",
    );
    expect(token.scopes).toEqual(["admin", "self"]);
    expect(token.expiresAt).not.toBeNull();
    const s = server();
    const me = await s.query("auth.me", token.token);
    expect((me.body.result!.data as { employee: { guid: string } }).employee.guid).toBe(employee.guid);

    // The owner signs in with the password given.
    expect((await s.mutate("auth.signIn", null, { login: "owner@acme.test", password: "correct-horse-battery-42" })).status).toBe(200);

    const listed = await db.run("org", "list");
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain("acme");
    expect(listed.stdout).toContain(guid);
  });

  it("says how the owner gets a password when none is given (human output)", async () => {
    const r = await db.run("org", "create", "--name", "Beta", "--alias", "beta", "--owner-email", "owner@beta.test");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("Created organization Beta");
    expect(r.stdout).toMatch(/password reset/);
  });

  it("prints the token once in human output", async () => {
    const r = await db.run("token", "create", "--org", "beta", "--scopes", "admin");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/lk_[a-z0-9]{12}_[A-Za-z0-9_-]{43}/);
  });

  it("admin recover prints a new password that signs in, and the old one stops working", async () => {
    const first = await db.json<{ email: string; password: string }>("admin", "recover");
    expect(first.password.length).toBeGreaterThanOrEqual(12);
    const second = await db.json<{ email: string; password: string; created: boolean }>("admin", "recover");
    expect(second.created).toBe(false);
    expect(second.email).toBe(first.email);
    expect(second.password).not.toBe(first.password);
    const s = server();
    const ok = await s.mutate("auth.signIn", null, { login: second.email, password: second.password });
    expect(ok.status, JSON.stringify(ok.body.error)).toBe(200);
    // A generated password only opens a restricted session: the operator must choose their own.
    expect(ok.body.result?.data).toMatchObject({ passwordChangeRequired: true });
    const old = await s.mutate("auth.signIn", null, { login: first.email, password: first.password });
    expect(old.status).toBe(401);

    const human = await db.run("admin", "recover", "--password", "a-brand-new-operator-pass");
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).not.toContain("a-brand-new-operator-pass");
    const chosen = await s.mutate("auth.signIn", null, { login: first.email, password: "a-brand-new-operator-pass" });
    expect(chosen.status).toBe(200);
    expect(chosen.body.result?.data).toMatchObject({ passwordChangeRequired: false });

    const wrongEmail = await db.run("admin", "recover", "--email", "nobody@example.test");
    expect(wrongEmail.code).toBe(1);
    expect(wrongEmail.stderr).toContain("No instance admin has the email");
  });
});

describe("errors", () => {
  const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

  it("bad arguments exit 2 with a usage message and no stack trace", async () => {
    const cases = [
      ["org", "create", "--name", "X"],
      ["org", "create", "--name", "X", "--alias", "x", "--owner-email", "o@x.test", "--bogus"],
      ["employee", "create", "--org", "acme", "--name", "Nobody"],
      ["employee", "create", "--org", "acme", "--name", "N", "--email", "n@acme.test", "--role", "owner"],
      ["token", "create", "--org", "acme", "--scopes", "root"],
      ["token", "create", "--org", "acme", "--scopes", "admin", "--expires-days", "soon"],
      ["demo", "seed", "--employees", "-3"],
      ["frobnicate"],
      ["org"],
      ["org", "delete"],
      [],
    ];
    const runs = new Map(cases.map((args) => [args, db.run(...args)]));
    for (const args of cases) {
      const r = await runs.get(args)!;
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(/Usage: latchkey/);
      expect(r.stdout, args.join(" ")).toBe("");
      noStack(r.stderr);
    }
  });

  it("--help prints each command's options on stdout and exits 0", async () => {
    const r = await db.run("token", "create", "--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("--scopes <admin,self>");
    expect(r.stdout).toContain("--json");
    const top = await db.run("--help");
    expect(top.code).toBe(0);
    for (const c of [
      "org create",
      "org list",
      "employee create",
      "outlet create",
      "workplace create",
      "token create",
      "admin recover",
      "demo seed",
    ])
      expect(top.stdout).toContain(c);
  });

  it("an unknown organization is a clear error with exit 1", async () => {
    for (const org of ["no-such-org", "00000000-0000-4000-8000-000000000000"]) {
      const r = await db.run("outlet", "create", "--org", org, "--name", "X");
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("The organization was not found. (NotFound)");
      noStack(r.stderr);
    }
    const json = await db.run("employee", "create", "--org", "no-such-org", "--name", "X", "--email", "x@x.test", "--json");
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({ error: { code: "NotFound", message: "The organization was not found.", field: null } });
  });

  it("domain errors name the code and field, without echoing secrets", async () => {
    const dup = await db.run("org", "create", "--name", "Again", "--alias", "acme", "--owner-email", "o@again.test");
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/AliasIsAlreadyTaken|Duplicate/);
    const weak = await db.run(
      "org",
      "create",
      "--name",
      "Weak",
      "--alias",
      "weak",
      "--owner-email",
      "o@weak.test",
      "--owner-password",
      "short-pw",
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain("RequestIsNotValid");
    expect(weak.stderr).not.toContain("short-pw");
    noStack(weak.stderr + dup.stderr);
  });
});
