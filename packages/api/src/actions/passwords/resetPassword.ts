// The one reset behind employees.resetPassword (LIFE POS), employees.adminResetByEmail (F5 XC)
// and employees.requestPasswordReset (ZITADEL v2): the current password stops working at once,
// every session and API token of the employee is revoked, and a new one-time code is sent or returned.
import { and, eq, sql, type Employee } from "@latchkey/db";
import type { OrgAdminContext } from "../../trpc";
import { DomainError } from "../../errors";
import { audited } from "../../lib/audited";
import { requireEmployee } from "../../lib/lookups";
import { resetLink } from "../../lib/delivery/templates";
import { queueCodeMessage } from "../../lib/outbox";
import { revokeSessions, revokeTokens, revokeTokensCreatedBy } from "../../lib/revoke";
import { changeDetails, type ResetPasswordOutput } from "./schemas";
import { assertMayManagePassword } from "./support/passwordGuards";
import { issueResetCode, resetCodeMessage } from "./support/resetCodes";

export type ResetTarget = { guid: string } | { email: string };
/** "auto": SMS when a phone is on file, else email. "return": no message, the code is returned. */
export type ResetDelivery = "auto" | "sms" | "email" | "return";

async function findTarget(ctx: OrgAdminContext, target: ResetTarget): Promise<Employee> {
  const { employees } = ctx.services.database.tables;
  if ("guid" in target) return await requireEmployee(ctx.services.database.db, ctx.org.guid, target.guid);
  const e = (
    await ctx.services.database.db
      .select()
      .from(employees)
      .where(and(eq(employees.orgGuid, ctx.org.guid), eq(employees.email, target.email.toLowerCase())))
  )[0];
  if (!e) throw new DomainError("NotFound", "No employee of this organization has that email address.");
  return e;
}

function channelFor(e: Employee, delivery: ResetDelivery): "sms" | "email" | null {
  if (delivery === "return") return null;
  const channel = delivery === "auto" ? (e.phone ? "sms" : "email") : delivery;
  if (channel === "sms" && !e.phone)
    throw new DomainError(
      "PhoneIsNotFound",
      delivery === "auto" ? "The employee has neither a phone number nor an email address." : "The employee has no phone number.",
    );
  if (channel === "email" && !e.email)
    throw new DomainError(
      "PhoneIsNotFound",
      delivery === "auto" ? "The employee has neither a phone number nor an email address." : "The employee has no email address.",
    );
  return channel;
}

export function resetPassword(
  ctx: OrgAdminContext,
  target: ResetTarget,
  delivery: ResetDelivery,
  /** A caller's link template (ZITADEL's sendLink.urlTemplate), already validated by the input schema. */
  urlTemplate?: string,
): Promise<ResetPasswordOutput> {
  return audited(ctx, { orgGuid: ctx.org.guid }, async (op) => {
    const { services } = ctx;
    const found = await findTarget(ctx, target);
    op.target("employee", found.guid);
    assertMayManagePassword(ctx.principal, found);
    const channel = channelFor(found, delivery);
    const ttl = ctx.org.resetCodeTtlSeconds;
    const { row, code } = await op.commit(async (tx) => {
      const now = services.clock.now();
      const { employees } = tx.tables;
      const issued = await issueResetCode(tx, services, found, ttl);
      // Cooldown, provider and recipient are checked here; a refusal rolls all of this back.
      if (channel) {
        const values = { UserID: found.guid, OrgID: ctx.org.guid, Code: issued.code, orgAlias: ctx.org.alias };
        const link = resetLink(services.config.publicUrl, urlTemplate, values);
        await queueCodeMessage(tx, services, found, resetCodeMessage(channel, issued.code, ttl, link));
      }
      await revokeSessions(tx, found.id, now);
      await revokeTokens(tx, found.id, now);
      await revokeTokensCreatedBy(tx, found.id, now);
      const updated = (
        await tx
          .update(employees)
          .set({ passwordHash: null, passwordChangeRequired: true, updatedAt: now, sequence: sql`${employees.sequence} + 1` })
          .where(eq(employees.id, found.id))
          .returning()
      )[0]!;
      return { row: updated, code: issued.code };
    });
    return { employee: changeDetails(row), channel, ...(delivery === "return" ? { code } : {}) };
  });
}
