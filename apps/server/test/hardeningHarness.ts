// The hardening suites' server: the real node:http -> Hono server on a temp SQLite file, two
// organizations seeded through the procedures, and a snapshot of everything a credential
// operation can change, so an attack can be shown to have changed nothing.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect } from "vitest";
import {
  createCaller,
  createLogger,
  createServices,
  createSystemContext,
  ensureInstanceAdmin,
  loadConfig,
  ManualClock,
  SYSTEM_ORG_ALIAS,
  type Services,
} from "@latchkey/api";
import { startServer, type RunningServer } from "../src/server";

export const PASSWORD = "Violet-Harbor-Lantern-93";

export interface Person {
  guid: string;
  id: number;
  email: string;
  phone: string | null;
}

export interface HardWorld {
  org: { guid: string; alias: string };
  other: { guid: string; alias: string };
  owner: Person;
  admin: Person;
  /** Five employees with phones and passwords; none holds a token. */
  employees: Person[];
  /** Holds tokens.employee (scope self). */
  tokenHolder: Person;
  noPhone: Person;
  archived: Person;
  otherEmployee: Person;
  outlets: string[];
  workplaces: string[];
  otherOutlet: string;
  otherWorkplace: string;
  tokens: {
    service: string;
    owner: string;
    admin: string;
    employee: string;
    otherAdmin: string;
    instanceAdmin: string;
    expired: string;
    revoked: string;
  };
}

export interface HardServer {
  url: string;
  services: Services;
  clock: ManualClock;
  logLines: string[];
  world: HardWorld;
  /** An API in org A as the console, for setting things up. */
  admin(): ReturnType<typeof createCaller>;
  call(
    method: string,
    path: string,
    opts?: { token?: string | null; body?: string | object; headers?: Record<string, string> },
  ): Promise<Response>;
  /** Rows a request may not change when it is refused. */
  snapshot(): Snapshot;
  sql<T = Record<string, unknown>>(query: string, ...params: unknown[]): T[];
}

export interface Snapshot {
  counts: Record<string, number>;
  employees: unknown[];
  codes: unknown[];
  workplaces: unknown[];
  tokens: unknown[];
  sessions: unknown[];
}

