// `latchkey db copy`: a SQLite installation (the demo seed, bulk rows, codes, sessions, outbox
// messages, audit events) copied into a scratch PostgreSQL database. The copy holds the same
// rows, its sequences continue, search finds the same people, and the service runs on it with
// the same secret: a seeded password signs in, a seeded token answers, and an activation code
// issued on SQLite activates its workplace on PostgreSQL.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller, createContext, createLogger, createServices, createSystemContext, loadConfig, type Services } from "@latchkey/api";
import { asc, openDatabase, type Database, type Tables } from "@latchkey/db";
import { createScratchDatabase, type ScratchDatabase } from "@latchkey/db/testing";
import { runCliCaptured } from "../src/cli";
import { bulkSeed } from "../src/demo/bulkSeed";
import { seedDemo, type DemoSeed } from "../src/demo/seedDemo";

const SECRET = "dbcopy-test-Secret-4Kq8LmZx2vRk9pTn3bYc6dFg7jHs5N";
const FAST_HASH = { LATCHKEY_HASH_MEMORY_KIB: "8192", LATCHKEY_HASH_ITERATIONS: "1" };

let source: ScratchDatabase;
let target: ScratchDatabase;
let sourcePath: string;
let seed: DemoSeed;
let code: string;

const cli = (env: Record<string, string>, ...argv: string[]) =>
  runCliCaptured(argv, { LATCHKEY_SECRET: SECRET, DATABASE_URL: target.url, ...env });

async function servicesOn(url: string): Promise<Services> {
  return createServices(loadConfig({ DATABASE_URL: url, LATCHKEY_SECRET: SECRET, ...FAST_HASH }), { log: createLogger("silent") });
}

beforeAll(async () => {
  [source, target] = await Promise.all([createScratchDatabase("sqlite", "copysrc"), createScratchDatabase("postgres", "copydst")]);
  sourcePath = source.url.slice("file:".length);
  const services = await servicesOn(source.url);
  try {
    seed = await seedDemo(services);
    await bulkSeed(
      services,
      { orgGuid: seed.org.guid, suffix: "bulk", actorGuid: seed.admin.guid, employees: 40, auditEvents: 300 },
      () => ({ update: () => {}, done: () => {} }),
    );
    const org = createCaller(createSystemContext(services, { org: { guid: seed.org.guid } }));
    // A live activation code, a reset code with its outbox message, a session.
    code = (await org.workplaces.generateActivationCode({ guid: seed.workplaces[0]!.guid, employeeGuid: seed.employees[0]!.guid })).code;
    await org.employees.resetPassword({ guid: seed.employees[1]!.guid });
    const ctx = await createContext({
      services,
      meta: { ip: "127.0.0.1", requestId: "r1" },
      cookies: { setSession: () => {}, clearSession: () => {} },
    });
    await createCaller(ctx).auth.signIn({ login: seed.owner.email, password: seed.owner.password });
  } finally {
    await services.database.close();
  }
}, 60_000);

afterAll(async () => {
  await source?.drop();
  await target?.drop();
});

/** Every row of a table, in primary-key order, as the core reads them. */
async function rowsOf(database: Database, table: keyof Tables): Promise<unknown[]> {
  const t = database.tables[table] as unknown as Tables["organizations"];
  const rows = (await database.db
    .select()
    .from(t)
    .orderBy(...keyOf(table, t as unknown as Record<string, unknown>))) as Record<string, unknown>[];
  return rows.map(({ shard: _shard, ...rest }) => rest);
}

function keyOf(table: keyof Tables, t: Record<string, unknown>) {
  const names: Partial<Record<keyof Tables, string[]>> = {
    organizations: ["guid"],
    outlets: ["guid"],
    workplaces: ["guid"],
    sessions: ["id"],
    apiTokens: ["id"],
    rateLimits: ["key"],
    idempotencyRecords: ["scope", "key"],
    auditDailyCounts: ["orgGuid", "day", "action", "outcome"],
  };
  return (names[table] ?? ["id"]).map((n) => asc(t[n] as never));
}

