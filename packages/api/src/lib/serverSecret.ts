// The server secret: the key of every HMAC (codes, sessions, API tokens, password salts) and of
// the idempotency store's encryption. From LATCHKEY_SECRET, or from `latchkey.secret` beside the
// database, created once. A weak one would let a copy of the database give up live codes offline,
// so a weak one stops the start.
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { sqlitePathOf } from "@latchkey/db";

/** The file a SQLite installation keeps its secret in when LATCHKEY_SECRET is not set, beside the database. */
export const SECRET_FILE = "latchkey.secret";

/** What is accepted, said once, as the one line a refusal prints. */
export const SECRET_RULE =
  "must be at least 32 bytes of random data: 64+ hex digits, 43+ base64 characters or 32+ bytes of other text, with at least 10 different characters and no repeated pattern (generate one with `openssl rand -base64 32`)";

/** True when `s` is made of a shorter run repeated (aaaa, abab…, 0123456789 0123456789…). */
function repeats(s: string): boolean {
  for (let p = 1; p <= s.length / 2; p++) {
    let i = p;
    while (i < s.length && s[i] === s[i - p]) i++;
    if (i === s.length) return true;
  }
  return false;
}

/** Whether a secret meets SECRET_RULE. Hex carries 4 bits a character, base64 6, other text is counted in bytes. */
export function isStrongSecret(s: string): boolean {
  const chars = [...s];
  if (new Set(chars).size < 10 || repeats(s)) return false;
  if (/^[0-9a-fA-F]+$/.test(s)) return s.length >= 64;
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(s)) return s.replace(/=+$/, "").length >= 43;
  return Buffer.byteLength(s, "utf8") >= 32;
}

/**
 * Writes a fresh secret so that no reader ever sees a partial file, and of several processes
 * starting at once exactly one creates it: a private temp file, written and fsynced, then linked
 * to the final name (link fails if the name exists, like O_EXCL), then the directory fsynced.
 * A loser of the race reads the winner's file.
 */
function createSecretFile(file: string): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${SECRET_FILE}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  const fd = openSync(tmp, "wx", 0o600);
  try {
    writeSync(fd, `${randomBytes(32).toString("base64url")}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  } finally {
    unlinkSync(tmp);
  }
  const dirFd = openSync(dir, "r");
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}

export type ResolvedSecret = { secret: Buffer } | { problem: string };

/** The secret file of the database DATABASE_URL names; null for PostgreSQL, which keeps no file. */
export function secretFileOf(databaseUrl: string): string | null {
  const dbPath = sqlitePathOf(databaseUrl);
  return dbPath === null ? null : join(dirname(dbPath), SECRET_FILE);
}

/**
 * The secret in an existing file, or the one line saying why it cannot be used: it must be
 * strong and private (not readable or writable by group or others, like an SSH key).
 */
export function readSecretFile(file: string): ResolvedSecret {
  let mode: number;
  let text: string;
  try {
    mode = statSync(file).mode & 0o777;
    text = readFileSync(file, "utf8").trim();
  } catch (err) {
    // Most often a file another user (root, after a command run as root) created: one line, no stack.
    return { problem: `${file} cannot be read: ${(err as Error).message}` };
  }
  if (mode & 0o077)
    return { problem: `${file} is open to group or others (mode ${mode.toString(8).padStart(4, "0")}): run chmod 600 ${file}` };
  if (!isStrongSecret(text))
    return {
      problem: `${file} ${SECRET_RULE}; it holds ${text ? "a weak one" : "nothing"} (replacing it ends every live code, session and API token)`,
    };
  return { secret: Buffer.from(text, "utf8") };
}

/**
 * The secret as bytes, or the one line saying why it cannot be used. LATCHKEY_SECRET is checked
 * by the configuration schema; the file is created when missing, then checked by readSecretFile.
 */
export function resolveSecret(env: { LATCHKEY_SECRET?: string | undefined; DATABASE_URL: string }): ResolvedSecret {
  if (env.LATCHKEY_SECRET) return { secret: Buffer.from(env.LATCHKEY_SECRET, "utf8") };
  // PostgreSQL: every instance must share the secret, and no file is shared (the configuration requires it).
  const file = secretFileOf(env.DATABASE_URL);
  if (file === null) return { problem: "LATCHKEY_SECRET is required with a PostgreSQL DATABASE_URL (every instance needs the same one)" };
  if (!existsSync(file)) createSecretFile(file);
  return readSecretFile(file);
}
