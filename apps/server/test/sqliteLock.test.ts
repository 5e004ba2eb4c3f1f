// One server process per SQLite file (docs/SCALING.md): a second server on the same file stops at
// start with one line, the CLI keeps working beside the first, and once the first is killed with
// SIGKILL (no shutdown, no cleanup) a new server starts: the lock died with the process.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCliCaptured } from "@latchkey/cli";
import { SECRET, startInstance, type Instance } from "./instances";

const dir = mkdtempSync(join(tmpdir(), "latchkey-lock-"));
const path = join(dir, "latchkey.db");
const running: Instance[] = [];
afterAll(async () => {
  for (const i of running) {
    i.child.kill("SIGKILL");
    await i.exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

const cli = (...argv: string[]) =>
  runCliCaptured(argv, {
    DATABASE_URL: `file:${path}`,
    LATCHKEY_SECRET: SECRET,
    LATCHKEY_HASH_MEMORY_KIB: "8192",
    LATCHKEY_HASH_ITERATIONS: "1",
  });

describe("several server processes on one SQLite file", () => {
  it("refuses the second, lets the CLI work beside the first, and starts again after the first is killed", async () => {
    const first = await startInstance(`file:${path}`, {});
    running.push(first);

    const second = await startInstance(`file:${path}`, {}).then(
      (i) => (running.push(i), "started"),
      (err: Error) => err.message,
    );
    expect(second).toBe(
      `instance exited with 1: Latchkey failed to start: another Latchkey server is using ${path}; run several instances on PostgreSQL (docs/SCALING.md)`,
    );
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);

    // The CLI takes no lock: it runs beside the server (but refuses to copy a file in use).
    const recovered = await cli("admin", "recover", "--email", "admin@multi.test", "--password", "Recovered-Beside-Server-77");
    expect(recovered.exit, recovered.stderr).toBe(0);
    const backup = await cli("backup", join(dir, "backup.db"), "--without-secret");
    expect(backup.exit, backup.stderr).toBe(0);
    const copy = await cli("db", "copy", "--from", path, "--to", "postgres://nobody@127.0.0.1:1/never");
    expect(copy.stderr).toBe(
      `latchkey: db copy refused: a Latchkey server is running on ${path}: stop it first, or what it writes during the copy is lost\n`,
    );

    first.child.kill("SIGKILL");
    await first.exited;
    const third = await startInstance(`file:${path}`, {});
    running.push(third);
    const signIn = await fetch(`${third.url}/api/trpc/auth.signIn`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ login: "admin@multi.test", password: "Recovered-Beside-Server-77" }),
    });
    expect(signIn.status).toBe(200);
  }, 120_000);
});