// audit_events (failures are audited) and rate_limits (requests are counted) legitimately grow.
const WATCHED = [
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

let seq = 0;

async function seed(services: Services, clock: ManualClock): Promise<HardWorld> {
  seq += 1;
  const system = createCaller(createSystemContext(services));
  const makeOrg = async (name: string) => {
    const alias = `${name}-h${seq}`;
    const created = await system.organizations.create({
      name: `${name} Inc`,
      alias,
      owner: { displayName: `${name} Owner`, email: `owner@${alias}.test`, phone: `+7915${seq}000000`.slice(0, 12), password: PASSWORD },
    });
    const api = createCaller(createSystemContext(services, { org: { guid: created.organization.guid } }));
    return { created, alias, api };
  };
  const a = await makeOrg("acme");
  const b = await makeOrg("globex");
  let n = 0;
  const person = async (api: typeof a.api, opts: { phone?: boolean; role?: "admin" | "employee" } = {}): Promise<Person> => {
    n += 1;
    const e = await api.employees.create({
      displayName: `Person ${n}`,
      email: `p${n}.h${seq}@example.test`,
      ...(opts.phone === false ? {} : { phone: `+7916${String(seq * 100 + n).padStart(7, "0")}` }),
      ...(opts.role ? { role: opts.role } : {}),
    });
    await api.employees.setPassword({ guid: e.guid, password: PASSWORD, changeRequired: false });
    return { guid: e.guid, id: e.id, email: e.email!, phone: e.phone };
  };
  const owner = a.created.owner;
  const admin = await person(a.api, { role: "admin" });
  const employees: Person[] = [];
  for (let i = 0; i < 5; i++) employees.push(await person(a.api));
  const tokenHolder = await person(a.api);
  const noPhone = await person(a.api, { phone: false });
  const archived = await person(a.api);
  await a.api.employees.archive({ guid: archived.guid });
  const otherEmployee = await person(b.api);
  const outlets = [await a.api.outlets.create({ name: "Main street" }), await a.api.outlets.create({ name: "Harbor" })];
  const workplaces: string[] = [];
  for (let i = 0; i < 4; i++)
    workplaces.push((await a.api.workplaces.create({ outletGuid: outlets[i % 2]!.guid, name: `Till ${i}` })).guid);
  const otherOutlet = await b.api.outlets.create({ name: "Elsewhere" });
  const otherWorkplace = await b.api.workplaces.create({ outletGuid: otherOutlet.guid, name: "Far till" });
  const token = async (api: typeof a.api, employeeGuid: string | undefined, scopes: ("admin" | "self")[], expiresInDays?: number) =>
    await api.tokens.create({ name: "t", ...(employeeGuid ? { employeeGuid } : {}), scopes, ...(expiresInDays ? { expiresInDays } : {}) });

  const ensured = await ensureInstanceAdmin(services, { email: "root@hardening.test", password: PASSWORD });
  const sys = createCaller(createSystemContext(services, { org: { alias: SYSTEM_ORG_ALIAS } }));
  const root = (await sys.employees.list({ role: "owner", limit: 100 })).items.find((e) => e.email === ensured.email)!;
  const expiring = await token(a.api, undefined, ["admin"], 1);
  const revoked = await token(a.api, undefined, ["admin"]);
  await a.api.tokens.revoke({ id: revoked.id });
  // Past the expiring token's day; every other credential is made after this.
  clock.advance(86_400_000 + 1_000);
  return {
    org: { guid: a.created.organization.guid, alias: a.alias },
    other: { guid: b.created.organization.guid, alias: b.alias },
    owner: { guid: owner.guid, id: owner.id, email: owner.email!, phone: owner.phone },
    admin,
    employees,
    tokenHolder,
    noPhone,
    archived,
    otherEmployee,
    outlets: outlets.map((o) => o.guid),
    workplaces,
    otherOutlet: otherOutlet.guid,
    otherWorkplace: otherWorkplace.guid,
    tokens: {
      service: (await token(a.api, undefined, ["admin"])).token,
      owner: (await token(a.api, owner.guid, ["admin", "self"])).token,
      admin: (await token(a.api, admin.guid, ["admin", "self"])).token,
      employee: (await token(a.api, tokenHolder.guid, ["self"])).token,
      otherAdmin: (await token(b.api, undefined, ["admin"])).token,
      instanceAdmin: (await token(sys, root.guid, ["admin", "self"])).token,
      expired: expiring.token,
      revoked: revoked.token,
    },
  };
}

/** One server per test file. Rate limits are off unless `env` sets them. */
export function useHardServer(env: Record<string, string> = {}): HardServer {
  const dir = mkdtempSync(join(tmpdir(), "latchkey-hard-"));
  const clock = new ManualClock(Date.UTC(2026, 10, 23, 12, 0, 0));
  const logLines: string[] = [];
  const config = loadConfig({
    DATABASE_URL: `file:${join(dir, "test.db")}`,
    LATCHKEY_SECRET: "h".repeat(40),
    LATCHKEY_HASH_MEMORY_KIB: "8192",
    LATCHKEY_HASH_ITERATIONS: "1",
    LATCHKEY_RATE_LIMIT_PER_TOKEN: "0",
    LATCHKEY_RATE_LIMIT_PER_IP: "0",
    LATCHKEY_WEB: "false",
    LATCHKEY_LOG_LEVEL: "debug",
    ...env,
  } as unknown as NodeJS.ProcessEnv);
  const services = createServices(config, { clock, log: createLogger("debug", (l) => logLines.push(l)) });
  let running: RunningServer | null = null;
  const sqlite = services.database.sqlite;
  const rows = (q: string, ...p: unknown[]) => sqlite.prepare(q).all(...p);
  const t: HardServer = {
    services,
    clock,
    logLines,
    url: "",
    world: null as unknown as HardWorld,
    admin: () => createCaller(createSystemContext(services, { org: { guid: t.world.org.guid } })),
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = { ...opts.headers };
      const token = opts.token === undefined ? t.world.tokens.service : opts.token;
      if (token) headers["authorization"] ??= `Bearer ${token}`;
      let body: string | undefined;
      if (opts.body !== undefined) {
        body = typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
        if (!Object.keys(headers).some((k) => k.toLowerCase() === "content-type")) headers["content-type"] = "application/json";
      }
      return fetch(`${t.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    },
    snapshot: () => ({
      counts: Object.fromEntries(
        WATCHED.map((name) => [name, (sqlite.prepare(`SELECT count(*) AS n FROM ${name}`).get() as { n: number }).n]),
      ),
      employees: rows(
        "SELECT id, guid, org_guid, role, status, email, phone, display_name, sequence, password_hash, password_change_required FROM employees ORDER BY id",
      ),
      codes: rows(
        "SELECT id, consumed_at, revoked_at FROM activation_codes UNION ALL SELECT -id, consumed_at, revoked_at FROM reset_codes ORDER BY 1",
      ),
      workplaces: rows("SELECT guid, org_guid, status, name, archived FROM workplaces ORDER BY guid"),
      tokens: rows("SELECT id, revoked_at, scopes FROM api_tokens ORDER BY id"),
      sessions: rows("SELECT id, revoked_at FROM sessions ORDER BY id"),
    }),
    sql: <T>(q: string, ...p: unknown[]) => rows(q, ...p) as T[],
  };
  beforeAll(async () => {
    running = await startServer({ services, port: 0, host: "127.0.0.1", web: false });
    t.url = running.url;
    t.world = await seed(services, clock);
  });
  afterAll(async () => {
    await running?.close();
    services.database.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return t;
}

/** Runs `attack` and checks that no response was a 5xx and nothing watched changed. */
export async function expectNoEffect(t: HardServer, attack: () => Promise<Response | Response[]>): Promise<Response[]> {
  const before = t.snapshot();
  const out = await attack();
  const responses = Array.isArray(out) ? out : [out];
  for (const r of responses) expect(r.status, `${r.url} answered ${r.status}`).toBeLessThan(500);
  expect(t.snapshot()).toEqual(before);
  return responses;
}

/** A response body with request ids blanked, for comparing two answers. */
export async function comparable(res: Response): Promise<{ status: number; body: string }> {
  const text = await res.text();
  return { status: res.status, body: text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, "<id>") };
}

export const afterCooldown = (t: HardServer) => t.clock.advance(61_000);
