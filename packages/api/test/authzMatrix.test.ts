// The authorization matrix, generated from the router itself: every procedure x every kind of
// caller, against a table written here by hand. A procedure the table does not name fails the
// test, so a new procedure cannot ship without someone deciding who may call it.
import { sql } from "@latchkey/db";
import { describe, expect, it } from "vitest";
import { appRouter, createCaller } from "../src/root";
import { createContext, createSystemContext, type RequestMeta } from "../src/context";
import { ensureInstanceAdmin, SYSTEM_ORG_ALIAS } from "../src/bootstrap";
import { createHarness, type Harness } from "./harness";

const h = createHarness({ LATCHKEY_HASH_MEMORY_KIB: "8192", LATCHKEY_HASH_ITERATIONS: "1" });

const CALLERS = [
  "anonymous",
  "employee",
  "employeeWithAdminScope",
  "adminSelfScopeOnly",
  "admin",
  "serviceToken",
  "owner",
  "otherOrgAdmin",
  "otherOrgAdminNamingOrg",
  "instanceAdmin",
  "expiredToken",
  "revokedToken",
  "garbageToken",
  "restrictedSession",
] as const;
type CallerKind = (typeof CALLERS)[number];

/**
 * "ok": authorized. Any error but these deny codes (a validation error, a wrong code, a cooldown)
 * came after authorization and counts as ok; NotFound/ReferenceNotFound are the tenancy denials.
 */
type Verdict = "ok" | "Unauthorized" | "NoPermissions" | "NotFound" | "ReferenceNotFound";
type Row = Record<CallerKind, Verdict>;

const U = "Unauthorized" as const;
const P = "NoPermissions" as const;
const N = "NotFound" as const;
/** Credentials that are missing or no longer valid. */
const noCredentials = { anonymous: U, expiredToken: U, revokedToken: U, garbageToken: U } as const;

/** Anyone: the request carries its own proof (a password, a code). Bad credentials are just anonymous. */
const PUBLIC: Row = {
  anonymous: "ok",
  employee: "ok",
  employeeWithAdminScope: "ok",
  adminSelfScopeOnly: "ok",
  admin: "ok",
  serviceToken: "ok",
  owner: "ok",
  otherOrgAdmin: "ok",
  otherOrgAdminNamingOrg: "ok",
  instanceAdmin: "ok",
  expiredToken: "ok",
  revokedToken: "ok",
  garbageToken: "ok",
  restrictedSession: "ok",
};
/** Any signed-in caller, a restricted session included (it exists to change its password). */
const SESSION: Row = { ...PUBLIC, ...noCredentials };
/** Signed in with full rights, not acting on any organization's objects. */
const SIGNED_IN: Row = { ...SESSION, restrictedSession: P };
/** A member of the organization acting on one of its employees (knowing a password or code is the proof). */
const ORG_MEMBER: Row = { ...SIGNED_IN, otherOrgAdmin: N, otherOrgAdminNamingOrg: N };
/** An owner or admin acting on an object of the organization. */
const ORG_ADMIN: Row = { ...ORG_MEMBER, employee: P, employeeWithAdminScope: P, adminSelfScopeOnly: P };
/** An owner or admin acting on the organization as a whole (lists, settings): another org's admin sees its own. */
const ORG_ADMIN_OWN: Row = { ...ORG_ADMIN, otherOrgAdmin: "ok" };
/** Owner only (policy settings). */
const OWNER: Row = { ...ORG_ADMIN_OWN, admin: P, serviceToken: P, otherOrgAdmin: P };
/** An operator of the installation. */
const INSTANCE_ADMIN: Row = {
  ...SIGNED_IN,
  employee: P,
  employeeWithAdminScope: P,
  adminSelfScopeOnly: P,
  admin: P,
  serviceToken: P,
  owner: P,
  otherOrgAdmin: P,
  otherOrgAdminNamingOrg: P,
};

interface World {
  org: { guid: string; alias: string };
  other: { guid: string; alias: string };
  target: { guid: string; id: number; email: string };
  outlet: string;
  workplace: string;
  spareTokenId: string;
  callers: Record<CallerKind, ReturnType<typeof createCaller>>;
}

