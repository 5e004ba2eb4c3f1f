import { eq } from "@latchkey/db";
import type { OrgAdminContext } from "../../trpc";
import { invalid } from "../../errors";
import { audited } from "../../lib/audited";
import { settingsView, type UpdateSettingsInput } from "./schemas";

/** Changes the organization's policies; only what is sent changes. New rules apply to the next password set. */
export function updateSettings(ctx: OrgAdminContext, input: UpdateSettingsInput) {
  const { organizations } = ctx.services.database.tables;
  return audited(ctx, { orgGuid: ctx.org.guid, targetType: "organization", targetId: ctx.org.guid }, async (op) => {
    const p = input.passwordPolicy ?? {};
    const l = input.lockout ?? {};
    const min = p.minLength ?? ctx.org.passwordMinLength;
    const max = p.maxLength ?? ctx.org.passwordMaxLength;
    if (max < min)
      throw invalid(
        p.maxLength !== undefined ? "passwordPolicy.maxLength" : "passwordPolicy.minLength",
        `The maximum password length (${max}) must not be below the minimum (${min}).`,
      );
    const row = await op.commit(
      async (tx) =>
        (
          await tx
            .update(organizations)
            .set({
              passwordMinLength: min,
              passwordMaxLength: max,
              ...(p.requireUpper !== undefined ? { passwordRequireUpper: p.requireUpper } : {}),
              ...(p.requireLower !== undefined ? { passwordRequireLower: p.requireLower } : {}),
              ...(p.requireDigit !== undefined ? { passwordRequireDigit: p.requireDigit } : {}),
              ...(p.requireSymbol !== undefined ? { passwordRequireSymbol: p.requireSymbol } : {}),
              ...(p.history !== undefined ? { passwordHistory: p.history } : {}),
              ...(input.resetCodeTtlSeconds !== undefined ? { resetCodeTtlSeconds: input.resetCodeTtlSeconds } : {}),
              ...(input.activationCodeTtlSeconds !== undefined ? { activationCodeTtlSeconds: input.activationCodeTtlSeconds } : {}),
              ...(input.tokenExpiryDays !== undefined ? { tokenExpiryDays: input.tokenExpiryDays } : {}),
              ...(l.threshold !== undefined ? { lockoutThreshold: l.threshold } : {}),
              ...(l.windowSeconds !== undefined ? { lockoutWindowSeconds: l.windowSeconds } : {}),
              ...(l.durationSeconds !== undefined ? { lockoutDurationSeconds: l.durationSeconds } : {}),
              updatedAt: ctx.services.clock.now(),
            })
            .where(eq(organizations.guid, ctx.org.guid))
            .returning()
        )[0]!,
    );
    return settingsView(row);
  });
}
