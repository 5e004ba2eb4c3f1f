// Token lifetimes and ownership over HTTP: who created a token, how long it lives by default,
// what a token may hand on to a token it creates, and what happens to the tokens an admin created
// when that admin is archived, demoted or reset (unless an owner kept them).
import { describe, expect, it } from "vitest";
import { useServer, type TestServer } from "../useServer";

const t = useServer();
const DAY = 86_400_000;

interface TokenView {
  id: string;
  token?: string;
  scopes: string[];
  createdBy: { guid: string; displayName: string } | null;
  createdByTokenId: string | null;
  keptByOwner: boolean;
  expiresAt: string | null;
}

async function mutate<T = TokenView>(
  path: string,
  token: string,
  body: object,
): Promise<{ status: number; data: T; error: { message: string } | undefined }> {
  const res = await t.call("POST", `/api/trpc/${path}`, { token, body });
  const json = (await res.json()) as { result?: { data: T }; error?: { message: string } };
  return { status: res.status, data: json.result?.data as T, error: json.error };
}

const list = async (token = t.world.tokens.owner) => {
  const res = await t.call(
    "GET",
    `/api/trpc/tokens.list?input=${encodeURIComponent(JSON.stringify({ limit: 100, includeRevoked: true }))}`,
    { token },
  );
  return ((await res.json()) as { result: { data: { items: TokenView[] } } }).result.data.items;
};

/** Whether a bearer token still authenticates. */
const works = async (token: string) => (await t.call("GET", "/api/trpc/auth.me", { token })).status === 200;

let n = 0;
/** A new admin of org A with a token of their own (made at the console), to create tokens with. */
async function newAdmin(s: TestServer) {
  const admin = s.admin();
  const person = await admin.employees.create({ displayName: `Token Admin ${++n}`, email: `token-admin-${n}@acme.test`, role: "admin" });
  const own = await admin.tokens.create({ name: `own ${n}`, employeeGuid: person.guid, scopes: ["admin", "self"], expiresInDays: "never" });
  return { person, token: own.token };
}

describe("who created a token", () => {
  it("the list names the creating employee, the creating token, and the console as no one", async () => {
    const x = await newAdmin(t);
    const made = await mutate("tokens.create", x.token, { name: "made by x", scopes: ["admin"] });
    expect(made.status).toBe(200);
    expect(made.data.createdBy).toEqual({ guid: x.person.guid, displayName: x.person.displayName });
    const chained = await mutate("tokens.create", made.data.token!, { name: "made by x's service token", scopes: ["admin"] });
    expect(chained.status).toBe(200);
    const items = await list();
    const byId = (id: string) => items.find((i) => i.id === id)!;
    expect(byId(made.data.id)).toMatchObject({ createdBy: { guid: x.person.guid }, createdByTokenId: expect.any(String) });
    // A service token's creations are the person's behind it: they go when that person goes.
    expect(byId(chained.data.id)).toMatchObject({ createdBy: { guid: x.person.guid }, createdByTokenId: made.data.id });
    expect(items.filter((i) => i.createdBy === null).length).toBeGreaterThan(0); // the seed's, made at the console
  });
});

describe("default expiry", () => {
  it("90 days unless the organization says otherwise; never only when asked for", async () => {
    const x = await newAdmin(t);
    const plain = await mutate("tokens.create", x.token, { name: "default", scopes: ["admin"] });
    expect(Date.parse(plain.data.expiresAt!)).toBe(t.clock.now() + 90 * DAY);
    const settings = await mutate<{ tokenExpiryDays: number }>("settings.update", t.world.tokens.owner, { tokenExpiryDays: 30 });
    expect(settings.data.tokenExpiryDays).toBe(30);
    const shorter = await mutate("tokens.create", x.token, { name: "org default", scopes: ["admin"] });
    expect(Date.parse(shorter.data.expiresAt!)).toBe(t.clock.now() + 30 * DAY);
    const forever = await mutate("tokens.create", x.token, { name: "forever", scopes: ["admin"], expiresInDays: "never" });
    expect(forever.data.expiresAt).toBeNull();
    await mutate("settings.update", t.world.tokens.owner, { tokenExpiryDays: 90 });
    // Past its 30 days the org-default token is refused.
    t.clock.advance(31 * DAY);
    expect(await works(shorter.data.token!)).toBe(false);
    expect(await works(forever.data.token!)).toBe(true);
  });
});

