// `latchkey backup <file>` against a running server under steady writes, then the documented
// restore: the copy is one consistent snapshot (every acknowledged write before it is in it, every
// record with its audit event, nothing torn), it passes SQLite's integrity check, and a server
// started on it with the backed-up secret accepts the tokens made before the backup.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import Sqlite from "better-sqlite3";
import { freePort, MAIN, ROOT, runProcess, startServerProcess, TSX, type TestServer } from "./support";

const dir = mkdtempSync(join(tmpdir(), "latchkey-backup-"));
const servers: (TestServer & { close(): Promise<void> })[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

/** No LATCHKEY_SECRET: the secret is generated into latchkey.secret, so the backup must carry it. */
function envFor(database: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? dir,
    DATABASE_URL: `file:${database}`,
    LATCHKEY_HASH_MEMORY_KIB: "8192",
    LATCHKEY_HASH_ITERATIONS: "1",
    LATCHKEY_RATE_LIMIT_PER_IP: "0",
    LATCHKEY_RATE_LIMIT_PER_TOKEN: "0",
    HOST: "127.0.0.1",
    LATCHKEY_WEB: "false",
  };
}

async function serve(database: string): Promise<TestServer> {
  const port = await freePort();
  const server = await startServerProcess({ cwd: ROOT, port, env: { ...envFor(database), PORT: String(port) } });
  servers.push(server);
  return server;
}

function rowsOf<T>(database: string, query: string): T[] {
  const d = new Sqlite(database, { readonly: true });
  try {
    return d.prepare(query).all() as T[];
  } finally {
    d.close();
  }
}

describe("backup under write load, and restore", () => {
  it("copies one consistent snapshot with its secret, and the restored copy serves the old tokens", async () => {
    const live = join(dir, "live", "latchkey.db");
    const seeded = await runProcess(TSX, [MAIN, "demo", "seed", "--json"], { cwd: ROOT, env: envFor(live) });
    expect(seeded.code, seeded.stderr).toBe(0);
    const seed = JSON.parse(seeded.stdout) as { org: { guid: string }; tokens: { admin: string } };
    const server = await serve(live);

    // Four writers creating outlets (each with its audit event) without pause.
    const acknowledged: string[] = [];
    let writing = true;
    let n = 0;
    const writer = async () => {
      while (writing) {
        const { status, body } = await server.mutate("outlets.create", seed.tokens.admin, { name: `Outlet ${++n}` });
        expect(status).toBe(200);
        acknowledged.push((body.result!.data as { guid: string }).guid);
      }
    };
    const writers = [writer(), writer(), writer(), writer()];
    while (acknowledged.length < 20) await new Promise((r) => setTimeout(r, 20));

    const before = new Set(acknowledged);
    const target = join(dir, "backups", "latchkey-backup.db");
    mkdirSync(join(dir, "backups"));
    const backedUp = await runProcess(TSX, [MAIN, "backup", target, "--json"], { cwd: ROOT, env: envFor(live) });
    const during = acknowledged.length;
    writing = false;
    await Promise.all(writers);
    expect(backedUp.code, backedUp.stderr).toBe(0);
    const report = JSON.parse(backedUp.stdout) as {
      database: { path: string; bytes: number; counts: { organizations: number; employees: number; auditEvents: number } };
      secret: { path: string; from: string };
    };
    expect(report.database.path).toBe(target);
    expect(report.secret).toEqual({ path: `${target}.secret`, from: "latchkey.secret" });
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(statSync(`${target}.secret`).mode & 0o777).toBe(0o600);

    // Restore as the operations guide says: the file where DATABASE_URL points, the secret beside it.
    const restored = join(dir, "restored", "latchkey.db");
    mkdirSync(join(dir, "restored"));
    copyFileSync(target, restored);
    copyFileSync(`${target}.secret`, join(dir, "restored", "latchkey.secret"));

    expect(rowsOf<{ integrity_check: string }>(restored, "PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
    const outlets = new Set(rowsOf<{ guid: string }>(restored, "SELECT guid FROM outlets").map((r) => r.guid));
    const audited = new Set(
      rowsOf<{ target_id: string }>(
        restored,
        "SELECT target_id FROM audit_events WHERE action = 'outlet.create' AND outcome = 'success'",
      ).map((r) => r.target_id),
    );
    // Every write acknowledged before the backup began is in it; writes acknowledged later are
    // there only up to one point in time (the writers went on while it ran: the copy is not the
    // end state); no record lacks its audit event, no audit event its record.
    for (const guid of before) expect(outlets.has(guid)).toBe(true);
    expect(during).toBeGreaterThan(before.size);
    expect(acknowledged.filter((g) => outlets.has(g)).length).toBeLessThan(acknowledged.length);
    expect([...outlets].filter((g) => !audited.has(g))).toEqual([]);
    expect([...audited].filter((g) => !outlets.has(g))).toEqual([]);
    expect(report.database.counts.auditEvents).toBe(rowsOf<{ n: number }>(restored, "SELECT count(*) AS n FROM audit_events")[0]!.n);

    const back = await serve(restored);
    const list = await back.query("organizations.current", seed.tokens.admin);
    expect(list).toMatchObject({ status: 200, body: { result: { data: { guid: seed.org.guid } } } });
    const first = [...before][0]!;
    expect((await back.query("outlets.get", seed.tokens.admin, { guid: first })).status).toBe(200);
  });

  it("refuses to overwrite a backup unless told to, can leave the secret out, and says what is wrong", async () => {
    const live = join(dir, "live", "latchkey.db");
    const target = join(dir, "backups", "second.db");
    const backup = (...args: string[]) => runProcess(TSX, [MAIN, "backup", ...args], { cwd: ROOT, env: envFor(live) });

    expect((await backup(target, "--without-secret")).code).toBe(0);
    expect(existsSync(`${target}.secret`)).toBe(false);
    expect(await backup(target)).toMatchObject({
      code: 1,
      stdout: "",
      stderr: `latchkey: backup failed: ${target} already exists (--force replaces it)\n`,
    });
    const forced = await backup(target, "--force", "--json");
    expect(forced.code, forced.stderr).toBe(0);
    expect(existsSync(`${target}.secret`)).toBe(true);
    expect(existsSync(`${target}.partial`)).toBe(false);

    expect(await backup(live, "--force")).toMatchObject({
      code: 1,
      stderr: "latchkey: backup failed: the backup would overwrite the database itself\n",
    });
    expect(await backup(join(dir, "nowhere", "x.db"))).toMatchObject({
      code: 1,
      stderr: `latchkey: backup failed: the directory ${join(dir, "nowhere")} does not exist\n`,
    });
    const usage = await backup();
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^latchkey: Missing <file>\.\n\nUsage: latchkey backup <file>/);
  });
});
