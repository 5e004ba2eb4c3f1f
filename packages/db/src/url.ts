// DATABASE_URL decides the backend: `postgres://` or `postgresql://` is PostgreSQL; `file:…` or
// a plain path is a SQLite file (the default, ./data/latchkey.db).
import { resolve } from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/latchkey.db";

export type DatabaseTarget = { dialect: "sqlite"; path: string } | { dialect: "postgres"; url: string };

/** A DATABASE_URL that names no usable database; the message says what is accepted. */
export class DatabaseUrlError extends Error {
  override readonly name = "DatabaseUrlError";
}

export function parseDatabaseUrl(url: string, cwd = process.cwd()): DatabaseTarget {
  const trimmed = url.trim();
  if (/^postgres(ql)?:\/\//i.test(trimmed)) {
    try {
      new URL(trimmed);
    } catch {
      throw new DatabaseUrlError("DATABASE_URL is not a valid postgres:// URL (postgres://user:password@host:5432/database)");
    }
    return { dialect: "postgres", url: trimmed };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed))
    throw new DatabaseUrlError("DATABASE_URL must be postgres://…, postgresql://…, file:path or a plain file path");
  // An in-memory database would vanish with the process and cannot be shared by the server's two connections.
  if (trimmed === ":memory:" || trimmed === "file::memory:")
    throw new DatabaseUrlError("DATABASE_URL must name a file; :memory: is not supported");
  const path = trimmed.startsWith("file:") ? trimmed.slice("file:".length) : trimmed;
  if (path.length === 0) throw new DatabaseUrlError("DATABASE_URL names no file");
  return { dialect: "sqlite", path: resolve(cwd, path) };
}

/** The SQLite file DATABASE_URL names, or null for PostgreSQL. */
export function sqlitePathOf(url: string, cwd = process.cwd()): string | null {
  const target = parseDatabaseUrl(url, cwd);
  return target.dialect === "sqlite" ? target.path : null;
}

/** The URL without its password, for messages and logs. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres://…";
  }
}
