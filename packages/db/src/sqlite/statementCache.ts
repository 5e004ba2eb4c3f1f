import type BetterSqlite from "better-sqlite3";

/** Enough for every distinct query the app runs; past it the oldest statement is dropped. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * drizzle compiles every query it runs with a fresh `prepare`, i.e. SQLite parses and plans the
 * same SQL on every request (about a tenth of the CPU of a credential operation). Statements are
 * reusable, so the connection keeps them by SQL text. better-sqlite3 is synchronous, so a cached
 * statement is never in use twice at once; drizzle switches statements to raw (array) rows for
 * typed selects, so a reused one is switched back first, as a fresh one would be.
 */
export function cacheStatements(conn: BetterSqlite.Database): void {
  const prepare = conn.prepare.bind(conn);
  const cache = new Map<string, BetterSqlite.Statement>();
  conn.prepare = ((source: string) => {
    let stmt = cache.get(source);
    if (stmt) {
      if (stmt.reader) stmt.raw(false);
      return stmt;
    }
    stmt = prepare(source);
    if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(source, stmt);
    return stmt;
  }) as typeof conn.prepare;
}