describe("a token creating a token", () => {
  it("cannot give it a longer life or a scope it does not have", async () => {
    const x = await newAdmin(t);
    const tenDays = await mutate("tokens.create", x.token, { name: "ten days", scopes: ["admin"], expiresInDays: 10 });
    const parent = tenDays.data.token!;
    const refused = [
      await mutate("tokens.create", parent, { name: "longer", scopes: ["admin"], expiresInDays: 11 }),
      await mutate("tokens.create", parent, { name: "forever", scopes: ["admin"], expiresInDays: "never" }),
      await mutate("tokens.create", parent, {
        name: "more scope",
        employeeGuid: x.person.guid,
        scopes: ["admin", "self"],
        expiresInDays: 1,
      }),
    ];
    for (const r of refused) expect(r.status).toBe(400);
    expect(refused[0]!.error?.message).toContain("A token cannot create a token that outlives it.");
    expect(refused[2]!.error?.message).toContain("A token cannot create a token with a scope it does not have.");
    // Without an expiry asked for, the child gets the parent's end (below the org's 90 days).
    const child = await mutate("tokens.create", parent, { name: "child", scopes: ["admin"] });
    expect(child.status).toBe(200);
    expect(child.data.expiresAt).toBe(tenDays.data.expiresAt);
    const within = await mutate("tokens.create", parent, { name: "within", scopes: ["admin"], expiresInDays: 5 });
    expect(within.status).toBe(200);
    expect(Date.parse(within.data.expiresAt!)).toBe(t.clock.now() + 5 * DAY);
    // Nothing refused was stored.
    const names = (await list()).map((i) => i.id);
    expect(names.filter((id) => refused.some((r) => r.data?.id === id))).toEqual([]);
  });
});

describe("when the creator loses their rights", () => {
  it("archiving, demoting or resetting the creator ends the tokens they created, unless an owner kept them", async () => {
    const [archived, demoted, reset] = [await newAdmin(t), await newAdmin(t), await newAdmin(t)];
    const make = async (who: { token: string }, name: string) =>
      (await mutate("tokens.create", who.token, { name, scopes: ["admin"] })).data;
    const a1 = await make(archived, "a1");
    const a2 = await make(archived, "a2 kept");
    const a3 = (await mutate("tokens.create", a1.token!, { name: "a3 via a1", scopes: ["admin"] })).data;
    const d1 = await make(demoted, "d1");
    const r1 = await make(reset, "r1");
    const r2 = await make(reset, "r2 kept");

    // Only an owner keeps a token, and keeping is audited.
    expect((await mutate("tokens.keep", t.world.tokens.admin, { id: a2.id, keep: true })).status).toBe(403);
    for (const kept of [a2, r2]) {
      const res = await mutate("tokens.keep", t.world.tokens.owner, { id: kept.id, keep: true });
      expect(res.status).toBe(200);
      expect(res.data.keptByOwner).toBe(true);
    }
    expect(await t.sql("SELECT count(*) AS n FROM audit_events WHERE action = 'api_token.keep' AND outcome = 'success'")).toEqual([
      { n: 2 },
    ]);

    const svc = t.world.tokens.service;
    expect((await mutate("employees.archive", svc, { guid: archived.person.guid })).status).toBe(200);
    expect((await mutate("employees.update", svc, { guid: demoted.person.guid, role: "employee" })).status).toBe(200);
    expect((await mutate("employees.resetPassword", svc, { guid: reset.person.guid })).status).toBe(200);

    expect(await works(a1.token!)).toBe(false);
    expect(await works(a3.token!)).toBe(false);
    expect(await works(d1.token!)).toBe(false);
    expect(await works(r1.token!)).toBe(false);
    expect(await works(a2.token!)).toBe(true);
    expect(await works(r2.token!)).toBe(true);
    // Tokens made at the console (no creator) are untouched.
    expect(await works(t.world.tokens.service)).toBe(true);
  });

  it("another organization's token cannot be kept: it answers like a missing one", async () => {
    const other = await mutate("tokens.keep", t.world.tokens.owner, { id: crypto.randomUUID(), keep: true });
    expect(other.status).toBe(404);
  });
});
