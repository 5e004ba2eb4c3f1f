// The one way server tests run: the real node:http -> Hono server (no Next) on a scratch
// database (a temp SQLite file, or a PostgreSQL database with LATCHKEY_TEST_DATABASE=postgres),
// seeded with seedWorld. One or more per test file, each with its own database.
import { afterAll, beforeAll } from "vitest";
import { sql, type SQL } from "@latchkey/db";
import { createScratchDatabase, testDialect, type ScratchDatabase } from "@latchkey/db/testing";
import { createCaller, createLogger, createServices, createSystemContext, loadConfig, ManualClock, type Services } from "@latchkey/api";
import { startServer, type RunningServer } from "../src/server";
import { seedWorld, type World } from "./seedWorld";
import { snapshot, type Snapshot } from "./snapshot";
import { startTcpProxy, type TcpProxy } from "./tcpProxy";

export interface TestServer {
  url: string;
  /** Set once the file's beforeAll opened the database. */
  services: Services;
  /** The scratch database's DATABASE_URL (for other processes). */
  databaseUrl: string;
  clock: ManualClock;
  /** Every line the process logged, at debug level. */
  logLines: string[];
  world: World;
  /** An API in org A as the console, for setting things up. */
  admin(): ReturnType<typeof createCaller>;
  /** A fetch against the server; the bearer token is tokens.service unless `token` says otherwise (null: none). */
  call(
    method: string,
    path: string,
    opts?: { token?: string | null; body?: string | object; headers?: Record<string, string> },
  ): Promise<Response>;
  /** Rows a request may not change when it is refused. */
  snapshot(): Promise<Snapshot>;
  /** A read in raw SQL, `?` marking each parameter (the same text on both dialects). */
  sql<T = Record<string, unknown>>(query: string, ...params: unknown[]): Promise<T[]>;
  /** A write in raw SQL, in a transaction of its own. */
  exec(query: string, ...params: unknown[]): Promise<void>;
  /** With `{ databaseProxy: true }` on PostgreSQL: the relay the server reaches its database through. */
  proxy: TcpProxy | null;
}

export interface UseServerOptions {
  /** PostgreSQL only: connect through a TCP relay the test can cut (tcpProxy.ts). */
  databaseProxy?: boolean;
}

/** `?` placeholders to drizzle's bound parameters. */
function bind(query: string, params: unknown[]): SQL {
  const parts = query.split("?");
  if (parts.length !== params.length + 1) throw new Error(`${parts.length - 1} placeholders, ${params.length} parameters: ${query}`);
  let out = sql.raw(parts[0]!);
  params.forEach((p, i) => (out = sql`${out}${p}${sql.raw(parts[i + 1]!)}`));
  return out;
}

/** Starts a server for the file's tests; `env` tunes the config (rate limits and the activation budget are off unless set). */
export function useServer(env: Record<string, string> = {}, options: UseServerOptions = {}): TestServer {
  const clock = new ManualClock(Date.UTC(2026, 10, 23, 12, 0, 0));
  const logLines: string[] = [];
  let scratch: ScratchDatabase | null = null;
  let running: RunningServer | null = null;
  const t: TestServer = {
    services: null as unknown as Services,
    databaseUrl: "",
    proxy: null,
    clock,
    logLines,
    url: "",
    world: null as unknown as World,
    admin: () => createCaller(createSystemContext(t.services, { org: { guid: t.world.org.guid } })),
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
    snapshot: () => snapshot(t.services),
    sql: <T>(q: string, ...p: unknown[]) => t.services.database.rows<T>(t.services.database.db, bind(q, p)),
    exec: async (q, ...p) => {
      await t.services.database.transaction((tx) => t.services.database.rows(tx, bind(q, p)));
    },
  };
  beforeAll(async () => {
    scratch = await createScratchDatabase(testDialect(), "server");
    t.databaseUrl = scratch.url;
    let url = scratch.url;
    if (options.databaseProxy && testDialect() === "postgres") {
      const target = new URL(scratch.url);
      t.proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
      target.port = String(t.proxy.port);
      url = target.toString();
    }
    const config = loadConfig({
      DATABASE_URL: url,
      LATCHKEY_SECRET: "server-test-Secret-4Vq8LmZx2wRk9pTn3bYc6dFg7jHs5",
      LATCHKEY_HASH_MEMORY_KIB: "8192",
      LATCHKEY_HASH_ITERATIONS: "1",
      LATCHKEY_RATE_LIMIT_PER_TOKEN: "0",
      LATCHKEY_RATE_LIMIT_PER_IP: "0",
      LATCHKEY_ACTIVATION_FAILURES_PER_MINUTE: "0",
      LATCHKEY_WEB: "false",
      LATCHKEY_LOG_LEVEL: "debug",
      ...env,
    } as unknown as NodeJS.ProcessEnv);
    t.services = await createServices(config, { clock, log: createLogger("debug", (l) => logLines.push(l)), groupCommit: true });
    running = await startServer({ services: t.services, port: 0, host: "127.0.0.1", web: false });
    t.url = running.url;
    t.world = await seedWorld(t.services, clock);
  });
  afterAll(async () => {
    await running?.close();
    await t.services?.database.close();
    await t.proxy?.close();
    await scratch?.drop();
  });
  return t;
}

/** Moves past the 60 s resend cooldown. */
export const afterCooldown = (t: TestServer) => t.clock.advance(61_000);
