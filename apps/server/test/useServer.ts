// The one way server tests run: the real node:http -> Hono server (no Next) on a fresh temp
// SQLite file, seeded with seedWorld. One or more per test file, each with its own database.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { createCaller, createLogger, createServices, createSystemContext, loadConfig, ManualClock, type Services } from "@latchkey/api";
import { startServer, type RunningServer } from "../src/server";
import { seedWorld, type World } from "./seedWorld";
import { snapshot, type Snapshot } from "./snapshot";

export interface TestServer {
  url: string;
  services: Services;
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
  snapshot(): Snapshot;
  sql<T = Record<string, unknown>>(query: string, ...params: unknown[]): T[];
}

/** Starts a server for the file's tests; `env` tunes the config (rate limits and the activation budget are off unless set). */
export function useServer(env: Record<string, string> = {}): TestServer {
  const dir = mkdtempSync(join(tmpdir(), "latchkey-server-"));
  const clock = new ManualClock(Date.UTC(2026, 10, 23, 12, 0, 0));
  const logLines: string[] = [];
  const config = loadConfig({
    DATABASE_URL: `file:${join(dir, "test.db")}`,
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
  const services = createServices(config, { clock, log: createLogger("debug", (l) => logLines.push(l)), groupCommit: true });
  let running: RunningServer | null = null;
  const t: TestServer = {
    services,
    clock,
    logLines,
    url: "",
    world: null as unknown as World,
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
    snapshot: () => snapshot(services),
    sql: <T>(q: string, ...p: unknown[]) => services.database.sqlite.prepare(q).all(...p) as T[],
  };
  beforeAll(async () => {
    running = await startServer({ services, port: 0, host: "127.0.0.1", web: false });
    t.url = running.url;
    t.world = await seedWorld(services, clock);
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
