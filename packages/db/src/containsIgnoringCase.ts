import { sql, type SQL, type SQLWrapper } from "drizzle-orm";

/** Case-insensitive substring match with LIKE's wildcards escaped; the same SQL on both dialects. */
export function containsIgnoringCase(column: SQLWrapper, term: string): SQL {
  const pattern = `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`lower(${column}) LIKE ${pattern} ESCAPE '\\'`;
}
