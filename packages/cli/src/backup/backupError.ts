// What a backup reports, and the one error it throws (shown to the operator as it is).
import type { Dialect, SqliteCopy } from "@latchkey/db";

export class BackupError extends Error {
  override readonly name = "BackupError";
}

/** What a copy holds; PostgreSQL's dump reports the same as SQLite's copy. */
export interface DatabaseCopy extends SqliteCopy {
  dialect: Dialect;
}
