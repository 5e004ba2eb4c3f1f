// Runs the real CLI as a subprocess (the tsx binary, as `pnpm latchkey` does) against a temp
// SQLite file, and the real server as another process on the same file for HTTP checks: the
// CLI must work while the server holds the database open.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createServer as createNetServer, type AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";

export const ROOT = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
export const TSX = join(ROOT, "node_modules", ".bin", "tsx");
export const MAIN = join(ROOT, "packages", "cli", "src", "main.ts");
const SERVER_MAIN = join(ROOT, "apps", "server", "src", "main.ts");

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface TestDb {
  dir: string;
  env: Record<string, string>;
  run(...args: string[]): Promise<CliRun>;
  /** `pnpm -s latchkey …` from the repository root, exactly as the README says. */
  viaPnpm(...args: string[]): Promise<CliRun>;
  /** Runs and parses stdout as JSON, failing loudly with stderr when the command failed. */
  json<T = unknown>(...args: string[]): Promise<T>;
}

export function createTestDb(): TestDb {
  const dir = mkdtempSync(join(tmpdir(), "latchkey-cli-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env = {
    DATABASE_URL: `file:${join(dir, "cli.db")}`,
    LATCHKEY_SECRET: "cli-test-Secret-6Wq8LmZx2vRk9pTn3bYc4dFg7jHs5N",
    LATCHKEY_RATE_LIMIT_PER_IP: "0",
    LATCHKEY_RATE_LIMIT_PER_TOKEN: "0",
  };
  const spawnRun = (command: string, argv: string[]) =>
    runProcess(command, argv, { cwd: ROOT, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? dir, ...env } });
  const run = (...args: string[]) => spawnRun(TSX, [MAIN, ...args]);
  return {
    dir,
    env,
    run,
    viaPnpm: (...args: string[]) => spawnRun("pnpm", ["-s", "latchkey", ...args]),
    async json<T>(...args: string[]) {
      const r = await run(...args, "--json");
      if (r.code !== 0) throw new Error(`latchkey ${args.join(" ")} exited ${r.code}: ${r.stderr}`);
      return JSON.parse(r.stdout) as T;
    },
  };
}

/** Runs a command to its end, collecting its output. */
export function runProcess(command: string, argv: string[], opts: { cwd: string; env: Record<string, string> }): Promise<CliRun> {
  return new Promise<CliRun>((done, fail) => {
    const child = spawn(command, argv, { cwd: opts.cwd, env: opts.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
    child.on("error", fail);
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

export interface TestServer {
  url: string;
  /** GET a tRPC query; returns the HTTP status and the parsed body. */
  query(path: string, token: string | null, input?: unknown): Promise<{ status: number; body: TrpcBody }>;
  mutate(path: string, token: string | null, input: unknown): Promise<{ status: number; body: TrpcBody }>;
}

interface TrpcBody {
  result?: { data: unknown };
  error?: { message: string; data: { code: string; httpStatus: number; domainCode?: string } };
}

/** A port nobody listens on right now, for the server subprocess. */
export async function freePort(): Promise<number> {
  const srv = createNetServer();
  await new Promise<void>((done) => srv.listen(0, "127.0.0.1", done));
  const port = (srv.address() as AddressInfo).port;
  await new Promise<void>((done) => srv.close(() => done()));
  return port;
}

/**
 * Starts the real server (`tsx apps/server/src/main.ts`, APIs only) on the test database for the
 * tests of the calling describe block. The CLI creates and migrates the file first: two
 * processes migrating one fresh file at the same moment race (drizzle reads the applied
 * migrations outside its transaction), which is not what these tests are about.
 */
export function useServer(db: TestDb): () => TestServer {
  let server: (TestServer & { close(): Promise<void> }) | undefined;
  beforeAll(async () => {
    const r = await db.run("org", "list");
    if (r.code !== 0) throw new Error(`latchkey org list failed: ${r.stderr}`);
    const port = await freePort();
    server = await startServerProcess({
      cwd: ROOT,
      port,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? db.dir,
        ...db.env,
        PORT: String(port),
        HOST: "127.0.0.1",
        LATCHKEY_WEB: "false",
      },
    });
  });
  afterAll(() => server?.close());
  return () => {
    if (!server) throw new Error("the server is not running");
    return server;
  };
}

/** The real server (`tsx apps/server/src/main.ts`) in `cwd` with exactly `env`, once it answers on `port`. */
export async function startServerProcess(opts: {
  cwd: string;
  port: number;
  env: Record<string, string>;
}): Promise<TestServer & { close(): Promise<void> }> {
  const { port } = opts;
  const child = spawn(TSX, [SERVER_MAIN], { cwd: opts.cwd, env: opts.env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`the server exited ${child.exitCode}: ${stderr}`);
    try {
      await fetch(`${url}/api/trpc/auth.me`);
      break;
    } catch {
      if (attempt > 300) throw new Error(`the server did not start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const headers = (token: string | null): Record<string, string> => ({
    "content-type": "application/json",
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  });
  const read = async (res: Response) => ({ status: res.status, body: (await res.json()) as TrpcBody });
  return {
    url,
    close: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once("exit", () => done());
        child.kill("SIGTERM");
      }),
    query: async (path, token, input) =>
      read(
        await fetch(`${url}/api/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`}`, {
          headers: headers(token),
        }),
      ),
    mutate: async (path, token, input) =>
      read(await fetch(`${url}/api/trpc/${path}`, { method: "POST", headers: headers(token), body: JSON.stringify(input) })),
  };
}
