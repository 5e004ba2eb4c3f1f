// Upgrades: a database an earlier release wrote migrates to the current schema, keeps every
// record, and works: its API token, its passwords, its audit log and its outbox.
//
// An "earlier release" is rebuilt from the committed migrations themselves: the first k of them
// (for every k short of all), then the rows below, written in SQL against the first migration's
// tables and frozen like a fixture file. The hashes are literals made by that release, so a
// change to how tokens or passwords are checked that would strand existing installations fails
// here. Text rather than a binary .db fixture: it stays reviewable, and each new migration is
// tested against data written before it without anyone regenerating a file. On the dialect the
// suites run on (LATCHKEY_TEST_DATABASE): SQLite's migrations, or PostgreSQL's. That the committed
// migration files themselves never change is packages/db/test/committedMigrations.test.ts.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import Sqlite from "better-sqlite3";
import { readJournal, SchemaTooNewError, sqliteSchemaStatus } from "@latchkey/db";
import { createScratchDatabase, migrationsFolder, testDialect, writeEarlierRelease, type ScratchDatabase } from "@latchkey/db/testing";
import { loadConfig } from "../src/config";
import { createContext } from "../src/context";
import { deliverDueMessages } from "../src/lib/delivery/deliverDueMessages";
import { ManualClock } from "../src/lib/clock";
import { createLogger } from "../src/lib/logger";
import { createCaller } from "../src/root";
import { createServices } from "../src/services";

const dir = mkdtempSync(join(tmpdir(), "latchkey-upgrade-"));
const scratches: ScratchDatabase[] = [];
afterAll(async () => {
  for (const scratch of scratches) await scratch.drop();
  rmSync(dir, { recursive: true, force: true });
});
const MIGRATIONS_FOLDER = migrationsFolder(testDialect());

// A secret the server accepts (a weak one stops the start); the token's secret_hash below is its HMAC.
const SECRET = "upgrade-Secret-5NqWx8LmZt2vRk9pHs4bYc6dFg7j";
const ORG = "0d6c3a0e-5b1f-4c2a-9e7d-3f8a1b2c4d5e";
const OWNER_PASSWORD = "Harbor-Lantern-Old-77";
const TOKEN = `lk_oldrelease01_${"Q".repeat(43)}`;
const DAY1 = Date.UTC(2026, 10, 20, 9, 0, 0);
const DAY2 = Date.UTC(2026, 10, 21, 9, 0, 0);

/**
 * What an installation of the first release held; written against 0000_init's tables only, in SQL
 * both dialects read (ids left to the database, as the release's inserts did).
 */
const OLD_RELEASE_DATA = `
INSERT INTO organizations (guid, alias, name, created_at, updated_at) VALUES ('${ORG}', 'oldco', 'Old Co', ${DAY1}, ${DAY1});
INSERT INTO employees (guid, org_guid, email, phone, display_name, search_text, role, password_hash, password_changed_at, created_at, updated_at)
  VALUES ('6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', '${ORG}', 'owner@oldco.test', NULL, 'Olga Owner', 'olga owner', 'owner',
          '$argon2id$v=19$m=19456,t=2,p=1$37g15K2f0IMNCN9vBEyZEA$7WT33fXfWeKSRZLSIWd1uVetk1Yl2WdJwVjMhYDI4Gw', ${DAY1}, ${DAY1}, ${DAY1}),
         ('7b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e', '${ORG}', 'zoe@oldco.test', '+79160000301', 'Zoë Quinn', 'zoë quinn', 'employee',
          NULL, NULL, ${DAY1}, ${DAY1});
INSERT INTO password_history (employee_id, password_hash, created_at)
  VALUES ((SELECT id FROM employees WHERE email = 'owner@oldco.test'), '$argon2id$v=19$m=19456,t=2,p=1$37g15K2f0IMNCN9vBEyZEA$7WT33fXfWeKSRZLSIWd1uVetk1Yl2WdJwVjMhYDI4Gw', ${DAY1});
INSERT INTO api_tokens (id, org_guid, employee_id, name, prefix, secret_hash, scopes, created_at)
  VALUES ('0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f', '${ORG}', NULL, 'Old service', 'oldrelease01', '_l2OHoFFRbAY4j9Diju2JbIX3QsSFv9AKSnAONoui28', '["admin"]', ${DAY1});
INSERT INTO audit_events (org_guid, actor_type, actor_id, action, target_type, target_id, outcome, created_at) VALUES
  ('${ORG}', 'system', NULL, 'organization.create', 'organization', '${ORG}', 'success', ${DAY1}),
  ('${ORG}', 'employee', '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', 'employee.create', 'employee', '7b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e', 'success', ${DAY1 + 1000}),
  ('${ORG}', 'anonymous', NULL, 'auth.sign_in', 'employee', NULL, 'failure', ${DAY1 + 2000}),
  ('${ORG}', 'service', NULL, 'employee.reset_password', 'employee', '7b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e', 'success', ${DAY2});
INSERT INTO outbox_messages (org_guid, employee_id, channel, recipient, body, kind, next_attempt_at, created_at)
  VALUES ('${ORG}', (SELECT id FROM employees WHERE email = 'zoe@oldco.test'), 'sms', '+79160000301', 'Latchkey code: 48151623', 'reset_code', ${DAY2}, ${DAY2});
`;

