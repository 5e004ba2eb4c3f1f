import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { flag, timestamp } from "./columns";
import { organizations } from "./organizations";
import { EMPLOYEE_ROLES, EMPLOYEE_STATUSES } from "../../enums";

/**
 * A person who can sign in. `id` is the installation-wide integer the legacy
 * `/Employees/{id}` API uses; `guid` is used everywhere else.
 */
export const employees = sqliteTable(
  "employees",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    guid: text("guid").notNull().unique(),
    orgGuid: text("org_guid")
      .notNull()
      .references(() => organizations.guid),
    username: text("username"),
    email: text("email"),
    phone: text("phone"),
    displayName: text("display_name").notNull(),
    /** Lower-cased display name, kept for case-insensitive search. */
    searchText: text("search_text").notNull(),
    role: text("role", { enum: EMPLOYEE_ROLES }).notNull().default("employee"),
    status: text("status", { enum: EMPLOYEE_STATUSES }).notNull().default("active"),
    instanceAdmin: flag("instance_admin").notNull().default(false),
    /** argon2id PHC string; null while no password works (never set, or reset). */
    passwordHash: text("password_hash"),
    passwordChangeRequired: flag("password_change_required").notNull().default(false),
    passwordChangedAt: timestamp("password_changed_at"),
    failedSignIns: integer("failed_sign_ins").notNull().default(0),
    failedSignInWindowStart: timestamp("failed_sign_in_window_start"),
    lockedUntil: timestamp("locked_until"),
    /** When the last reset/activation code was sent, for the resend cooldown. */
    lastCodeSentAt: timestamp("last_code_sent_at"),
    sequence: integer("sequence").notNull().default(1),
    createdAt: timestamp("created_at").notNull(),
    updatedAt: timestamp("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("employees_org_email_uq").on(t.orgGuid, t.email),
    uniqueIndex("employees_org_phone_uq").on(t.orgGuid, t.phone),
    uniqueIndex("employees_org_username_uq").on(t.orgGuid, t.username),
    index("employees_org_id_idx").on(t.orgGuid, t.id),
    // The console's role and status filters: a rare role or status in a big organization is a
    // seek, not a walk of every row (a lockout is kept as locked_until, hence its own index).
    index("employees_org_role_id_idx").on(t.orgGuid, t.role, t.id),
    index("employees_org_status_id_idx").on(t.orgGuid, t.status, t.id),
    index("employees_org_locked_idx")
      .on(t.orgGuid, t.lockedUntil)
      .where(sql`${t.lockedUntil} IS NOT NULL`),
    index("employees_email_idx").on(t.email),
    index("employees_username_idx").on(t.username),
  ],
);

/** Hashes of earlier passwords, for the reuse rule. */
export const passwordHistory = sqliteTable(
  "password_history",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    employeeId: integer("employee_id")
      .notNull()
      .references(() => employees.id),
    passwordHash: text("password_hash").notNull(),
    createdAt: timestamp("created_at").notNull(),
  },
  (t) => [index("password_history_employee_idx").on(t.employeeId, t.id)],
);
