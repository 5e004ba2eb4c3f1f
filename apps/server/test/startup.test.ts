// The real server process (`tsx apps/server/src/main.ts`) at start: what it refuses, and what it
// tells the operator once.
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const TSX = join(ROOT, "node_modules", ".bin", "tsx");
const MAIN = join(ROOT, "apps", "server", "src", "main.ts");
const root = mkdtempSync(join(tmpdir(), "latchkey-startup-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts the server with exactly `env` (no .env), until it exits or logs server.ready; then (after `whileReady`) stops it. */
function start(dir: string, env: Record<string, string>, whileReady?: (run: Run) => Promise<void>): Promise<Run> {
  const childEnv: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: dir,
    PORT: "0",
    HOST: "127.0.0.1",
    LATCHKEY_WEB: "false",
    DATABASE_URL: `file:${join(dir, "latchkey.db")}`,
    LATCHKEY_HASH_MEMORY_KIB: "8192",
    LATCHKEY_HASH_ITERATIONS: "1",
    ...env,
  };
  const child = spawn(TSX, [MAIN], { cwd: dir, env: childEnv as unknown as NodeJS.ProcessEnv });
  const run: Run = { code: null, stdout: "", stderr: "" };
  let ready = false;
  child.stdout.on("data", (d: Buffer) => (run.stdout += d.toString("utf8")));
  child.stderr.on("data", (d: Buffer) => {
    run.stderr += d.toString("utf8");
    if (run.stderr.includes('"msg":"server.ready"') && !ready) {
      ready = true;
      void (whileReady ? whileReady(run) : Promise.resolve()).finally(() => child.kill("SIGTERM"));
    }
  });
  return new Promise((resolve) =>
    child.on("close", (code) => {
      run.code = code;
      resolve(run);
    }),
  );
}
const freshDir = () => mkdtempSync(join(root, `s${++n}-`));

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe("the server secret at start", () => {
  it("a weak LATCHKEY_SECRET stops the start with one line saying what is accepted", async () => {
    const run = await start(freshDir(), { LATCHKEY_SECRET: "x".repeat(40) });
    expect(run.code).toBe(2);
    expect(run.stderr.split("\n").filter((l) => l.startsWith("  - "))).toEqual([
      "  - LATCHKEY_SECRET must be at least 32 bytes of random data: 64+ hex digits, 43+ base64 characters or 32+ bytes of other text, with at least 10 different characters and no repeated pattern (generate one with `openssl rand -base64 32`)",
    ]);
  }, 60_000);

  it("a latchkey.secret that group or others can read stops the start and says how to fix it", async () => {
    const dir = freshDir();
    const first = await start(dir, { LATCHKEY_ADMIN_EMAIL: "root@startup.test", LATCHKEY_ADMIN_PASSWORD: "Violet-Harbor-Lantern-93" });
    expect(first.stderr).toContain('"msg":"server.ready"');
    const file = join(dir, "latchkey.secret");
    chmodSync(file, 0o644);
    const run = await start(dir, {});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`  - ${file} is open to group or others (mode 0644): run chmod 600 ${file}\n`);
  }, 60_000);
});

describe("the first instance admin", () => {
  it("a generated password is printed once, opens only a restricted session, and the next start prints nothing", async () => {
    const dir = freshDir();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const post = (path: string, body: object, cookie?: string) =>
      fetch(`${base}/api/trpc/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(cookie ? { cookie, origin: base, "sec-fetch-site": "same-origin" } : {}) },
        body: JSON.stringify(body),
      });
    const seen: { restricted?: unknown; denied?: number; changed?: number; after?: unknown } = {};
    let generated = "";
    const first = await start(dir, { PORT: String(port) }, async (run) => {
      const password = /Password: (\S+)/.exec(run.stdout)![1]!;
      generated = password;
      const signIn = await post("auth.signIn", { login: "admin@latchkey.local", password });
      const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0]!;
      seen.restricted = (
        (await signIn.json()) as { result: { data: { passwordChangeRequired: boolean } } }
      ).result.data.passwordChangeRequired;
      seen.denied = (await fetch(`${base}/api/trpc/organizations.list?input=${encodeURIComponent("{}")}`, { headers: { cookie } })).status;
      seen.changed = (await post("me.changePassword", { currentPassword: password, newPassword: "Copper-Meadow-Quiet-85" }, cookie)).status;
      const again = await post("auth.signIn", { login: "admin@latchkey.local", password: "Copper-Meadow-Quiet-85" });
      seen.after = ((await again.json()) as { result: { data: { passwordChangeRequired: boolean } } }).result.data.passwordChangeRequired;
    });
    expect(first.stdout.match(/Password: /g)).toHaveLength(1);
    expect(first.stdout).toContain("shown once: sign in with it and choose your own");
    expect(generated.length).toBeGreaterThanOrEqual(20);
    expect(first.stderr).not.toContain(generated);
    expect(seen).toEqual({ restricted: true, denied: 403, changed: 200, after: false });
    const second = await start(dir, { PORT: String(port) });
    expect(second.stderr).toContain('"msg":"server.ready"');
    expect(second.stdout).not.toContain("Password");
    expect(second.stdout + second.stderr).not.toContain(generated);
  }, 90_000);
});

describe("the log providers in production", () => {
  const WARNING = '"msg":"delivery.log_provider"';
  const admin = { LATCHKEY_ADMIN_EMAIL: "root@startup.test", LATCHKEY_ADMIN_PASSWORD: "Violet-Harbor-Lantern-93" };

  it("print one warning line at start that codes reach only the console mailbox", async () => {
    const run = await start(freshDir(), { ...admin, NODE_ENV: "production" });
    const lines = run.stderr.split("\n").filter((l) => l.includes(WARNING));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('"level":"warn"');
    expect(lines[0]).toContain('"channels":["email","sms"]');
    expect(lines[0]).toContain("not delivered anywhere");
  }, 60_000);

  it("say nothing outside production, or when neither channel uses the log provider", async () => {
    expect((await start(freshDir(), admin)).stderr).not.toContain(WARNING);
    const real = await start(freshDir(), {
      ...admin,
      NODE_ENV: "production",
      LATCHKEY_EMAIL_PROVIDER: "none",
      LATCHKEY_SMS_PROVIDER: "none",
    });
    expect(real.stderr).toContain('"msg":"server.ready"');
    expect(real.stderr).not.toContain(WARNING);
    const smsOnly = await start(freshDir(), { ...admin, NODE_ENV: "production", LATCHKEY_EMAIL_PROVIDER: "none" });
    expect(smsOnly.stderr.split("\n").filter((l) => l.includes(WARNING))).toHaveLength(1);
    expect(smsOnly.stderr).toContain('"channels":["sms"]');
  }, 90_000);
});
