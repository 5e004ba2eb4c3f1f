// Migrations 0003-0004: the per-day counters (and their id spans) are backfilled from an existing
// log, then kept by triggers on every insert (and delete) into audit_events, whoever writes.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER, migrate, openDatabase } from "../src";

const dir = mkdtempSync(join(tmpdir(), "latchkey-daily-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DAY = 86_400_000;

/** A copy of the migrations folder that stops before `tag`: an installation not yet upgraded. */
function migrationsBefore(tag: string): string {
  const folder = join(dir, `before-${tag}`);
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = join(folder, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag === tag);
  expect(at).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

type Sqlite = ReturnType<typeof openDatabase>["sqlite"];

function logEvent(sqlite: Sqlite, org: string | null, action: string, outcome: string, createdAt: number): void {
  sqlite
    .prepare("INSERT INTO audit_events (org_guid, actor_type, action, outcome, created_at) VALUES (?, 'system', ?, ?, ?)")
    .run(org, action, outcome, createdAt);
}

interface Bucket {
  org_guid: string;
  day: number;
  action: string;
  outcome: string;
  count: number;
  min_id: number;
  max_id: number;
}

/** The counters, and the same numbers computed from the log itself. */
function countersAndTruth(sqlite: Sqlite) {
  const counters = sqlite
    .prepare("SELECT org_guid, day, action, outcome, count, min_id, max_id FROM audit_daily_counts ORDER BY 1, 2, 3, 4")
    .all() as Bucket[];
  const truth = sqlite
    .prepare(
      "SELECT org_guid, created_at / 86400000 AS day, action, outcome, count(*) AS count, min(id) AS min_id, max(id) AS max_id FROM audit_events WHERE org_guid IS NOT NULL GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4",
    )
    .all() as Bucket[];
  return { counters, truth };
}

describe("audit_daily_counts", () => {
  it("counts an existing log when the migration runs, then follows every insert and delete", () => {
    const d = openDatabase(`file:${join(dir, "upgrade.db")}`);
    migrate(d.db, migrationsBefore("0003_audit_daily_counts"));
    const t0 = 20_000 * DAY;
    // Before the upgrade: two orgs over three days, both outcomes, one event of no org, and
    // events on either side of a midnight.
    logEvent(d.sqlite, "org-a", "auth.sign_in", "success", t0 + 5);
    logEvent(d.sqlite, "org-a", "auth.sign_in", "failure", t0 + DAY - 1);
    logEvent(d.sqlite, "org-a", "auth.sign_in", "failure", t0 + DAY);
    logEvent(d.sqlite, "org-a", "employees.setPassword", "success", t0 + 2 * DAY + 7);
    logEvent(d.sqlite, "org-b", "auth.sign_in", "success", t0 + 5);
    logEvent(d.sqlite, null, "activation.activate", "failure", t0 + 5);

    migrate(d.db);
    const afterUpgrade = countersAndTruth(d.sqlite);
    expect(afterUpgrade.counters).toEqual(afterUpgrade.truth);
    expect(afterUpgrade.counters).toContainEqual({
      org_guid: "org-a",
      day: 20_000,
      action: "auth.sign_in",
      outcome: "failure",
      count: 1,
      min_id: 2,
      max_id: 2,
    });
    expect(afterUpgrade.counters).toHaveLength(5);

    logEvent(d.sqlite, "org-a", "auth.sign_in", "failure", t0 + DAY + 9);
    logEvent(d.sqlite, "org-b", "auth.sign_in", "success", t0 + 3 * DAY);
    logEvent(d.sqlite, null, "activation.activate", "failure", t0 + 3 * DAY);
    const afterInserts = countersAndTruth(d.sqlite);
    expect(afterInserts.counters).toEqual(afterInserts.truth);
    expect(afterInserts.counters).toContainEqual({
      org_guid: "org-a",
      day: 20_001,
      action: "auth.sign_in",
      outcome: "failure",
      count: 2,
      min_id: 3,
      max_id: 7,
    });

    d.sqlite.prepare("DELETE FROM audit_events WHERE org_guid = 'org-b' OR created_at < ?").run(t0 + DAY + 5);
    const afterDeletes = countersAndTruth(d.sqlite);
    // Counts follow deletes exactly; id spans may stay wider, never narrower.
    const strip = (b: Bucket) => ({ org_guid: b.org_guid, day: b.day, action: b.action, outcome: b.outcome, count: b.count });
    expect(afterDeletes.counters.map(strip)).toEqual(afterDeletes.truth.map(strip));
    afterDeletes.truth.forEach((t, i) => {
      expect(afterDeletes.counters[i]!.min_id).toBeLessThanOrEqual(t.min_id);
      expect(afterDeletes.counters[i]!.max_id).toBeGreaterThanOrEqual(t.max_id);
    });
    expect(afterDeletes.counters.some((r) => (r as { org_guid: string }).org_guid === "org-b")).toBe(false);
    d.close();
  });

  it("rolls back with the transaction that inserted the event", () => {
    const d = openDatabase(`file:${join(dir, "rollback.db")}`);
    migrate(d.db);
    const insertThenFail = d.sqlite.transaction(() => {
      logEvent(d.sqlite, "org-a", "auth.sign_in", "success", 5);
      throw new Error("the operation failed");
    });
    expect(() => insertThenFail()).toThrow("the operation failed");
    expect(d.sqlite.prepare("SELECT count(*) AS c FROM audit_daily_counts").get()).toEqual({ c: 0 });
    d.close();
  });
});
