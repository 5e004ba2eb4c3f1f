// The real server process (`tsx apps/server/src/main.ts`) at start: what it refuses, and what it
// tells the operator once.
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
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

/** Starts the server with exactly `env` (no .env), until it exits or logs server.ready; then stops it. */
function start(dir: string, env: Record<string, string>): Promise<Run> {
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
  child.stdout.on("data", (d: Buffer) => (run.stdout += d.toString("utf8")));
  child.stderr.on("data", (d: Buffer) => {
    run.stderr += d.toString("utf8");
    if (run.stderr.includes('"msg":"server.ready"')) child.kill("SIGTERM");
  });
  return new Promise((resolve) =>
    child.on("close", (code) => {
      run.code = code;
      resolve(run);
    }),
  );
}
const freshDir = () => mkdtempSync(join(root, `s${++n}-`));

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
