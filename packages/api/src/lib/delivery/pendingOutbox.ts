// What waits in the outbox, for the metrics: per channel, how many and since when.
import { eq, sql, type Db } from "@latchkey/db";
import type { PendingOutbox } from "../metrics";

export async function pendingOutbox(db: Db): Promise<PendingOutbox[]> {
  const { outboxMessages } = db.tables;
  return await db
    .select({ channel: outboxMessages.channel, count: sql<number>`count(*)`, oldest: sql<number | null>`min(${outboxMessages.createdAt})` })
    .from(outboxMessages)
    .where(eq(outboxMessages.status, "pending"))
    .groupBy(outboxMessages.channel);
}
