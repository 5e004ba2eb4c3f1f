import { index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { flag, id, timestamp } from "./columns";
import { OUTBOX_CHANNELS, OUTBOX_STATUSES } from "../../enums";

/** An SMS or email written in the same transaction as the change that caused it. */
export const outboxMessages = pgTable(
  "outbox_messages",
  {
    id: id("id").primaryKey().generatedByDefaultAsIdentity(),
    orgGuid: text("org_guid").notNull(),
    employeeId: id("employee_id"),
    channel: text("channel", { enum: OUTBOX_CHANNELS }).notNull(),
    recipient: text("recipient").notNull(),
    subject: text("subject"),
    body: text("body").notNull(),
    /** What the message is (reset_code, activation_code), for the mailbox and tests. */
    kind: text("kind").notNull(),
    status: text("status", { enum: OUTBOX_STATUSES }).notNull().default("pending"),
    provider: text("provider"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at").notNull(),
    lastError: text("last_error"),
    /** True once the code was removed from the body: after delivery by a real provider, or once the message is given up on. */
    scrubbed: flag("scrubbed").notNull().default(false),
    createdAt: timestamp("created_at").notNull(),
    sentAt: timestamp("sent_at"),
  },
  (t) => [index("outbox_due_idx").on(t.status, t.nextAttemptAt), index("outbox_org_idx").on(t.orgGuid, t.id)],
);
