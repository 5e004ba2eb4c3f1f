import { z } from "zod";
import { TOKEN_SCOPES, type ApiToken } from "@latchkey/db";
import { displayName, guid, iso, page } from "../../fields";

/** Who created a token: an employee (by a session or a token of theirs), or the console (the CLI, no employee). */
export interface TokenCreator {
  guid: string;
  displayName: string;
}

export const tokenView = (t: ApiToken, employeeGuid: string | null, creator: TokenCreator | null = null) => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  employeeGuid,
  scopes: JSON.parse(t.scopes) as string[],
  createdAt: iso(t.createdAt)!,
  /** Null: the employee (and token) behind its creation are unknown, i.e. the console made it. */
  createdBy: creator,
  /** The token that created this one, when a token did. */
  createdByTokenId: t.createdByTokenId,
  /** An owner kept it: it survives its creator's archival, demotion and reset. */
  keptByOwner: t.keptByOwner,
  expiresAt: iso(t.expiresAt),
  revokedAt: iso(t.revokedAt),
  lastUsedAt: iso(t.lastUsedAt),
});

export const createApiTokenInput = z.strictObject({
  name: displayName,
  /** The employee the token acts as; omitted for a service account of the organization. */
  employeeGuid: guid.optional(),
  scopes: z.array(z.enum(TOKEN_SCOPES)).min(1).max(TOKEN_SCOPES.length),
  /** Omitted: the organization's default (settings tokenExpiryDays, 90 unless changed); "never" only when asked for. */
  expiresInDays: z.union([z.number().int().min(1).max(3650), z.literal("never")]).optional(),
});

export const listApiTokensInput = z.strictObject({ includeRevoked: z.boolean().default(false), ...page });
export const apiTokenRef = z.strictObject({ id: guid });
/** tokens.keep: whether the token survives its creator's archival, demotion and reset. */
export const keepApiTokenInput = z.strictObject({ id: guid, keep: z.boolean() });