let n = 0;
const uniq = () => `${Date.now().toString(36)}${(n += 1)}`;
const PASSWORD = "Matrix-Harbor-Lantern-93";

type Input = (w: World) => unknown;
const none: Input = () => undefined;

/** Who may call each procedure, and a minimal valid input naming objects of the organization under test. */
const TABLE: Record<string, { row: Row; input: Input }> = {
  "auth.signIn": { row: PUBLIC, input: (w) => ({ login: w.target.email, password: "not-the-password-123" }) },
  "auth.signOut": { row: SESSION, input: none },
  "auth.me": { row: SESSION, input: none },
  "auth.activateWorkplace": { row: PUBLIC, input: () => ({ code: "00000000" }) },
  "auth.completePasswordReset": {
    row: PUBLIC,
    input: (w) => ({ login: w.target.email, code: "00000000", newPassword: "Completely-New-Pass-4821" }),
  },
  "me.sessions": { row: SIGNED_IN, input: none },
  "me.signOutEverywhere": { row: SIGNED_IN, input: none },
  // A service account has no password of its own.
  "me.changePassword": {
    row: { ...SESSION, serviceToken: P },
    input: () => ({ currentPassword: "wrong-current-pass", newPassword: "Completely-New-Pass-4821" }),
  },
  "organizations.current": { row: ORG_ADMIN_OWN, input: none },
  "organizations.list": { row: INSTANCE_ADMIN, input: () => ({}) },
  "organizations.create": {
    row: INSTANCE_ADMIN,
    input: () => {
      const a = `mx-${uniq()}`;
      return { name: "Matrix New", alias: a, owner: { displayName: "New Owner", email: `owner@${a}.test` } };
    },
  },
  "organizations.rename": { row: INSTANCE_ADMIN, input: (w) => ({ guid: w.other.guid, name: "Renamed org" }) },
  "organizations.archive": { row: INSTANCE_ADMIN, input: (w) => ({ guid: w.other.guid }) },
  "employees.list": { row: ORG_ADMIN_OWN, input: () => ({}) },
  "employees.count": { row: ORG_ADMIN_OWN, input: () => ({}) },
  "employees.sessions": { row: ORG_ADMIN, input: (w) => ({ guid: w.target.guid }) },
  "employees.endSessions": { row: ORG_ADMIN, input: (w) => ({ guid: w.target.guid }) },
  "employees.tokens": { row: ORG_ADMIN, input: (w) => ({ guid: w.target.guid }) },
  "employees.unlock": { row: ORG_ADMIN, input: (w) => ({ guid: w.target.guid }) },
  "employees.get": { row: ORG_ADMIN, input: (w) => ({ guid: w.target.guid }) },
  "employees.create": { row: ORG_ADMIN_OWN, input: () => ({ displayName: "Created", email: `c-${uniq()}@matrix.test` }) },
  "employees.update": { row: ORG_ADMIN, input: (w) => ({ guid: w.target.guid, displayName: "Renamed" }) },
  "employees.archive": { row: ORG_ADMIN, input: (w) => ({ guid: w.target.guid }) },
  "employees.resetPassword": { row: ORG_ADMIN, input: (w) => ({ guid: w.target.guid }) },
  // By email within the caller's organization: another org's admin gets NotFound, as for an unknown email.
  "employees.adminResetByEmail": { row: ORG_ADMIN, input: (w) => ({ email: w.target.email }) },
  "employees.requestPasswordReset": { row: ORG_ADMIN, input: (w) => ({ guid: w.target.guid, delivery: "return" }) },
  "employees.setPassword": { row: ORG_ADMIN, input: (w) => ({ guid: w.target.guid, password: `Set-${uniq()}-Strong-Pass` }) },
  "employees.changePassword": { row: ORG_ADMIN, input: (w) => ({ id: w.target.id, password: `Chg-${uniq()}-Strong-Pass` }) },
  "employees.changePasswordWithCurrent": {
    row: ORG_MEMBER,
    input: (w) => ({ guid: w.target.guid, currentPassword: "wrong-current-pass", password: "Completely-New-Pass-4821" }),
  },
  "employees.completePasswordReset": {
    row: ORG_MEMBER,
    input: (w) => ({ guid: w.target.guid, code: "00000000", password: "Completely-New-Pass-4821" }),
  },
  "outlets.list": { row: ORG_ADMIN_OWN, input: () => ({}) },
  "outlets.get": { row: ORG_ADMIN, input: (w) => ({ guid: w.outlet }) },
  "outlets.create": { row: ORG_ADMIN_OWN, input: () => ({ name: "New outlet" }) },
  "outlets.update": { row: ORG_ADMIN, input: (w) => ({ guid: w.outlet, name: "Renamed outlet" }) },
  "outlets.archive": { row: ORG_ADMIN, input: (w) => ({ guid: w.outlet }) },
  "workplaces.list": { row: ORG_ADMIN_OWN, input: () => ({}) },
  "workplaces.get": { row: ORG_ADMIN, input: (w) => ({ guid: w.workplace }) },
  // The outlet is a reference in the body: another organization's is ReferenceNotFound (docs/vendors/life-pos.md).
  "workplaces.create": {
    row: { ...ORG_ADMIN, otherOrgAdmin: "ReferenceNotFound" },
    input: (w) => ({ outletGuid: w.outlet, name: "New till" }),
  },
  "workplaces.update": { row: ORG_ADMIN, input: (w) => ({ guid: w.workplace, name: "Renamed till" }) },
  "workplaces.archive": { row: ORG_ADMIN, input: (w) => ({ guid: w.workplace }) },
  "workplaces.generateActivationCode": { row: ORG_ADMIN, input: (w) => ({ guid: w.workplace, employeeGuid: w.target.guid }) },
  "tokens.list": { row: ORG_ADMIN_OWN, input: () => ({}) },
  "tokens.create": { row: ORG_ADMIN_OWN, input: () => ({ name: "matrix", scopes: ["self"] }) },
  "tokens.revoke": { row: ORG_ADMIN, input: (w) => ({ id: w.spareTokenId }) },
  "tokens.keep": { row: OWNER, input: (w) => ({ id: w.spareTokenId, keep: true }) },
  "audit.list": { row: ORG_ADMIN_OWN, input: () => ({}) },
  "audit.dailyCounts": { row: ORG_ADMIN_OWN, input: () => ({}) },
  "audit.actions": { row: ORG_ADMIN_OWN, input: none },
  "mailbox.list": { row: ORG_ADMIN_OWN, input: () => ({}) },
  "settings.get": { row: ORG_ADMIN_OWN, input: none },
  "settings.update": { row: OWNER, input: () => ({}) },
};

