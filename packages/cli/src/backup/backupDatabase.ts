// `latchkey backup <file>`: a consistent copy of the configured database, taken while the server
// runs, plus the secret its codes, sessions and tokens are keyed with (without it a restored
// database accepts none of them). Each dialect has its own way to copy; the rest is shared: the
// copy is written beside the target under a temporary name, checked, fsync'd, then renamed into
// place, so a crash or a failed check never leaves a half-written file under the final name.
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { AppConfig } from "@latchkey/api";
import { backupPostgres, backupSqlite, parseDatabaseUrl, redactedUrl } from "@latchkey/db";
import { BackupError, type DatabaseCopy } from "./backupError";

export interface BackupOptions {
  /** Replace an existing backup of that name. */
  force: boolean;
  /** Leave the secret out (it is kept elsewhere: a secrets manager, the service's environment). */
  withoutSecret: boolean;
}

export interface BackupResult {
  database: DatabaseCopy & { path: string; bytes: number; source: string };
  /** Where the secret went, and where it came from; null with withoutSecret. */
  secret: { path: string; from: "LATCHKEY_SECRET" | "latchkey.secret" } | null;
}

interface Copier {
  /** What is copied, for the messages: the file, or the server and database. */
  source: string;
  /** Writes a consistent copy to `partial` (a new file) and checks it. */
  copy(partial: string): Promise<DatabaseCopy>;
}

/** One copier per kind of DATABASE_URL: SQLite's VACUUM INTO, or pg_dump. */
function copierFor(config: AppConfig, env: NodeJS.ProcessEnv): Copier {
  const target = parseDatabaseUrl(config.DATABASE_URL);
  if (target.dialect === "postgres")
    return {
      source: redactedUrl(target.url),
      copy: async (partial) => ({ dialect: "postgres", ...(await backupPostgres(target.url, partial, env)) }),
    };
  const source = target.path;
  return {
    source,
    copy: (partial) => {
      if (!existsSync(source)) throw new BackupError(`there is no database at ${source}`);
      return Promise.resolve({ dialect: "sqlite", ...backupSqlite(source, partial) });
    },
  };
}

function fsyncPath(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes `content` to `path` (owner-only) and makes it durable, through a temporary name. */
function writeDurably(path: string, content: string): void {
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  writeFileSync(partial, content, { mode: 0o600, flag: "wx" });
  fsyncPath(partial);
  renameSync(partial, path);
}

/** `env` is where pg_dump is looked for (PATH) and runs from (HOME: ~/.pgpass). */
export async function backupDatabase(
  config: AppConfig,
  file: string,
  options: BackupOptions,
  env: NodeJS.ProcessEnv,
): Promise<BackupResult> {
  const target = resolve(file);
  const secretPath = `${target}.secret`;
  const copier = copierFor(config, env);
  if (copier.source === target) throw new BackupError("the backup would overwrite the database itself");
  for (const path of options.withoutSecret ? [target] : [target, secretPath])
    if (existsSync(path) && !options.force) throw new BackupError(`${path} already exists (--force replaces it)`);
  if (!existsSync(dirname(target))) throw new BackupError(`the directory ${dirname(target)} does not exist`);

  const partial = `${target}.partial`;
  rmSync(partial, { force: true }); // left by a run that crashed
  let copied: DatabaseCopy;
  try {
    try {
      copied = await copier.copy(partial);
    } catch (err) {
      // The database's own words (disk full, not a database, pg_dump's error) are what the operator needs to hear.
      throw err instanceof BackupError ? err : new BackupError((err as Error).message);
    }
    fsyncPath(partial);
    renameSync(partial, target);
  } finally {
    rmSync(partial, { force: true });
  }
  let secret: BackupResult["secret"] = null;
  if (!options.withoutSecret) {
    writeDurably(secretPath, `${config.secret.toString("utf8")}\n`);
    secret = { path: secretPath, from: config.LATCHKEY_SECRET ? "LATCHKEY_SECRET" : "latchkey.secret" };
  }
  fsyncPath(dirname(target));
  return { database: { ...copied, path: target, source: copier.source, bytes: statSync(target).size }, secret };
}
