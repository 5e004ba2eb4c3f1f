import { sql, type SQL, type SQLWrapper } from "@latchkey/db";

/** Case-insensitive substring match with LIKE's wildcards escaped. */
export function contains(column: SQLWrapper, term: string): SQL {
  const pattern = `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`lower(${column}) LIKE ${pattern} ESCAPE '\\'`;
}
