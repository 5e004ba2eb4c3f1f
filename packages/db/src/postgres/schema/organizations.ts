import { sql } from "drizzle-orm";
import { integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { flag, timestamp } from "./columns";

/** An organization owns everything else; its policy settings live on the same row. */
export const organizations = pgTable(
  "organizations",
  {
    guid: text("guid").primaryKey(),
    alias: text("alias").notNull(),
    name: text("name").notNull(),
    archived: flag("archived").notNull().default(false),
    /** The installation's own organization, home of the instance admins. */
    system: flag("system").notNull().default(false),
    // Password policy (docs/SPEC.md §3).
    passwordMinLength: integer("password_min_length").notNull().default(12),
    passwordMaxLength: integer("password_max_length").notNull().default(128),
    passwordRequireUpper: flag("password_require_upper").notNull().default(false),
    passwordRequireLower: flag("password_require_lower").notNull().default(false),
    passwordRequireDigit: flag("password_require_digit").notNull().default(false),
    passwordRequireSymbol: flag("password_require_symbol").notNull().default(false),
    passwordHistory: integer("password_history").notNull().default(5),
    // Code lifetimes in seconds.
    resetCodeTtlSeconds: integer("reset_code_ttl_seconds").notNull().default(3600),
    activationCodeTtlSeconds: integer("activation_code_ttl_seconds").notNull().default(3600),
    // Sign-in lockout.
    lockoutThreshold: integer("lockout_threshold").notNull().default(10),
    lockoutWindowSeconds: integer("lockout_window_seconds").notNull().default(900),
    lockoutDurationSeconds: integer("lockout_duration_seconds").notNull().default(900),
    /** Days a new API token lives when its creator names no expiry; "never" must be asked for. */
    tokenExpiryDays: integer("token_expiry_days").notNull().default(90),
    createdAt: timestamp("created_at").notNull(),
    updatedAt: timestamp("updated_at").notNull(),
  },
  (t) => [uniqueIndex("organizations_alias_uq").on(sql`lower(${t.alias})`)],
);
