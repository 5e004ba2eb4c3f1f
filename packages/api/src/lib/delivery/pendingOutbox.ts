// What waits in the outbox, for the metrics: per channel, how many and since when.
import { eq, outboxMessages, sql, type Db } from "@latchkey/db";
import type { PendingOutbox } from "../metrics";

export function pendingOutbox(db: Db): PendingOutbox[] {
  return db
    .select({ channel: outboxMessages.channel, count: sql<number>`count(*)`, oldest: sql<number | null>`min(${outboxMessages.createdAt})` })
    .from(outboxMessages)
    .where(eq(outboxMessages.status, "pending"))
    .groupBy(outboxMessages.channel)
    .all();
}
