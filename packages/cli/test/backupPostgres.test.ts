// `latchkey backup <file>` on PostgreSQL: pg_dump's custom format of a scratch database with its
// secret beside it, restored as docs/OPERATIONS.md says (pg_restore into an empty database): the
// restored database holds the same rows and serves the tokens made before the backup.
import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller, createContext, createLogger, createServices, createSystemContext, loadConfig, type Services } from "@latchkey/api";
import { openDatabase, sql } from "@latchkey/db";
import { createScratchDatabase, type ScratchDatabase } from "@latchkey/db/testing";
import { runCliCaptured } from "../src/cli";

const SECRET = "pgbackup-test-Secret-5Kq8LmZx2vRk9pTn3bYc6dFg7jHs5N";
const FAST_HASH = { LATCHKEY_HASH_MEMORY_KIB: "8192", LATCHKEY_HASH_ITERATIONS: "1" };

let live: ScratchDatabase;
let restored: ScratchDatabase;
let token: string;

async function servicesOn(url: string): Promise<Services> {
  return createServices(loadConfig({ DATABASE_URL: url, LATCHKEY_SECRET: SECRET, ...FAST_HASH }), { log: createLogger("silent") });
}

const cli = (env: Record<string, string>, ...argv: string[]) =>
  runCliCaptured(argv, { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/", LATCHKEY_SECRET: SECRET, ...env });

async function countsOf(url: string): Promise<Record<string, number>> {
  const d = await openDatabase(url, { migrate: false });
  try {
    const counts: Record<string, number> = {};
    const tables = await d.rows<{ schema: string; name: string }>(
      d.db,
      sql`SELECT schemaname AS schema, tablename AS name FROM pg_tables WHERE schemaname IN ('public', 'drizzle')`,
    );
    expect(tables.length).toBeGreaterThan(10);
    for (const { schema, name } of tables) {
      const [row] = await d.rows<{ n: number }>(d.db, sql`SELECT count(*) AS n FROM ${sql.identifier(schema)}.${sql.identifier(name)}`);
      counts[name] = Number(row!.n);
    }
    return counts;
  } finally {
    await d.close();
  }
}

beforeAll(async () => {
  [live, restored] = await Promise.all([createScratchDatabase("postgres", "pgbackup"), createScratchDatabase("postgres", "pgrestore")]);
  const services = await servicesOn(live.url);
  try {
    const created = await createCaller(createSystemContext(services)).organizations.create({
      name: "Backed Up",
      alias: "backed-up",
      owner: { displayName: "Owner", email: "owner@backed-up.test" },
    });
    const org = createCaller(createSystemContext(services, { org: { guid: created.organization.guid } }));
    await org.outlets.create({ name: "Shop 1" });
    token = (await org.tokens.create({ name: "service", scopes: ["admin"] })).token;
  } finally {
    await services.database.close();
  }
}, 60_000);

afterAll(async () => {
  await live?.drop();
  await restored?.drop();
});

describe("backup on PostgreSQL", () => {
  it("writes pg_dump's custom format and the secret; pg_restore into an empty database gives the same rows and tokens", async () => {
    const password = "not-on-any-command-line";
    const url = new URL(live.url);
    url.password = password; // trust auth ignores it; it must reach pg_dump only through PGPASSWORD
    const file = join(live.dir, "latchkey.dump");
    const r = await cli({ DATABASE_URL: url.toString() }, "backup", file, "--json");
    expect(r.exit, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(password);
    const report = JSON.parse(r.stdout) as {
      database: { dialect: string; source: string; counts: { organizations: number; auditEvents: number }; schema: { state: string } };
      secret: { path: string; from: string };
    };
    expect(report.database).toMatchObject({ dialect: "postgres", counts: { organizations: 1 }, schema: { state: "current" } });
    expect(report.database.source).toContain("***");
    expect(report.secret).toEqual({ path: `${file}.secret`, from: "LATCHKEY_SECRET" });
    expect(readFileSync(`${file}.secret`, "utf8")).toBe(`${SECRET}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file).subarray(0, 5).toString("latin1")).toBe("PGDMP"); // the custom format's magic

    // The documented restore: pg_restore into an empty database.
    execFileSync("pg_restore", ["--no-owner", "--exit-on-error", "--single-transaction", `--dbname=${restored.url}`, file]);
    const [before, after] = await Promise.all([countsOf(live.url), countsOf(restored.url)]);
    expect(after).toEqual(before);
    expect(after.audit_events).toBe(report.database.counts.auditEvents);

    const services = await servicesOn(restored.url);
    try {
      expect((await services.database.schemaStatus()).state).toBe("current");
      const asService = createCaller(() =>
        createContext({ services, meta: { ip: "127.0.0.1", requestId: services.random.uuid() }, authorization: `Bearer ${token}` }),
      );
      expect((await asService.outlets.list({})).items.map((o) => o.name)).toEqual(["Shop 1"]);
    } finally {
      await services.database.close();
    }
  }, 60_000);

  it("without pg_dump on PATH, says what to install and writes nothing", async () => {
    const file = join(live.dir, "nothing.dump");
    const r = await cli({ DATABASE_URL: live.url, PATH: "/nonexistent" }, "backup", file);
    expect(r.exit).toBe(1);
    expect(r.stderr).toMatch(/^latchkey: backup failed: pg_dump is not installed .*apt-get install postgresql-client/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(() => statSync(file)).toThrow();
  });
});
