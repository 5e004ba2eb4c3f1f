// A consistent copy of a live SQLite database: VACUUM INTO reads one snapshot (a read
// transaction, which in WAL mode never blocks the server's writers, nor is blocked by them) and
// writes it as a fresh, compact file. The online backup API would restart its page copy whenever
// another process writes, so under steady writes it might never finish. The source is opened
// read-only and never migrated: a backup must not change what it copies.
import { writeFileSync } from "node:fs";
import Database from "better-sqlite3";
import type { SchemaStatus } from "../schemaStatus";
import { sqliteSchemaStatus } from "./migrateSqlite";

export interface SqliteCopy {
  schema: SchemaStatus;
  /** Rows worth showing the operator. */
  counts: { organizations: number; employees: number; auditEvents: number };
}

const COUNTED: Record<keyof SqliteCopy["counts"], string> = {
  organizations: "SELECT count(*) AS n FROM organizations WHERE system = 0",
  employees: "SELECT count(*) AS n FROM employees WHERE instance_admin = 0",
  auditEvents: "SELECT count(*) AS n FROM audit_events",
};

/** Copies the database file `source` into `target` (a new file), then checks the copy. */
export function backupSqlite(source: string, target: string): SqliteCopy {
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 10000");
    // Created empty and owner-only first: SQLite keeps the mode of the file it writes into.
    writeFileSync(target, "", { mode: 0o600, flag: "wx" });
    db.prepare("VACUUM INTO ?").run(target);
  } finally {
    db.close();
  }
  return checkCopy(target);
}

/** The copy stands alone (one file, no -wal), passes SQLite's integrity check, and says what it holds. */
function checkCopy(path: string): SqliteCopy {
  const copy = new Database(path, { fileMustExist: true });
  try {
    copy.pragma("journal_mode = DELETE");
    const integrity = copy.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") throw new Error(`the copy failed SQLite's integrity check: ${String(integrity)}`);
    const counts = Object.fromEntries(
      Object.entries(COUNTED).map(([name, query]) => [name, (copy.prepare(query).get() as { n: number }).n]),
    ) as SqliteCopy["counts"];
    return { schema: sqliteSchemaStatus(copy), counts };
  } finally {
    copy.close();
  }
}
