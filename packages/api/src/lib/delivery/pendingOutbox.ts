// What waits in the outbox, for the metrics: per channel, how many and since when.
import { eq, outboxMessages, sql } from "@latchkey/db";
import type { PendingOutbox } from "../metrics";
import type { Services } from "../../services";

export function pendingOutbox(services: Services): PendingOutbox[] {
  return services.db
    .select({ channel: outboxMessages.channel, count: sql<number>`count(*)`, oldest: sql<number | null>`min(${outboxMessages.createdAt})` })
    .from(outboxMessages)
    .where(eq(outboxMessages.status, "pending"))
    .groupBy(outboxMessages.channel)
    .all();
}
