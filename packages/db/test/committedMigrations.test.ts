// Committed migrations never change: installations have applied them, and the upgrade tests
// rebuild "an earlier release" from today's files, so an edited migration would pass them while
// every real installation keeps the old one. committed-migrations.json holds a hash of every
// committed migration's SQL, snapshot and journal entry, for both dialects; this test fails when
// one changes or disappears, and when a migration is not recorded yet.
//
// Recording a new migration (never an edited one): `pnpm --filter @latchkey/db record-migrations`
// runs this file with LATCHKEY_RECORD_MIGRATIONS=1, which adds what is missing and still fails on
// anything changed or gone.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const PACKAGE = fileURLToPath(new URL("..", import.meta.url));
const RECORD = join(PACKAGE, "committed-migrations.json");
const FOLDERS = ["drizzle", "drizzle-postgres"];
const RECORDING = process.env.LATCHKEY_RECORD_MIGRATIONS === "1";

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/**
 * What the folders hold now, as record keys and hashes. The SQL is hashed byte for byte (drizzle
 * stores that hash in the database); snapshots as parsed JSON, so formatting them is no change;
 * a journal entry as its JSON (its `when` decides what a database still needs).
 */
function currentHashes(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const folder of FOLDERS) {
    const journalFile = join(PACKAGE, folder, "meta", "_journal.json");
    const entries = (JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { idx: number; tag: string }[] }).entries;
    for (const entry of entries) {
      const sql = join(folder, `${entry.tag}.sql`);
      const snapshot = join(folder, "meta", `${String(entry.idx).padStart(4, "0")}_snapshot.json`);
      if (existsSync(join(PACKAGE, sql))) out[sql] = sha256(readFileSync(join(PACKAGE, sql), "utf8"));
      if (existsSync(join(PACKAGE, snapshot)))
        out[snapshot] = sha256(JSON.stringify(JSON.parse(readFileSync(join(PACKAGE, snapshot), "utf8"))));
      out[`${folder}/meta/_journal.json#${entry.tag}`] = sha256(JSON.stringify(entry));
    }
  }
  return out;
}

describe("committed migrations", () => {
  it("are all recorded, and none changed or disappeared since", () => {
    const recorded = JSON.parse(readFileSync(RECORD, "utf8")) as Record<string, string>;
    const current = currentHashes();
    const changed = Object.keys(recorded).filter((key) => key in current && current[key] !== recorded[key]);
    const gone = Object.keys(recorded).filter((key) => !(key in current));
    const added = Object.keys(current).filter((key) => !(key in recorded));
    if (RECORDING && added.length) {
      for (const key of added) recorded[key] = current[key]!;
      writeFileSync(RECORD, `${JSON.stringify(recorded, null, 2)}\n`);
    }
    expect({ changed, gone }, "a committed migration is never edited or removed: add a new one instead").toEqual({ changed: [], gone: [] });
    expect(
      RECORDING ? [] : added,
      "new migrations to record (after reading their SQL): pnpm --filter @latchkey/db record-migrations",
    ).toEqual([]);
  });
});
