import { index, pgTable, text } from "drizzle-orm/pg-core";
import { flag, id, timestamp } from "./columns";
import { employees } from "./employees";
import { organizations } from "./organizations";
import { WORKPLACE_STATUSES } from "../../enums";

/** A shop or site of an organization. */
export const outlets = pgTable(
  "outlets",
  {
    guid: text("guid").primaryKey(),
    orgGuid: text("org_guid")
      .notNull()
      .references(() => organizations.guid),
    name: text("name").notNull(),
    archived: flag("archived").notNull().default(false),
    createdAt: timestamp("created_at").notNull(),
    updatedAt: timestamp("updated_at").notNull(),
  },
  (t) => [index("outlets_org_name_idx").on(t.orgGuid, t.name, t.guid)],
);

/** A device seat at an outlet, bound to the organization by an activation code. */
export const workplaces = pgTable(
  "workplaces",
  {
    guid: text("guid").primaryKey(),
    orgGuid: text("org_guid")
      .notNull()
      .references(() => organizations.guid),
    outletGuid: text("outlet_guid")
      .notNull()
      .references(() => outlets.guid),
    name: text("name").notNull(),
    status: text("status", { enum: WORKPLACE_STATUSES }).notNull().default("pending"),
    archived: flag("archived").notNull().default(false),
    activatedAt: timestamp("activated_at"),
    activatedByEmployeeId: id("activated_by_employee_id").references(() => employees.id),
    /** JSON of the client headers the activating device sent. */
    activatedClient: text("activated_client"),
    createdAt: timestamp("created_at").notNull(),
    updatedAt: timestamp("updated_at").notNull(),
  },
  (t) => [index("workplaces_org_name_idx").on(t.orgGuid, t.name, t.guid), index("workplaces_outlet_idx").on(t.outletGuid)],
);
