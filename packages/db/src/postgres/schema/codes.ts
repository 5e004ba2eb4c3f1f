import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { id, timestamp } from "./columns";
import { employees } from "./employees";
import { organizations } from "./organizations";
import { outlets, workplaces } from "./workplaces";

/**
 * One-time codes are stored only as HMAC-SHA-256 with the server secret. A code is live
 * while `consumed_at` and `revoked_at` are null and `expires_at` is in the future.
 */
export const activationCodes = pgTable(
  "activation_codes",
  {
    id: id("id").primaryKey().generatedByDefaultAsIdentity(),
    orgGuid: text("org_guid")
      .notNull()
      .references(() => organizations.guid),
    workplaceGuid: text("workplace_guid")
      .notNull()
      .references(() => workplaces.guid),
    employeeId: id("employee_id")
      .notNull()
      .references(() => employees.id),
    outletGuid: text("outlet_guid").references(() => outlets.guid),
    codeHash: text("code_hash").notNull(),
    createdAt: timestamp("created_at").notNull(),
    expiresAt: timestamp("expires_at").notNull(),
    consumedAt: timestamp("consumed_at"),
    revokedAt: timestamp("revoked_at"),
  },
  (t) => [
    // Unique among codes not yet consumed or revoked (expired ones are revoked lazily).
    uniqueIndex("activation_codes_open_hash_uq")
      .on(t.codeHash)
      .where(sql`consumed_at IS NULL AND revoked_at IS NULL`),
    // A workplace has at most one open code: generating a new one revokes the previous one.
    uniqueIndex("activation_codes_open_workplace_uq")
      .on(t.workplaceGuid)
      .where(sql`consumed_at IS NULL AND revoked_at IS NULL`),
    index("activation_codes_workplace_idx").on(t.workplaceGuid, t.consumedAt, t.revokedAt),
  ],
);

export const resetCodes = pgTable(
  "reset_codes",
  {
    id: id("id").primaryKey().generatedByDefaultAsIdentity(),
    orgGuid: text("org_guid")
      .notNull()
      .references(() => organizations.guid),
    employeeId: id("employee_id")
      .notNull()
      .references(() => employees.id),
    codeHash: text("code_hash").notNull(),
    failedAttempts: integer("failed_attempts").notNull().default(0),
    createdAt: timestamp("created_at").notNull(),
    expiresAt: timestamp("expires_at").notNull(),
    consumedAt: timestamp("consumed_at"),
    revokedAt: timestamp("revoked_at"),
  },
  (t) => [index("reset_codes_employee_idx").on(t.employeeId, t.consumedAt, t.revokedAt)],
);
