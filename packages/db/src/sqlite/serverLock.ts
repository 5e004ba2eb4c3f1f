// One server process per SQLite file. The server keeps each event-loop turn's writes in one open
// transaction (group commit), so a second server on the same file would stall behind it and time
// out its requests: it is refused at start instead. The lock is an exclusive SQLite lock held on a
// sidecar database, `<db>.lock`, for the life of the process. SQLite locks with fcntl, which the
// kernel drops when the process ends however it ends (kill -9 included), so a crash never leaves
// a stale lock behind the way a PID file would. The CLI never takes it, so its commands (backup,
// admin recover, token create, demo seed) run beside the server.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import BetterSqlite from "better-sqlite3";

/** Another server process holds the file: the one line its second start prints. */
class DatabaseInUseError extends Error {
  override readonly name = "DatabaseInUseError";
  constructor(readonly path: string) {
    super(`another Latchkey server is using ${path}; run several instances on PostgreSQL (docs/SCALING.md)`);
  }
}

/** Held for the life of the process: a collected connection would close and drop its lock. */
const held = new Map<string, BetterSqlite.Database>();

const lockPathOf = (path: string) => `${path}.lock`;

function isBusy(err: unknown): boolean {
  return /^SQLITE_(BUSY|LOCKED)/.test((err as { code?: string }).code ?? "");
}

/** Takes the server's lock on the SQLite file at `path`, or throws DatabaseInUseError. */
export function lockSqliteForServer(path: string): void {
  if (held.has(path)) return;
  mkdirSync(dirname(path), { recursive: true });
  // No waiting: the kernel drops the lock as the holder exits, before its supervisor (systemd,
  // tsx watch) hears of the exit and starts the next one.
  const conn = new BetterSqlite(lockPathOf(path), { timeout: 0 });
  try {
    // Nothing is ever written: no journal file beside it.
    conn.pragma("journal_mode = MEMORY");
    // Never released until the process ends: no other connection can read or write the sidecar.
    conn.exec("BEGIN EXCLUSIVE");
  } catch (err) {
    conn.close();
    if (isBusy(err)) throw new DatabaseInUseError(path);
    throw err;
  }
  held.set(path, conn);
}

/** Whether a server process holds the file's lock now (`db copy` refuses to read a file in use). */
export function sqliteServerRunning(path: string): boolean {
  let conn: BetterSqlite.Database;
  try {
    conn = new BetterSqlite(lockPathOf(path), { readonly: true, fileMustExist: true, timeout: 0 });
  } catch {
    return false; // no sidecar: no server has run on this file since the lock existed
  }
  try {
    conn.prepare("SELECT count(*) FROM sqlite_master").get();
    return false;
  } catch (err) {
    if (isBusy(err)) return true;
    throw err;
  } finally {
    conn.close();
  }
}
