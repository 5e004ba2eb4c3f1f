// Builds a real Services on a scratch database (a temp SQLite file, or a PostgreSQL database
// created for the file and dropped after it, with LATCHKEY_TEST_DATABASE=postgres) with a manual
// clock, plus callers for each kind of principal. Every test file gets its own database.
import { createScratchDatabase, testDialect, type ScratchDatabase } from "@latchkey/db/testing";
import type { Db, SQL, Tables } from "@latchkey/db";
import { afterAll, beforeAll } from "vitest";
import { loadConfig } from "../src/config";
import { createContext, createSystemContext, type RequestMeta } from "../src/context";
import { ManualClock } from "../src/lib/clock";
import { createLogger } from "../src/lib/logger";
import { createCaller } from "../src/root";
import { createServices, type Services } from "../src/services";

/** A secret that meets the server's rule (lib/serverSecret.ts), for every test database. */
export const TEST_SECRET = "harness-Secret-8Wq3LmZx2vRk9pTn4bYc6dFg7jHs5N";

export interface Harness {
  /** Set once the file's beforeAll opened the database. */
  readonly services: Services;
  clock: ManualClock;
  /** A temp folder of the test's own (the SQLite file lives there). */
  readonly dir: string;
  /** Reads outside a transaction. */
  readonly db: Db;
  readonly tables: Tables;
  /** The scratch database's DATABASE_URL (for another process to open it). */
  readonly url: string;
  /** Raw SQL (the same text on both dialects), rows keyed by column name. */
  rows<R>(query: SQL): Promise<R[]>;
  system: ReturnType<typeof createCaller>;
  asToken(token: string, meta?: Partial<RequestMeta>): ReturnType<typeof createCaller>;
  asSession(cookie: string, meta?: Partial<RequestMeta>): ReturnType<typeof createCaller>;
  anonymous(meta?: Partial<RequestMeta>): ReturnType<typeof createCaller>;
  /** Signs in and returns the session cookie value. */
  signIn(login: string, password: string): Promise<string>;
}

export function createHarness(env: Record<string, string> = {}): Harness {
  const clock = new ManualClock(Date.UTC(2026, 10, 23, 12, 0, 0));
  let opened: { services: Services; scratch: ScratchDatabase } | undefined;
  const need = () => {
    if (!opened) throw new Error("the harness's database opens in beforeAll: use it inside a test or a hook");
    return opened;
  };
  beforeAll(async () => {
    const scratch = await createScratchDatabase(testDialect(), "api");
    // The installation-wide activation budget is off unless a test sets it: most tests guess freely.
    const config = loadConfig({
      DATABASE_URL: scratch.url,
      LATCHKEY_SECRET: TEST_SECRET,
      LATCHKEY_ACTIVATION_FAILURES_PER_MINUTE: "0",
      ...env,
    });
    const services = await createServices(config, { clock, log: createLogger("silent"), groupCommit: true });
    opened = { services, scratch };
  });
  afterAll(async () => {
    await opened?.services.database.close();
    await opened?.scratch.drop();
  });
  const meta = (m: Partial<RequestMeta> = {}): RequestMeta => ({ ip: "127.0.0.1", requestId: need().services.random.uuid(), ...m });
  const h: Harness = {
    get services() {
      return need().services;
    },
    get dir() {
      return need().scratch.dir;
    },
    get db() {
      return need().services.database.db;
    },
    get tables() {
      return need().services.database.tables;
    },
    get url() {
      return need().scratch.url;
    },
    rows: (query) => need().services.database.rows(need().services.database.db, query),
    clock,
    system: createCaller(() => createSystemContext(need().services)),
    asToken: (token, m) =>
      createCaller(() => createContext({ services: need().services, meta: meta(m), authorization: `Bearer ${token}` })),
    asSession: (cookie, m) => createCaller(() => createContext({ services: need().services, meta: meta(m), sessionCookie: cookie })),
    anonymous: (m) => createCaller(() => createContext({ services: need().services, meta: meta(m) })),
    async signIn(login, password) {
      let cookie = "";
      const ctx = await createContext({
        services: need().services,
        meta: meta(),
        cookies: { setSession: (v) => (cookie = v), clearSession: () => (cookie = "") },
      });
      await createCaller(ctx).auth.signIn({ login, password });
      return cookie;
    },
  };
  return h;
}

export interface SeededOrg {
  org: { guid: string; alias: string };
  owner: { guid: string; id: number; email: string; password: string };
  adminToken: string;
  ownerToken: string;
}

let counter = 0;
/** An organization with an owner (password set) and an owner-scoped admin token. */
export async function seedOrg(h: Harness, name = "Acme"): Promise<SeededOrg> {
  counter += 1;
  const alias = `${name.toLowerCase().replace(/[^a-z0-9]/g, "")}-${counter}`;
  const password = `Zq-${counter}-violet-harbor-lantern`;
  const created = await h.system.organizations.create({
    name,
    alias,
    owner: { displayName: `${name} Owner`, email: `owner@${alias}.test`, password },
  });
  const orgCaller = consoleOf(h, created.organization.guid);
  const ownerToken = await orgCaller.tokens.create({ name: "owner", employeeGuid: created.owner.guid, scopes: ["admin", "self"] });
  const adminToken = await orgCaller.tokens.create({ name: "service", scopes: ["admin"] });
  return {
    org: { guid: created.organization.guid, alias },
    owner: { guid: created.owner.guid, id: created.owner.id, email: created.owner.email!, password },
    adminToken: adminToken.token,
    ownerToken: ownerToken.token,
  };
}

/** Runs a call and returns the domain code it failed with (or "ok"). */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    return cause?.code ?? String((err as Error).message);
  }
}

/** The operator at the console (the CLI) acting in one organization. */
export const consoleOf = (h: Harness, orgGuid: string) => createCaller(createSystemContext(h.services, { org: { guid: orgGuid } }));
