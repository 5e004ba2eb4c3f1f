import { index, pgTable, text } from "drizzle-orm/pg-core";
import { flag, id, timestamp } from "./columns";
import { employees } from "./employees";
import { organizations } from "./organizations";

/** A signed-in browser or client. The cookie carries the id and a secret; only its hash is kept. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    orgGuid: text("org_guid")
      .notNull()
      .references(() => organizations.guid),
    employeeId: id("employee_id")
      .notNull()
      .references(() => employees.id),
    secretHash: text("secret_hash").notNull(),
    /** Signed in while a password change was required: may only change the password. */
    restricted: flag("restricted").notNull().default(false),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: timestamp("created_at").notNull(),
    lastSeenAt: timestamp("last_seen_at").notNull(),
    expiresAt: timestamp("expires_at").notNull(),
    revokedAt: timestamp("revoked_at"),
  },
  (t) => [index("sessions_employee_idx").on(t.employeeId, t.revokedAt)],
);

/**
 * A bearer token `lk_<prefix>_<secret>`: the prefix finds the row, the secret is checked
 * against its keyed hash. `employee_id` null means a service account of the organization.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    orgGuid: text("org_guid")
      .notNull()
      .references(() => organizations.guid),
    employeeId: id("employee_id").references(() => employees.id),
    name: text("name").notNull(),
    prefix: text("prefix").notNull().unique(),
    secretHash: text("secret_hash").notNull(),
    /** JSON array of TokenScope. */
    scopes: text("scopes").notNull(),
    createdAt: timestamp("created_at").notNull(),
    expiresAt: timestamp("expires_at"),
    revokedAt: timestamp("revoked_at"),
    lastUsedAt: timestamp("last_used_at"),
    /** Who created it: the employee behind the request (a session, a token acting as them, or the employee behind the token that created it). */
    createdByEmployeeId: id("created_by_employee_id"),
    /** The token that created it, when a token did (it can grant no more scope or lifetime than that one had). */
    createdByTokenId: text("created_by_token_id"),
    /** An owner kept it: it survives its creator's archival, demotion and reset (audited as api_token.keep). */
    keptByOwner: flag("kept_by_owner").notNull().default(false),
  },
  (t) => [index("api_tokens_org_idx").on(t.orgGuid, t.createdAt), index("api_tokens_employee_idx").on(t.employeeId, t.revokedAt)],
);
