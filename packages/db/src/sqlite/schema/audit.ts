import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { timestamp } from "./columns";
import { AUDIT_OUTCOMES, AUDIT_ACTOR_TYPES } from "../../enums";

/** Append-only record of every credential operation, successful or not. Never holds secrets. */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
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
 * window (6.4 s for 30 days at 10M events). Kept by the `audit_daily_count` trigger of migration
 * 0003 on every insert into audit_events, in the inserting transaction, whoever inserts.
 */
export const auditDailyCounts = sqliteTable(
  "audit_daily_counts",
  {
    orgGuid: text("org_guid").notNull(),
    /** Days since the epoch, UTC: created_at / 86 400 000 in SQLite's integer division (created_at is never negative). */
    day: integer("day").notNull(),
    action: text("action").notNull(),
    outcome: text("outcome", { enum: AUDIT_OUTCOMES }).notNull(),
    count: integer("count").notNull(),
    /**
     * Smallest and largest event id counted here (migration 0004). A date range's events all lie
     * in its days' buckets, so these bound its id span exactly whatever the clock did; deleting
     * events leaves them wider than needed, never narrower.
     */
    minId: integer("min_id").notNull().default(0),
    maxId: integer("max_id").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgGuid, t.day, t.action, t.outcome] })],
);
