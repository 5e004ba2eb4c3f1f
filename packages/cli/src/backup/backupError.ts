// What a backup reports, and the one error it throws (shown to the operator as it is).
import type { SqliteCopy } from "@latchkey/db";

export class BackupError extends Error {
  override readonly name = "BackupError";
}

export interface DatabaseCopy extends SqliteCopy {
  dialect: "sqlite";
}
