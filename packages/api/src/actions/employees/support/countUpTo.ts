// Not an action: how many of an organization's employees match, counted up to a limit. A walk of
// at most `limit` entries of an index, never a count of a large organization's every row.
import { and, eq, sql, type Database, type SQL } from "@latchkey/db";

export async function countUpTo(database: Database, orgGuid: string, where: SQL[], limit: number): Promise<number> {
  const { employees } = database.tables;
  const upTo = database.db
    .select({ one: sql`1` })
    .from(employees)
    .where(and(eq(employees.orgGuid, orgGuid), ...where))
    .limit(limit)
    .as("upto");
  const [row] = await database.db.select({ n: sql<number>`count(*)` }).from(upTo);
  return Number(row?.n ?? 0);
}
