// Starts the real server (node:http -> Hono, no Next) on a fresh temp SQLite file and seeds
// two organizations through the same procedures every surface uses. One per test file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
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
export const NEW_PASSWORD = "Quiet-Meadow-Copper-58";

let fresh = 0;
/** A strong password never used before (the history policy refuses reuse). */
export const freshPassword = () => `Granite-Willow-${++fresh}-Comet-Tide`;

export interface World {
  org: { guid: string; alias: string };
  other: { guid: string; alias: string };
  owner: { guid: string; id: number };
  admin: { guid: string; id: number };
  /** Five employees with phones; tokens.employee belongs to employees[0], so never reset it. */
  employees: { guid: string; id: number; email: string; phone: string }[];
  noPhone: { guid: string; id: number; email: string };
  archived: { guid: string; id: number; email: string };
  otherEmployee: { guid: string; id: number; email: string };
  outlets: { guid: string }[];
  workplaces: { guid: string; outletGuid: string }[];
  otherWorkplace: { guid: string };
  otherOutlet: { guid: string };
  tokens: { service: string; owner: string; admin: string; employee: string; otherAdmin: string; instanceAdmin: string };
}

export interface TestServer {
  url: string;
  services: Services;
  clock: ManualClock;
  logLines: string[];
  world: World;
  /** A fetch against the server with an optional bearer token. */
  call(
    method: string,
    path: string,
    opts?: { token?: string | null; body?: string | object; headers?: Record<string, string> },
  ): Promise<Response>;
}

let n = 0;

async function seed(services: Services): Promise<World> {
  n += 1;
  const system = createCaller(createSystemContext(services));
  const makeOrg = async (name: string) => {
    const alias = `${name}-${n}`;
    const created = await system.organizations.create({
      name,
      alias,
      owner: { displayName: `${name} Owner`, email: `owner@${alias}.test`, password: PASSWORD },
    });
    return { created, alias, api: createCaller(createSystemContext(services, { org: { guid: created.organization.guid } })) };
  };
  const a = await makeOrg("acme");
  const b = await makeOrg("globex");
  const emp = async (api: typeof a.api, i: number, extra: { phone?: string; role?: "admin" | "employee" } = {}) => {
    const e = await api.employees.create({ displayName: `Person ${i}`, email: `p${i}@${n}.test`, ...extra });
    await api.employees.setPassword({ guid: e.guid, password: PASSWORD, changeRequired: false });
    return { guid: e.guid, id: e.id, email: e.email!, phone: e.phone ?? "" };
  };
  const admin = await emp(a.api, 1, { role: "admin", phone: "+79160000001" });
  const employees = [];
  for (let i = 2; i <= 6; i++) employees.push(await emp(a.api, i, { phone: `+7916000000${i}` }));
  const noPhone = await emp(a.api, 7);
  const archived = await emp(a.api, 8, { phone: "+79160000008" });
  await a.api.employees.archive({ guid: archived.guid });
  const otherEmployee = await emp(b.api, 9, { phone: "+79160000009" });
  const outlets = [await a.api.outlets.create({ name: "Main street" }), await a.api.outlets.create({ name: "Harbor" })];
  const workplaces = [];
  for (let i = 0; i < 4; i++) {
    const w = await a.api.workplaces.create({ outletGuid: outlets[i % 2]!.guid, name: `Till ${i}` });
    workplaces.push({ guid: w.guid, outletGuid: w.outletGuid });
  }
  const otherOutlet = await b.api.outlets.create({ name: "Elsewhere" });
  const otherWorkplace = await b.api.workplaces.create({ outletGuid: otherOutlet.guid, name: "Far till" });
  const token = async (api: typeof a.api, employeeGuid: string | undefined, scopes: ("admin" | "self")[]) =>
    (await api.tokens.create({ name: "t", ...(employeeGuid ? { employeeGuid } : {}), scopes })).token;

  const ensured = await ensureInstanceAdmin(services, { email: "root@latchkey.test", password: PASSWORD });
  const sys = createCaller(createSystemContext(services, { org: { alias: SYSTEM_ORG_ALIAS } }));
  const root = (await sys.employees.list({ role: "owner", limit: 100 })).items.find((e) => e.email === ensured.email)!;
  return {
    org: { guid: a.created.organization.guid, alias: a.alias },
    other: { guid: b.created.organization.guid, alias: b.alias },
    owner: { guid: a.created.owner.guid, id: a.created.owner.id },
    admin,
    employees,
    noPhone,
    archived,
    otherEmployee,
    outlets: outlets.map((o) => ({ guid: o.guid })),
    workplaces,
    otherWorkplace: { guid: otherWorkplace.guid },
    otherOutlet: { guid: otherOutlet.guid },
    tokens: {
      service: await token(a.api, undefined, ["admin"]),
      owner: await token(a.api, a.created.owner.guid, ["admin", "self"]),
      admin: await token(a.api, admin.guid, ["admin", "self"]),
      employee: await token(a.api, employees[0]!.guid, ["self"]),
      otherAdmin: await token(b.api, undefined, ["admin"]),
      instanceAdmin: await token(sys, root.guid, ["admin", "self"]),
    },
  };
}

/** Starts a server for the file's tests; `env` tunes the config (rate limits are off unless set). */
export function useServer(env: Record<string, string> = {}): TestServer {
  const dir = mkdtempSync(join(tmpdir(), "latchkey-rest-"));
  const clock = new ManualClock(Date.UTC(2026, 10, 23, 12, 0, 0));
  const logLines: string[] = [];
  const config = loadConfig({
    DATABASE_URL: `file:${join(dir, "test.db")}`,
    LATCHKEY_SECRET: "s".repeat(40),
    LATCHKEY_HASH_MEMORY_KIB: "8192",
    LATCHKEY_HASH_ITERATIONS: "1",
    LATCHKEY_RATE_LIMIT_PER_TOKEN: "0",
    LATCHKEY_RATE_LIMIT_PER_IP: "0",
    LATCHKEY_WEB: "false",
    ...env,
  } as unknown as NodeJS.ProcessEnv);
  const services = createServices(config, { clock, log: createLogger("info", (l) => logLines.push(l)) });
  let running: RunningServer | null = null;
  const t = {
    services,
    clock,
    logLines,
    url: "",
    world: null as unknown as World,
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = { ...opts.headers };
      const token = opts.token === undefined ? t.world.tokens.service : opts.token;
      if (token) headers["authorization"] ??= `Bearer ${token}`;
      let body: string | undefined;
      if (opts.body !== undefined) {
        body = typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
        headers["content-type"] ??= "application/json";
      }
      return fetch(`${t.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    },
  } as TestServer;
  beforeAll(async () => {
    running = await startServer({ services, port: 0, host: "127.0.0.1", web: false });
    t.url = running.url;
    t.world = await seed(services);
  });
  afterAll(async () => {
    await running?.close();
    services.database.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return t;
}

/** Moves past the 60 s resend cooldown. */
export const afterCooldown = (t: TestServer) => t.clock.advance(61_000);
