// The per-organization policies of docs/SPEC.md §3 and the ranges an owner may set them to.
import { z } from "zod";
import type { Organization } from "@latchkey/db";
import { iso } from "../../fields";

const int = (min: number, max: number) => z.number().int().min(min).max(max);
/** docs/SPEC.md §3: code lifetimes between 5 minutes and 72 hours. */
const ttlSeconds = int(300, 72 * 3600);

/** The password rules a new password is judged by: admins read them in settings, employees in auth.me. */
export const passwordPolicyView = (o: Organization) => ({
  minLength: o.passwordMinLength,
  maxLength: o.passwordMaxLength,
  requireUpper: o.passwordRequireUpper,
  requireLower: o.passwordRequireLower,
  requireDigit: o.passwordRequireDigit,
  requireSymbol: o.passwordRequireSymbol,
  history: o.passwordHistory,
});

export const settingsView = (o: Organization) => ({
  orgGuid: o.guid,
  passwordPolicy: passwordPolicyView(o),
  resetCodeTtlSeconds: o.resetCodeTtlSeconds,
  activationCodeTtlSeconds: o.activationCodeTtlSeconds,
  lockout: {
    threshold: o.lockoutThreshold,
    windowSeconds: o.lockoutWindowSeconds,
    durationSeconds: o.lockoutDurationSeconds,
  },
  tokenExpiryDays: o.tokenExpiryDays,
  updatedAt: iso(o.updatedAt)!,
});

/** Every field optional: only what is sent changes. */
export const updateSettingsInput = z.strictObject({
  passwordPolicy: z
    .strictObject({
      minLength: int(8, 64).optional(),
      /** At least the minimum (checked against the merged result), at most what the input schema accepts. */
      maxLength: int(8, 1024).optional(),
      requireUpper: z.boolean().optional(),
      requireLower: z.boolean().optional(),
      requireDigit: z.boolean().optional(),
      requireSymbol: z.boolean().optional(),
      history: int(0, 24).optional(),
    })
    .optional(),
  resetCodeTtlSeconds: ttlSeconds.optional(),
  activationCodeTtlSeconds: ttlSeconds.optional(),
  /** Days a new API token lives unless its creator says otherwise ("never" is asked for per token). */
  tokenExpiryDays: int(1, 3650).optional(),
  lockout: z
    .strictObject({
      threshold: int(3, 100).optional(),
      windowSeconds: int(60, 24 * 3600).optional(),
      durationSeconds: int(60, 24 * 3600).optional(),
    })
    .optional(),
});
export type UpdateSettingsInput = z.infer<typeof updateSettingsInput>;