const DENY_CODES = new Set(["Unauthorized", "NoPermissions", "NotFound", "ReferenceNotFound", "NotAllowedForOwner"]);

let instanceAdminToken: string | null = null;
async function rootToken(harness: Harness): Promise<string> {
  if (instanceAdminToken) return instanceAdminToken;
  const ensured = await ensureInstanceAdmin(harness.services, { email: "root@matrix.test", password: PASSWORD });
  const sys = createCaller(createSystemContext(harness.services, { org: { alias: SYSTEM_ORG_ALIAS } }));
  const root = (await sys.employees.list({ role: "owner", limit: 100 })).items.find((e) => e.email === ensured.email)!;
  instanceAdminToken = (await sys.tokens.create({ name: "root", employeeGuid: root.guid, scopes: ["admin", "self"] })).token;
  return instanceAdminToken;
}

/** A fresh pair of organizations and one caller of every kind, so no row's effects leak into another. */
async function buildWorld(): Promise<World> {
  const system = h.system;
  const mk = async (name: string) => {
    const alias = `${name}-${uniq()}`;
    const c = await system.organizations.create({
      name: `${name} org`,
      alias,
      owner: { displayName: `${name} Owner`, email: `owner@${alias}.test`, password: PASSWORD },
    });
    return {
      guid: c.organization.guid,
      alias,
      ownerGuid: c.owner.guid,
      api: createCaller(createSystemContext(h.services, { org: { guid: c.organization.guid } })),
    };
  };
  const a = await mk("alpha");
  const b = await mk("beta");
  const person = async (api: typeof a.api, role: "admin" | "employee", changeRequired = false) => {
    const e = await api.employees.create({
      displayName: `P ${uniq()}`,
      email: `p-${uniq()}@matrix.test`,
      phone: `+7916${String((n += 1)).padStart(7, "0")}`,
      role,
    });
    await api.employees.setPassword({ guid: e.guid, password: PASSWORD, changeRequired });
    return e;
  };
  const token = async (api: typeof a.api, employeeGuid: string | undefined, scopes: ("admin" | "self")[], expiresInDays?: number) =>
    (await api.tokens.create({ name: "m", ...(employeeGuid ? { employeeGuid } : {}), scopes, ...(expiresInDays ? { expiresInDays } : {}) }))
      .token;

  // The expiring token first: the clock then moves past its expiry, before anything else is made.
  const expiring = await token(a.api, undefined, ["admin"], 1);
  h.clock.advance(86_400_000 + 1);

  const admin = await person(a.api, "admin");
  const plain = await person(a.api, "employee");
  const target = await person(a.api, "employee");
  const restricted = await person(a.api, "employee", true);
  const otherAdmin = await person(b.api, "admin");
  const outlet = await a.api.outlets.create({ name: "Matrix outlet" });
  const workplace = await a.api.workplaces.create({ outletGuid: outlet.guid, name: "Matrix till" });
  const spare = await a.api.tokens.create({ name: "spare", scopes: ["admin"] });
  const revoked = await a.api.tokens.create({ name: "revoked", scopes: ["admin"] });
  await a.api.tokens.revoke({ id: revoked.id });
  const restrictedCookie = await h.signIn(restricted.email!, PASSWORD);
  const otherAdminToken = await token(b.api, otherAdmin.guid, ["admin", "self"]);
  // An admin's admin-scoped token outlives a demotion to employee: the role must still decide.
  const demoted = await person(a.api, "admin");
  const demotedToken = await token(a.api, demoted.guid, ["admin", "self"]);
  await a.api.employees.update({ guid: demoted.guid, role: "employee" });

  const meta = (m: Partial<RequestMeta> = {}): RequestMeta => ({ ip: "127.0.0.1", requestId: h.services.random.uuid(), ...m });
  const bearer = async (t: string, m: Partial<RequestMeta> = {}) =>
    createCaller(await createContext({ services: h.services, meta: meta(m), authorization: `Bearer ${t}` }));
  const callers: Record<CallerKind, ReturnType<typeof createCaller>> = {
    anonymous: createCaller(await createContext({ services: h.services, meta: meta() })),
    employee: await bearer(await token(a.api, plain.guid, ["self"])),
    employeeWithAdminScope: await bearer(demotedToken),
    adminSelfScopeOnly: await bearer(await token(a.api, admin.guid, ["self"])),
    admin: await bearer(await token(a.api, admin.guid, ["admin", "self"])),
    serviceToken: await bearer(await token(a.api, undefined, ["admin"])),
    owner: await bearer(await token(a.api, a.ownerGuid, ["admin", "self"])),
    otherOrgAdmin: await bearer(otherAdminToken),
    otherOrgAdminNamingOrg: await bearer(otherAdminToken, { org: { guid: a.guid } }),
    instanceAdmin: await bearer(await rootToken(h), { org: { guid: a.guid } }),
    expiredToken: await bearer(expiring),
    revokedToken: await bearer(revoked.token),
    garbageToken: await bearer("lk_AAAAAAAAAAAA_forged-secret-that-matches-nothing"),
    restrictedSession: createCaller(await createContext({ services: h.services, meta: meta(), sessionCookie: restrictedCookie })),
  };
  return {
    org: { guid: a.guid, alias: a.alias },
    other: { guid: b.guid, alias: b.alias },
    target: { guid: target.guid, id: target.id, email: target.email! },
    outlet: outlet.guid,
    workplace: workplace.guid,
    spareTokenId: spare.id,
    callers,
  };
}

