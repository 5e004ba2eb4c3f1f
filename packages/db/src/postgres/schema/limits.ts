import { integer, primaryKey, pgTable, text } from "drizzle-orm/pg-core";
import { timestamp } from "./columns";

/**
 * Counters for rate limits and failure limits. They live in the database, not in process
 * memory, so several stateless instances can share them later.
 */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  count: integer("count").notNull(),
  windowStart: timestamp("window_start").notNull(),
  blockedUntil: timestamp("blocked_until"),
});

/** A stored result for a mutation retried with the same idempotency key. */
export const idempotencyRecords = pgTable(
  "idempotency_records",
  {
    scope: text("scope").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    response: text("response").notNull(),
    createdAt: timestamp("created_at").notNull(),
    expiresAt: timestamp("expires_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);
