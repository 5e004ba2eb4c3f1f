import type { Database, OpenOptions } from "./database";
import { openPostgres } from "./postgres/openPostgres";
import { openSqlite } from "./sqlite/openSqlite";
import { DEFAULT_DATABASE_URL, parseDatabaseUrl } from "./url";

/** Opens (and by default migrates) the database DATABASE_URL names: PostgreSQL or a SQLite file. */
export async function openDatabase(url: string = DEFAULT_DATABASE_URL, options: OpenOptions = {}): Promise<Database> {
  const target = parseDatabaseUrl(url);
  return target.dialect === "postgres" ? openPostgres(target.url, options) : openSqlite(target.path, options);
}