/** Calls `path` on a caller by walking the namespaces; returns the verdict and the result. */
async function invoke(caller: ReturnType<typeof createCaller>, path: string, input: unknown): Promise<{ verdict: string; data?: unknown }> {
  let fn: unknown = caller;
  for (const part of path.split(".")) fn = (fn as Record<string, unknown>)[part];
  try {
    const data = await (fn as (i: unknown) => Promise<unknown>)(input);
    return { verdict: "ok", data };
  } catch (err) {
    const code = (err as { cause?: { code?: string } }).cause?.code;
    if (!code) throw err;
    return { verdict: DENY_CODES.has(code) ? code : "ok" };
  }
}

const TABLES = [
  "organizations",
  "employees",
  "sessions",
  "api_tokens",
  "outlets",
  "workplaces",
  "activation_codes",
  "reset_codes",
  "outbox_messages",
  "password_history",
  "idempotency_records",
];

/** Row counts of every table a credential operation writes, and the target's password state. */
async function snapshot(w: World) {
  const counts: Record<string, number> = {};
  for (const t of TABLES) counts[t] = Number((await h.rows<{ n: number }>(sql`SELECT count(*) AS n FROM ${sql.identifier(t)}`))[0]!.n);
  const [target] = await h.rows(sql`SELECT sequence, password_hash, status, role FROM employees WHERE guid = ${w.target.guid}`);
  return { counts, target };
}

