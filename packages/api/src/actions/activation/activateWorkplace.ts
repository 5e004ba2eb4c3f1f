// Redeems an activation code: the device holding it becomes the organization's workplace.
// The request carries only the code, so wrong codes are limited per client address, and across
// the installation by a budget per minute that no number of addresses gets around.
import type { z } from "zod";
import { and, eq, gt, isNull } from "@latchkey/db";
import type { Context } from "../../context";
import { DomainError } from "../../errors";
import { audited, writeSystemEvent } from "../../lib/audited";
import {
  ACTIVATION_FAILURE_LIMIT,
  assertNotBlocked,
  failureKey,
  recordFailure,
  spendFailureBudget,
  type FailureBudget,
} from "../../lib/failureLimit";
import type { Services } from "../../services";
import { keyedHash } from "../../lib/secrets";
import { iso } from "../../fields";
import type { ActivateWorkplaceOutput, activateWorkplaceInput } from "./schemas";

const wrongCode = () => new DomainError("WrongActivationCode", "The activation code is wrong, used or expired.");
const archived = (what: string) => new DomainError("NotAllowedForArchived", `The ${what} is archived.`);

/** LATCHKEY_ACTIVATION_FAILURES_PER_MINUTE wrong codes from anywhere pause every activation for the lockdown. */
function installationBudget(services: Services): FailureBudget {
  const c = services.config;
  return {
    key: "activate:installation",
    perMinute: c.LATCHKEY_ACTIVATION_FAILURES_PER_MINUTE,
    blockMs: c.LATCHKEY_ACTIVATION_LOCKDOWN_SECONDS * 1000,
  };
}

export async function activateWorkplace(ctx: Context, input: z.infer<typeof activateWorkplaceInput>): Promise<ActivateWorkplaceOutput> {
  const { activationCodes, employees, organizations, outlets, workplaces } = ctx.services.database.tables;
  const { services } = ctx;
  // Anonymous caller: the organization is unknown until the code names it (null on failure).
  return await audited(ctx, { orgGuid: null }, async (op) => {
    const now = services.clock.now();
    const key = failureKey(ACTIVATION_FAILURE_LIMIT, ctx.meta.ip);
    const budget = installationBudget(services);
    // Checked before the code, so a blocked client learns nothing even from a valid code.
    await assertNotBlocked(
      services.database.db,
      key,
      now,
      (retryAfterSeconds) =>
        new DomainError("TryActivateLater", "Too many wrong activation codes from this address; try again later.", { retryAfterSeconds }),
    );
    if (budget.perMinute > 0)
      await assertNotBlocked(
        services.database.db,
        budget.key,
        now,
        (retryAfterSeconds) =>
          new DomainError("TryActivateLater", "Activation is paused after too many wrong codes; try again later.", { retryAfterSeconds }),
      );
    let codeMatchedNothing = false;
    op.onFailure(async (tx) => {
      if (!codeMatchedNothing) return;
      await recordFailure(tx, ACTIVATION_FAILURE_LIMIT, key, now);
      if (await spendFailureBudget(tx, budget, now)) {
        await writeSystemEvent(ctx, tx, { action: "activation.lockdown", orgGuid: null });
        services.log.warn("activation.lockdown", {
          alert: true,
          wrongCodesPerMinute: budget.perMinute,
          pausedSeconds: budget.blockMs / 1000,
          ip: ctx.meta.ip,
        });
      }
    });
    return op.commit(async (tx) => {
      // The one atomic step: of any number of concurrent uses, exactly one sees changes = 1.
      // The lookup is by the HMAC of the code, so how long it takes says nothing about the code.
      const consumed = await tx
        .update(activationCodes)
        .set({ consumedAt: now })
        .where(
          and(
            eq(activationCodes.codeHash, keyedHash(services.secret, input.code)),
            isNull(activationCodes.consumedAt),
            isNull(activationCodes.revokedAt),
            gt(activationCodes.expiresAt, now),
          ),
        )
        .returning();
      if (consumed.length !== 1) {
        // Wrong, used, expired, revoked, or lost a race to a concurrent use: all the same to the caller.
        codeMatchedNothing = true;
        throw wrongCode();
      }
      const code = consumed[0]!;
      op.org(code.orgGuid);
      op.target("workplace", code.workplaceGuid);
      const row = (
        await tx
          .select({ w: workplaces, org: organizations, outlet: outlets, employee: employees })
          .from(workplaces)
          .innerJoin(organizations, eq(organizations.guid, workplaces.orgGuid))
          .innerJoin(outlets, eq(outlets.guid, workplaces.outletGuid))
          .innerJoin(employees, eq(employees.id, code.employeeId))
          .where(and(eq(workplaces.guid, code.workplaceGuid), eq(workplaces.orgGuid, code.orgGuid)))
      )[0];
      if (!row) throw wrongCode();
      // Something archived since the code was issued: the holder proved a valid code, so they get
      // the true reason (docs/SPEC.md §2 refuses archived objects with NotAllowedForArchived) and it
      // does not count as a wrong guess. The rollback leaves the code as it was.
      if (row.org.archived) throw archived("organization");
      if (row.w.archived) throw archived("workplace");
      if (row.outlet.archived) throw archived("outlet");
      if (row.employee.status === "archived") throw archived("employee");
      const w = (
        await tx
          .update(workplaces)
          .set({
            status: "active",
            activatedAt: now,
            activatedByEmployeeId: row.employee.id,
            activatedClient: ctx.meta.client ? JSON.stringify(ctx.meta.client) : null,
            updatedAt: now,
          })
          .where(eq(workplaces.guid, row.w.guid))
          .returning()
      )[0]!;
      return {
        workplace: { guid: w.guid, name: w.name, status: "active" as const, activatedAt: iso(now)! },
        organization: { guid: row.org.guid, alias: row.org.alias, name: row.org.name },
        outlet: { guid: row.outlet.guid, name: row.outlet.name },
        employee: { guid: row.employee.guid, id: row.employee.id, displayName: row.employee.displayName },
      };
    });
  });
}