const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as {
  entries: { tag: string }[];
};

/** A copy of the migrations folder that ends after the first `k` migrations: an earlier release's. */
function releaseWith(k: number): string {
  const folder = join(dir, `migrations-${k}`);
  mkdirSync(join(folder, "meta"), { recursive: true });
  for (const { tag } of journal.entries.slice(0, k)) cpSync(join(MIGRATIONS_FOLDER, `${tag}.sql`), join(folder, `${tag}.sql`));
  writeFileSync(join(folder, "meta", "_journal.json"), JSON.stringify({ ...journal, entries: journal.entries.slice(0, k) }));
  return folder;
}

/** The database that release left behind: its DATABASE_URL. */
async function oldDatabase(k: number): Promise<string> {
  const scratch = await createScratchDatabase(testDialect(), `upgrade-${k}`);
  scratches.push(scratch);
  expect((await writeEarlierRelease(scratch.url, releaseWith(k), OLD_RELEASE_DATA)).state).toBe("current");
  return scratch.url;
}

async function open(databaseUrl: string) {
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    LATCHKEY_SECRET: SECRET,
    LATCHKEY_HASH_MEMORY_KIB: "8192",
    LATCHKEY_HASH_ITERATIONS: "1",
  });
  const clock = new ManualClock(Date.UTC(2026, 10, 23, 12, 0, 0));
  return await createServices(config, { clock, log: createLogger("silent"), groupCommit: true });
}

/**
 * How many migrations the first release had. PostgreSQL's first one already came with its search
 * index and audit counters (0001, committed with 0000), so no database ever stopped at 0000 alone.
 */
const FIRST_RELEASE = testDialect() === "postgres" ? 2 : 1;
const earlierReleases = journal.entries.map((_, i) => i).filter((k) => k >= FIRST_RELEASE);

describe.each(earlierReleases)("a database written with the first %i migrations", (k) => {
  it("migrates at start and keeps working: token, passwords, search, audit counts and ranges, outbox", async () => {
    const services = await open(await oldDatabase(k));
    try {
      expect((await services.database.schemaStatus()).state).toBe("current");
      const meta = () => ({ ip: "127.0.0.1", requestId: services.random.uuid() });
      const service = createCaller(await createContext({ services, meta: meta(), authorization: `Bearer ${TOKEN}` }));

      const all = await service.employees.list({});
      expect(all.items.map((e) => e.displayName).sort()).toEqual(["Olga Owner", "Zoë Quinn"]);
      expect((await service.employees.list({ search: "quinn" })).items.map((e) => e.email)).toEqual(["zoe@oldco.test"]);
      expect((await service.employees.list({ search: "160000301" })).items.map((e) => e.email)).toEqual(["zoe@oldco.test"]);

      const days = await service.audit.dailyCounts({ days: 4 });
      expect(days.map((d) => [d.date, d.success, d.failure])).toEqual([
        ["2026-11-20", 2, 1],
        ["2026-11-21", 1, 0],
        ["2026-11-22", 0, 0],
        ["2026-11-23", 0, 0],
      ]);
      const day1 = await service.audit.list({ from: "2026-11-20", to: "2026-11-20" });
      expect(day1.items.map((e) => e.action).sort()).toEqual(["auth.sign_in", "employee.create", "organization.create"]);
      // A filtered range finds its ids through the day counters' id spans (0004).
      const created = await service.audit.list({ from: "2026-11-20", to: "2026-11-21", action: "employee.create" });
      expect(created.items.map((e) => e.targetId)).toEqual(["7b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e"]);

      const anonymous = createCaller(await createContext({ services, meta: meta() }));
      const signedIn = await anonymous.auth.signIn({ login: "owner@oldco.test", password: OWNER_PASSWORD });
      expect(signedIn).toMatchObject({ employee: { email: "owner@oldco.test" } });

      expect(await deliverDueMessages(services)).toMatchObject({ claimed: 1, sent: 1 });
    } finally {
      await services.database.close();
    }
  });
});

// On SQLite whichever dialect the suites run on (packages/db/test/conformance.test.ts refuses a
// newer database on both): the line is checked here, word for word.
describe("a database a newer version migrated", () => {
  const sqliteJournal = readJournal(migrationsFolder("sqlite"));
  it("is refused with a line that says what happened and what to do, and left as it was", async () => {
    const path = join(dir, "newer.db");
    const current = await open(`file:${path}`);
    await current.database.close();
    const raw = new Sqlite(path);
    raw.prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('newer', 4102444800000)").run();
    raw.close();
    let error: unknown;
    try {
      await open(`file:${path}`);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(SchemaTooNewError);
    expect((error as Error).message).toBe(
      `the database was migrated by a newer version of Latchkey (${sqliteJournal.length + 1} migrations applied; this version knows ` +
        `${sqliteJournal.length}, up to ${sqliteJournal.at(-1)!.tag}). Run the newer version, or restore the backup taken before the upgrade.`,
    );
    const check = new Sqlite(path, { readonly: true });
    expect(sqliteSchemaStatus(check).state).toBe("ahead");
    check.close();
  });
});
