// Whether a database carries the schema this version expects. Both dialects' migrators keep
// drizzle's bookkeeping (one row per applied migration, created_at = the migration's journal
// `when`), so "newer" is decided the same way: drizzle applies every migration newer than the
// newest applied one.
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface SchemaStatus {
  /** current: every known migration applied; behind: some to apply; ahead: applied by a newer version. */
  state: "empty" | "behind" | "current" | "ahead";
  applied: number;
  known: number;
  /** The newest migration this version knows, e.g. "0004_audit_daily_id_bounds". */
  newestKnown: string;
}

interface JournalEntry {
  tag: string;
  when: number;
}

const journals = new Map<string, JournalEntry[]>();

/** The migrations a folder holds; read once (readiness checks ask often, the files never change under a running process). */
export function readJournal(migrationsFolder: string): JournalEntry[] {
  let entries = journals.get(migrationsFolder);
  if (!entries) {
    entries = (JSON.parse(readFileSync(join(migrationsFolder, "meta", "_journal.json"), "utf8")) as { entries: JournalEntry[] }).entries;
    journals.set(migrationsFolder, entries);
  }
  return entries;
}

/** `applied` rows, the newest of them created at `last` (null: the bookkeeping table is missing or empty). */
export function statusOf(migrationsFolder: string, applied: number, last: number | null): SchemaStatus {
  const journal = readJournal(migrationsFolder);
  const newest = journal.at(-1);
  const base = { applied, known: journal.length, newestKnown: newest?.tag ?? "none" };
  if (last === null) return { state: "empty", ...base, applied: 0 };
  const state = newest && last < newest.when ? "behind" : newest && last > newest.when ? "ahead" : "current";
  return { state, ...base };
}

/** The database was migrated by a newer Latchkey: this version must not run on it. */
export class SchemaTooNewError extends Error {
  override readonly name = "SchemaTooNewError";
  constructor(status: SchemaStatus) {
    super(
      `the database was migrated by a newer version of Latchkey (${status.applied} migrations applied; this version knows ` +
        `${status.known}, up to ${status.newestKnown}). Run the newer version, or restore the backup taken before the upgrade.`,
    );
  }
}
