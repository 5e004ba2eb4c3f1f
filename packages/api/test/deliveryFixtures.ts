// Helpers for the delivery tests: queue a message the way actions do (queueCodeMessage in a
// transaction), capture the process log, and read the outbox.
import { desc, eq, type OutboxChannel } from "@latchkey/db";
import { findEmployee } from "../src/lib/lookups";
import { createLogger } from "../src/lib/logger";
import { queueCodeMessage } from "../src/lib/outbox";
import type { Harness } from "./harness";
import { testTables } from "@latchkey/db/testing";

const { employees, outboxMessages } = testTables();

export function queueMessage(
  h: Harness,
  orgGuid: string,
  employeeGuid: string,
  msg: { channel: OutboxChannel; subject?: string; body: string },
): Promise<number> {
  return h.services.database.transaction(async (tx) => {
    const e = (await findEmployee(tx, orgGuid, employeeGuid))!;
    // The resend cooldown is tested with the actions; here every call queues.
    await tx.update(employees).set({ lastCodeSentAt: null }).where(eq(employees.id, e.id));
    await queueCodeMessage(tx, h.services, e, { kind: "test", subject: msg.subject ?? "Your code", ...msg });
    return (await tx.select({ id: outboxMessages.id }).from(outboxMessages).orderBy(desc(outboxMessages.id)).limit(1))[0]!.id;
  });
}

export async function outboxRow(h: Harness, id: number) {
  return (await h.db.select().from(outboxMessages).where(eq(outboxMessages.id, id)))[0]!;
}

/** Replaces the harness logger with one that keeps every line. */
export function captureLog(h: Harness): string[] {
  const lines: string[] = [];
  h.services.log = createLogger("debug", (l) => lines.push(l));
  return lines;
}
