// `pnpm dev` as a contributor runs it: the web app in Next's development mode and the APIs on one
// port, the demo seed in a fresh development database, and a change to an API source file served
// by the same running `pnpm dev` (tsx watch restarts the process inside it; nobody restarts it).
// It runs in a copy of the checkout and edits the copy's packages/gateway/src/ops.ts (a header on
// /healthz), so an interrupted run leaves the checkout as it was, and a `pnpm dev` of your own
// (Next allows one per checkout) can go on running.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { basename, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "./freePort";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "latchkey-dev-"));
const CHECKOUT = join(dir, "checkout");
const OPS = join(CHECKOUT, "packages", "gateway", "src", "ops.ts");
const PROBE_HEADER = "x-latchkey-dev-probe";
const ANCHOR = /^export function mountOps\(.*\{\n/m;
let original = "";

/** What a copy leaves out: what runs and tools leave behind, never what `pnpm dev` reads. */
const LEFT_OUT = new Set([".git", ".next", ".turbo", "data", "data-dev", "coverage", "test-results", "next-env.d.ts"]);

/**
 * The checkout as `pnpm dev` sees it, in `CHECKOUT`: every file copied with its timestamps (so
 * the bootstrap finds the install current), pnpm's relative links kept as links, and the root
 * node_modules hard-linked, which takes seconds where copying would take minutes (`pnpm dev`
 * only reads it, so the checkout's copy is never written through a link).
 */
function copyCheckout(): void {
  mkdirSync(CHECKOUT);
  execFileSync("cp", ["-al", join(ROOT, "node_modules"), CHECKOUT]);
  cpSync(ROOT, CHECKOUT, {
    recursive: true,
    verbatimSymlinks: true,
    preserveTimestamps: true,
    filter: (src) => relative(ROOT, src) !== "node_modules" && !LEFT_OUT.has(basename(src)),
  });
}

let child: ChildProcess | undefined;
let output = "";
let base = "";

/** Asks again until `check` accepts an answer: the process compiles, restarts and answers in its own time. */
async function until(what: string, ask: () => Promise<Response>, check: (res: Response, body: string) => boolean): Promise<string> {
  for (;;) {
    if (child?.exitCode !== null) throw new Error(`pnpm dev exited (${child?.exitCode}) while waiting for ${what}:\n${output}`);
    const res = await ask().catch(() => null);
    if (res) {
      const body = await res.text();
      if (check(res, body)) return body;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Opens hot reload's WebSocket, as the browser does on every page of the development mode: the status it gets. */
function hotReloadUpgrade(): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = {
      connection: "Upgrade",
      upgrade: "websocket",
      "sec-websocket-version": "13",
      "sec-websocket-key": randomBytes(16).toString("base64"),
    };
    const req = request(`${base}/_next/hmr?id=devLoop`, { headers });
    req.once("upgrade", (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.once("response", (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once("error", reject);
    req.end();
  });
}

const page = () =>
  until(
    "the sign-in page",
    () => fetch(`${base}/sign-in`),
    (res, body) => res.status === 200 && body.includes("<form"),
  );

beforeAll(async () => {
  copyCheckout();
  original = readFileSync(OPS, "utf8");
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // What the test relies on is set here, which wins over a .env in the checkout; no NODE_ENV
  // (vitest's "test" is no mode Next knows).
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? dir,
    PORT: String(port),
    HOST: "127.0.0.1",
    LATCHKEY_WEB: "true",
    DATABASE_URL: `file:${join(dir, "dev.db")}`,
    LATCHKEY_HASH_MEMORY_KIB: "8192",
    LATCHKEY_HASH_ITERATIONS: "1",
  };
  const started = spawn("pnpm", ["run", "dev"], {
    cwd: CHECKOUT,
    detached: true, // its own process group: pnpm, the script, tsx watch and the server stop together
    stdio: ["ignore", "pipe", "pipe"],
    env: env as unknown as NodeJS.ProcessEnv,
  });
  started.stdout.on("data", (d: Buffer) => (output += d.toString("utf8")));
  started.stderr.on("data", (d: Buffer) => (output += d.toString("utf8")));
  child = started;
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null && child.pid) {
    const closed = new Promise((r) => child!.once("close", r));
    process.kill(-child.pid, "SIGTERM");
    const force = setTimeout(() => process.kill(-child!.pid!, "SIGKILL"), 15_000);
    await closed;
    clearTimeout(force);
  }
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe("pnpm dev", () => {
  it("serves a page and the APIs from a seeded development database, and serves an API change without a restart", async () => {
    // The web app, compiled on request by Next's development mode, with hot reload's WebSocket.
    await page();
    expect(await hotReloadUpgrade()).toBe(101);

    // The demo seed of the first start, beside the database, for the developer only.
    const seedFile = join(dir, "demo-seed.json");
    expect(statSync(seedFile).mode & 0o777).toBe(0o600);
    const seed = JSON.parse(readFileSync(seedFile, "utf8")) as { org: { guid: string }; tokens: { admin: string } };
    const current = () => fetch(`${base}/api/trpc/organizations.current`, { headers: { authorization: `Bearer ${seed.tokens.admin}` } });
    const before = await until("organizations.current", current, (res) => res.status === 200);
    expect(JSON.parse(before)).toMatchObject({ result: { data: { guid: seed.org.guid } } });

    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get(PROBE_HEADER)).toBeNull();

    // An edit to the API's source: /healthz now sends a header.
    const marker = `probe-${process.pid}-${Date.now()}`;
    expect(original).toMatch(ANCHOR);
    writeFileSync(
      OPS,
      original.replace(
        ANCHOR,
        (line) => `${line}  app.use("/healthz", (c, next) => (c.header("${PROBE_HEADER}", "${marker}"), next()));\n`,
      ),
    );
    await until(
      "the edited /healthz",
      () => fetch(`${base}/healthz`),
      (res) => res.headers.get(PROBE_HEADER) === marker,
    );
    writeFileSync(OPS, original);

    // The same `pnpm dev`, restarted by tsx watch from inside, on the same database.
    expect(child!.exitCode).toBeNull();
    expect(output).toContain("change in ./packages/gateway/src/ops.ts");
    expect(output.match(/Development database seeded/g)).toHaveLength(1);
    const after = await until("organizations.current after the change", current, (res) => res.status === 200);
    expect(JSON.parse(after)).toMatchObject({ result: { data: { guid: seed.org.guid } } });
    await page();
  }, 900_000);
});