const procedures = Object.keys(appRouter._def.procedures).sort();

describe("authorization matrix", () => {
  it("names every procedure of the router (and nothing else)", () => {
    const missing = procedures.filter((p) => !(p in TABLE));
    const stale = Object.keys(TABLE).filter((p) => !procedures.includes(p));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  });

  for (const path of procedures) {
    it(`${path}: every kind of caller gets exactly the verdict of the table`, async () => {
      const spec = TABLE[path];
      expect(spec, `${path} is missing from the authorization table`).toBeDefined();
      const w = await buildWorld();
      const got: Partial<Record<CallerKind, string>> = {};
      // Callers the table denies go first: until the first allowed one, nothing may change.
      const order = [...CALLERS].sort((x, y) => Number(spec!.row[x] === "ok") - Number(spec!.row[y] === "ok"));
      const before = await snapshot(w);
      let denialsChecked = false;
      for (const kind of order) {
        if (spec!.row[kind] === "ok" && !denialsChecked) {
          expect(await snapshot(w), `a denied call to ${path} changed state`).toEqual(before);
          denialsChecked = true;
        }
        const { verdict, data } = await invoke(w.callers[kind], path, spec!.input(w));
        got[kind] = verdict;
        // Whatever another organization's admin is allowed to see never names this organization's objects.
        if (kind === "otherOrgAdmin" && data !== undefined) {
          const json = JSON.stringify(data);
          for (const id of [w.org.guid, w.target.guid, w.outlet, w.workplace, w.spareTokenId]) expect(json).not.toContain(id);
        }
      }
      expect(got).toEqual(spec!.row);
    });
  }
});

describe("owner protection across every password procedure", () => {
  it("admins, service accounts and instance admins get NotAllowedForOwner; the owner may act on themselves", async () => {
    const w = await buildWorld();
    const api = createCaller(createSystemContext(h.services, { org: { guid: w.org.guid } }));
    const o = (await api.employees.list({ role: "owner" })).items[0]!;
    const calls: Record<string, unknown> = {
      "employees.resetPassword": { guid: o.guid },
      "employees.adminResetByEmail": { email: o.email },
      "employees.requestPasswordReset": { guid: o.guid, delivery: "return" },
      "employees.setPassword": { guid: o.guid, password: "Owner-Takeover-Pass-991" },
      "employees.changePassword": { id: o.id, password: "Owner-Takeover-Pass-991" },
    };
    for (const [path, input] of Object.entries(calls)) {
      for (const kind of ["admin", "serviceToken", "instanceAdmin"] as const) {
        expect({ path, kind, verdict: (await invoke(w.callers[kind], path, input)).verdict }).toEqual({
          path,
          kind,
          verdict: "NotAllowedForOwner",
        });
      }
    }
    expect((await invoke(w.callers.owner, "employees.setPassword", { guid: o.guid, password: "Owner-Own-Choice-Pass-77" })).verdict).toBe(
      "ok",
    );
  });
});
