import { index, integer, primaryKey, pgTable, text } from "drizzle-orm/pg-core";
import { id, timestamp } from "./columns";
import { AUDIT_OUTCOMES, AUDIT_ACTOR_TYPES } from "../../enums";

/** Append-only record of every credential operation, successful or not. Never holds secrets. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: id("id").primaryKey().generatedByDefaultAsIdentity(),
    /** Null only for attempts that never reached an organization (a wrong activation code). */
    orgGuid: text("org_guid"),
    actorType: text("actor_type", { enum: AUDIT_ACTOR_TYPES }).notNull(),
    actorId: text("actor_id"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    outcome: text("outcome", { enum: AUDIT_OUTCOMES }).notNull(),
    /** The domain error code of a failure. */
    reason: text("reason"),
    /** JSON of the client headers (X-LP-*, user agent). */
    client: text("client"),
    ip: text("ip"),
    requestId: text("request_id"),
    createdAt: timestamp("created_at").notNull(),
  },
  (t) => [
    index("audit_org_id_idx").on(t.orgGuid, t.id),
    index("audit_org_action_idx").on(t.orgGuid, t.action, t.id),
    index("audit_org_target_idx").on(t.orgGuid, t.targetId, t.id),
    index("audit_org_actor_idx").on(t.orgGuid, t.actorId, t.id),
    index("audit_ip_action_idx").on(t.ip, t.action, t.id),
    // Date ranges: finds the id bounds of a range without walking the events outside it.
    index("audit_org_created_idx").on(t.orgGuid, t.createdAt, t.id),
  ],
);

/**
 * Events per organization, UTC day, action and outcome: what the console's chart reads, so it
 * costs one index range of at most days × actions rows instead of a scan of every event in the
 * window. Kept by the `audit_daily_count` trigger (migration 0001_search_and_audit_counts) on
 * every insert into audit_events, in the inserting transaction, whoever inserts.
 *
 * Unlike SQLite (one writer), many transactions insert at once here, and each would hold its
 * bucket's row lock until it commits: one busy organization's events would commit one at a
 * time. So a bucket is split into up to 64 rows by `shard` (the inserting backend's pid), and
 * readers sum them; the console reads them grouped by day, action and outcome anyway.
 */
export const auditDailyCounts = pgTable(
  "audit_daily_counts",
  {
    orgGuid: text("org_guid").notNull(),
    /** Days since the epoch, UTC: created_at / 86 400 000 (integer division; created_at is never negative). */
    day: integer("day").notNull(),
    action: text("action").notNull(),
    outcome: text("outcome", { enum: AUDIT_OUTCOMES }).notNull(),
    shard: integer("shard").notNull().default(0),
    count: integer("count").notNull(),
    /**
     * Smallest and largest event id counted here. A date range's events all lie
     * in its days' buckets, so these bound its id span exactly whatever the clock did; deleting
     * events leaves them wider than needed, never narrower.
     */
    minId: id("min_id").notNull().default(0),
    maxId: id("max_id").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgGuid, t.day, t.action, t.outcome, t.shard] })],
);