describe("db copy", () => {
  it("copies every row into PostgreSQL, continues the sequences, and the service runs on the copy with the same secret", async () => {
    const password = "hunter2-not-printed";
    const to = new URL(target.url);
    to.password = password; // trust auth ignores it; the output must not show it
    const copied = await cli({}, "db", "copy", "--from", sourcePath, "--to", to.toString(), "--json");
    expect(copied.exit, copied.stderr).toBe(0);
    for (const text of [copied.stdout, copied.stderr]) {
      expect(text).not.toContain(password);
      expect(text).not.toContain(SECRET);
    }
    const report = JSON.parse(copied.stdout) as { rows: Record<keyof Tables, number>; nextIds: Record<string, number> };

    const from = await openDatabase(source.url, { migrate: false });
    const pg = await openDatabase(target.url);
    try {
      for (const table of Object.keys(from.tables) as (keyof Tables)[]) {
        const [a, b] = await Promise.all([rowsOf(from, table), rowsOf(pg, table)]);
        expect(b, table).toEqual(a);
        expect(report.rows[table], table).toBe(a.length);
      }
      expect(report.rows.employees).toBeGreaterThan(40);
      for (const table of ["activationCodes", "resetCodes", "sessions", "apiTokens", "outboxMessages", "auditEvents"] as const)
        expect(report.rows[table], table).toBeGreaterThan(0);

      // Search gives the same people on both (the PostgreSQL side through its own index).
      for (const term of ["ivan", "Smirnova", "@demo-bulk", "+7700000001", "zz-nobody"]) {
        const search = { orgGuid: seed.org.guid, where: [], term, afterId: null, limit: 100 };
        const ids = async (d: Database) => (await d.searchEmployees(d.db, search)).map((e) => e.id);
        expect(await ids(pg), term).toEqual(await ids(from));
      }
    } finally {
      await from.close();
      await pg.close();
    }

    const services = await servicesOn(target.url);
    try {
      const anonymous = () => createCaller(() => createContext({ services, meta: { ip: "127.0.0.1", requestId: services.random.uuid() } }));
      // The activation code issued on SQLite is keyed with the secret: it works on the copy.
      const activated = await anonymous().auth.activateWorkplace({ code });
      expect(activated.workplace.guid).toBe(seed.workplaces[0]!.guid);
      const ctx = await createContext({
        services,
        meta: { ip: "127.0.0.1", requestId: "r2" },
        cookies: { setSession: () => {}, clearSession: () => {} },
      });
      await createCaller(ctx).auth.signIn({ login: seed.admin.email, password: seed.admin.password });
      const asAdmin = createCaller(() =>
        createContext({
          services,
          meta: { ip: "127.0.0.1", requestId: services.random.uuid() },
          authorization: `Bearer ${seed.tokens.admin}`,
        }),
      );
      // A new row gets the id the sequence was set to, past every copied one.
      const created = await asAdmin.employees.create({ displayName: "After The Move", email: "after.move@demo.test" });
      expect(created.id).toBe(report.nextIds.employees);
      const events = await services.database.db.select().from(services.database.tables.auditEvents);
      expect(events.filter((e) => e.id >= report.nextIds.audit_events!).length).toBeGreaterThanOrEqual(3);
    } finally {
      await services.database.close();
    }
  }, 60_000);

  it("refuses a target that holds rows, a source that is behind or ahead, and a secret that is not the source's", async () => {
    const again = await cli({}, "db", "copy", "--from", sourcePath);
    expect(again.exit).toBe(1);
    expect(again.stderr).toMatch(/^latchkey: db copy refused: .* is not empty \(organizations: \d+/);
    expect(again.stderr.trim().split("\n")).toHaveLength(1);

    const empty = await createScratchDatabase("postgres", "copyempty");
    try {
      const schemaOf = (edit: string) => {
        const d = new Sqlite(sourcePath);
        d.exec(edit);
        d.close();
      };
      schemaOf(
        "UPDATE __drizzle_migrations SET created_at = created_at + 1 WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)",
      );
      const ahead = await cli({ DATABASE_URL: empty.url }, "db", "copy", "--from", sourcePath);
      expect(ahead.stderr).toMatch(/^latchkey: db copy refused: .* was migrated by a newer version of Latchkey/);
      schemaOf(
        "UPDATE __drizzle_migrations SET created_at = created_at - 2 WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)",
      );
      const behind = await cli({ DATABASE_URL: empty.url }, "db", "copy", "--from", sourcePath);
      expect(behind.stderr).toMatch(/^latchkey: db copy refused: .* migrations applied: start this version of Latchkey on it once/);
      schemaOf(
        "UPDATE __drizzle_migrations SET created_at = created_at + 1 WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)",
      );

      writeFileSync(join(source.dir, "latchkey.secret"), "another-Secret-9Xq2LmZx2vRk9pTn3bYc6dFg7jHs5N\n", { mode: 0o600 });
      const secret = await cli({ DATABASE_URL: empty.url }, "db", "copy", "--from", sourcePath);
      expect(secret.stderr).toMatch(/^latchkey: db copy refused: LATCHKEY_SECRET is not the secret of /);
      expect(secret.stderr).not.toContain("another-Secret");
      for (const r of [ahead, behind, secret]) {
        expect(r.exit).toBe(1);
        expect(r.stderr.trim().split("\n")).toHaveLength(1);
      }
    } finally {
      await empty.drop();
    }
  }, 60_000);
});
