// Builds a real Services on a temp SQLite file with a manual clock, plus callers for each kind
// of principal. Every test file gets its own database.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { loadConfig } from "../src/config";
import { createContext, createSystemContext, type RequestMeta } from "../src/context";
import { ManualClock } from "../src/lib/clock";
import { createLogger } from "../src/lib/logger";
import { createCaller } from "../src/root";
import { createServices, type Services } from "../src/services";

/** A secret that meets the server's rule (lib/serverSecret.ts), for every test database. */
export const TEST_SECRET = "harness-Secret-8Wq3LmZx2vRk9pTn4bYc6dFg7jHs5N";

export interface Harness {
  services: Services;
  clock: ManualClock;
  dir: string;
  system: ReturnType<typeof createCaller>;
  asToken(token: string, meta?: Partial<RequestMeta>): ReturnType<typeof createCaller>;
  asSession(cookie: string, meta?: Partial<RequestMeta>): ReturnType<typeof createCaller>;
  anonymous(meta?: Partial<RequestMeta>): ReturnType<typeof createCaller>;
  /** Signs in and returns the session cookie value. */
  signIn(login: string, password: string): Promise<string>;
}

export function createHarness(env: Record<string, string> = {}): Harness {
  const dir = mkdtempSync(join(tmpdir(), "latchkey-test-"));
  const clock = new ManualClock(Date.UTC(2026, 10, 23, 12, 0, 0));
  // The installation-wide activation budget is off unless a test sets it: most tests guess freely.
  const config = loadConfig({
    DATABASE_URL: `file:${join(dir, "test.db")}`,
    LATCHKEY_SECRET: TEST_SECRET,
    LATCHKEY_ACTIVATION_FAILURES_PER_MINUTE: "0",
    ...env,
  });
  const services = createServices(config, { clock, log: createLogger("silent"), groupCommit: true });
  afterAll(() => {
    services.database.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const meta = (m: Partial<RequestMeta> = {}): RequestMeta => ({ ip: "127.0.0.1", requestId: services.random.uuid(), ...m });
  const h: Harness = {
    services,
    clock,
    dir,
    system: createCaller(createSystemContext(services)),
    asToken: (token, m) => createCaller(createContext({ services, meta: meta(m), authorization: `Bearer ${token}` })),
    asSession: (cookie, m) => createCaller(createContext({ services, meta: meta(m), sessionCookie: cookie })),
    anonymous: (m) => createCaller(createContext({ services, meta: meta(m) })),
    async signIn(login, password) {
      let cookie = "";
      const ctx = createContext({
        services,
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
