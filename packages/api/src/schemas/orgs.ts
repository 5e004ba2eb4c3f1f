import { z } from "zod";
import { TOKEN_SCOPES, type ApiToken, type Organization } from "@latchkey/db";
import { alias, displayName, email, guid, iso, page, phone, username } from "./common";

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

export const listOrganizationsInput = z.strictObject({ search: z.string().trim().max(200).optional(), ...page });

export const tokenView = (t: ApiToken, employeeGuid: string | null) => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  employeeGuid,
  scopes: JSON.parse(t.scopes) as string[],
  createdAt: iso(t.createdAt)!,
  expiresAt: iso(t.expiresAt),
  revokedAt: iso(t.revokedAt),
  lastUsedAt: iso(t.lastUsedAt),
});

export const createApiTokenInput = z.strictObject({
  name: displayName,
  /** The employee the token acts as; omitted for a service account of the organization. */
  employeeGuid: guid.optional(),
  scopes: z.array(z.enum(TOKEN_SCOPES)).min(1).max(TOKEN_SCOPES.length),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

export const listApiTokensInput = z.strictObject({ includeRevoked: z.boolean().default(false), ...page });
export const apiTokenRef = z.strictObject({ id: guid });
