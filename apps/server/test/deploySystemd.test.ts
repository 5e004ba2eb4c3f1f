// deploy/latchkey.service: systemd accepts every line of it, and what it runs (its ExecStart, in
// its WorkingDirectory, with the settings its header tells the operator to put in .env) serves
// the built web app (each page in the request log) and the APIs, is ready, and stops cleanly on
// its KillSignal. Only the database's directory and the port differ: a test cannot write
// /var/lib or take port 3000.
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "@latchkey/api";
import { freePort } from "./freePort";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const UNIT = join(ROOT, "deploy", "latchkey.service");
const unit = readFileSync(UNIT, "utf8");
const dir = mkdtempSync(join(tmpdir(), "latchkey-systemd-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A `Key=value` line of the unit (the last one wins, as in systemd). */
function directive(key: string): string {
  const values = [...unit.matchAll(new RegExp(`^${key}=(.*)$`, "gm"))].map((m) => m[1]!);
  if (values.length === 0) throw new Error(`deploy/latchkey.service has no ${key}=`);
  return values.at(-1)!;
}

/** The settings the unit's header tells the operator to put in .env: `#   NAME=value` lines. */
const headerSettings = Object.fromEntries([...unit.matchAll(/^#\s+([A-Z][A-Z0-9_]+)=(\S+)/gm)].map((m) => [m[1]!, m[2]!]));

describe("deploy/latchkey.service", () => {
  it("is a unit systemd reads without a complaint", async () => {
    const { stdout, stderr } = await promisify(execFile)("systemd-analyze", ["verify", UNIT]);
    expect(stdout + stderr).toBe("");
  });

  it("names settings that exist, with values Latchkey accepts", () => {
    expect(Object.keys(headerSettings).sort()).toEqual(["DATABASE_URL", "HOST", "LATCHKEY_PUBLIC_URL", "LATCHKEY_TRUST_PROXY"]);
    const example = readFileSync(join(ROOT, ".env.example"), "utf8");
    for (const name of Object.keys(headerSettings)) expect(example).toMatch(new RegExp(`^${name}=`, "m"));
    const config = loadConfig(headerSettings as unknown as NodeJS.ProcessEnv);
    expect(config).toMatchObject({ HOST: "127.0.0.1", publicUrl: "https://latchkey.example.com" });
  });

  it("runs what serves the built app: ready, then stopped cleanly by its KillSignal", async () => {
    expect(directive("WorkingDirectory")).toBe("/opt/latchkey");
    const [shell, script] = directive("ExecStart").split(" ") as [string, string];
    const signal = directive("KillSignal") as NodeJS.Signals;
    const port = await freePort();
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? "",
      HOME: dir,
      ...headerSettings,
      DATABASE_URL: `file:${join(dir, "latchkey.db")}`,
      PORT: String(port),
      LATCHKEY_WEB: "true",
      LATCHKEY_ADMIN_EMAIL: "root@systemd.test",
      LATCHKEY_ADMIN_PASSWORD: "Granite-Harbor-Signal-64",
    };
    // The checkout stands in for /opt/latchkey.
    const child = spawn(shell, [script], { cwd: ROOT, env: env as unknown as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString("utf8")));
    child.stderr.on("data", (d: Buffer) => (output += d.toString("utf8")));
    let log = ""; // the JSON lines alone: the logger writes to stderr
    child.stderr.on("data", (d: Buffer) => (log += d.toString("utf8")));
    const exited = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
    const base = `http://127.0.0.1:${port}`;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${script} exited (${child.exitCode}):\n${output}`);
      const ready = await fetch(`${base}/readyz`).catch(() => null);
      if (ready?.status === 200) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const page = await fetch(`${base}/sign-in?next=%2Fconsole`);
    expect(page.status).toBe(200);
    await page.text();
    child.kill(signal);
    expect(await exited).toBe(0);
    expect(output).toContain('"msg":"server.stopping"');
    // A page Next served is logged like an API request: the line names the path (without its
    // query) and carries the request id the answer was sent with.
    const requestId = page.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const lines = log
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.filter((l) => l.msg === "http.request" && l.requestId === requestId)).toEqual([
      expect.objectContaining({ level: "info", family: "web", method: "GET", route: "/sign-in", status: 200 }),
    ]);
  }, 180_000);
});
