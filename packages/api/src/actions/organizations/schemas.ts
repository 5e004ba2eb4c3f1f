import { z } from "zod";
import type { Organization } from "@latchkey/db";
import { alias, displayName, email, guid, iso, page, phone, username } from "../../fields";

export const orgView = (o: Organization) => ({
  guid: o.guid,
  alias: o.alias,
  name: o.name,
  archived: o.archived,
  createdAt: iso(o.createdAt)!,
});

export const createOrganizationInput = z.strictObject({
  name: displayName,
  alias,
  owner: z.strictObject({
    displayName,
    email: email.optional(),
    username: username.optional(),
    phone: phone.optional(),
    /** Optional: without it the owner gets a password by a reset. */
    password: z.string().min(1).max(1024).optional(),
  }),
});

export const listOrganizationsInput = z.strictObject({
  search: z.string().trim().max(200).optional(),
  /** Only archived (true) or only live (false) organizations; both when omitted. */
  archived: z.boolean().optional(),
  ...page,
});

export const organizationRef = z.strictObject({ guid });
export const renameOrganizationInput = z.strictObject({ guid, name: displayName });
