import { z } from "zod";
import { TOKEN_SCOPES, type ApiToken } from "@latchkey/db";
import { displayName, guid, iso, page } from "../../fields";

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
