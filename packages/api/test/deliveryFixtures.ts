// Helpers for the delivery tests: queue a message the way actions do (queueCodeMessage in a
// transaction), capture the process log, and read the outbox.
import { desc, employees, eq, outboxMessages, type OutboxChannel } from "@latchkey/db";
import { findEmployee } from "../src/lib/lookups";
import { createLogger } from "../src/lib/logger";
import { queueCodeMessage } from "../src/lib/outbox";
import type { Harness } from "./harness";

export function queueMessage(
  h: Harness,
  orgGuid: string,
  employeeGuid: string,
  msg: { channel: OutboxChannel; subject?: string; body: string },
): number {
  return h.services.db.transaction((tx) => {
    const e = findEmployee(tx, orgGuid, employeeGuid)!;
    // The resend cooldown is tested with the actions; here every call queues.
    tx.update(employees).set({ lastCodeSentAt: null }).where(eq(employees.id, e.id)).run();
    queueCodeMessage(tx, h.services, e, { kind: "test", subject: msg.subject ?? "Your code", ...msg });
    return tx.select({ id: outboxMessages.id }).from(outboxMessages).orderBy(desc(outboxMessages.id)).limit(1).get()!.id;
  });
}

export function outboxRow(h: Harness, id: number) {
  return h.services.db.select().from(outboxMessages).where(eq(outboxMessages.id, id)).get()!;
}

/** Replaces the harness logger with one that keeps every line. */
export function captureLog(h: Harness): string[] {
  const lines: string[] = [];
  h.services.log = createLogger("debug", (l) => lines.push(l));
  return lines;
}
