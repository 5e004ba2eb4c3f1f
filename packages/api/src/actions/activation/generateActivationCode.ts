// Issues a one-time activation code that binds a workplace to the organization. The code is
// returned once and stored only as a keyed hash; regenerating revokes the previous one.
import type { z } from "zod";
import { and, eq, outlets } from "@latchkey/db";
import type { OrgAdminContext } from "../../trpc";
import { DomainError, notFound } from "../../errors";
import { audited } from "../../lib/audited";
import { activationCodeSms } from "../../lib/delivery/templates";
import { assertNotArchived } from "../../lib/lookups";
import { queueCodeMessage } from "../../lib/outbox";
import { prepared } from "../../lib/prepared";
import { keyedHash } from "../../lib/secrets";
import { iso } from "../../fields";
import type { GenerateActivationCodeOutput, generateActivationCodeInput } from "./schemas";

/** 10^8 codes against a handful of live ones: a second collision in a row is already absurd. */
const MAX_CODE_TRIES = 16;

const referenceNotFound = (what: string, field: string) => new DomainError("ReferenceNotFound", `The ${what} was not found.`, { field });

/**
 * Picks a code no live code of the installation shares (activation carries only the code).
 * Expired codes still hold their hash in the partial unique index, so they are revoked here,
 * lazily, when their hash comes up again.
 */
function pickFreshCode(ctx: OrgAdminContext, now: number): { code: string; hash: string } {
  const q = prepared(ctx.services.db);
  for (let i = 0; i < MAX_CODE_TRIES; i++) {
    const code = ctx.services.random.digits(8);
    const hash = keyedHash(ctx.services.secret, code);
    q.revokeExpiredCodeByHash.run({ hash, now });
    if (!q.openCodeByHash.get({ hash })) return { code, hash };
  }
  throw new DomainError("InternalServerError", "Could not pick a unique activation code.");
}

export function generateActivationCode(
  ctx: OrgAdminContext,
  input: z.infer<typeof generateActivationCodeInput>,
): Promise<GenerateActivationCodeOutput> {
  const { services, org } = ctx;
  return audited(
    ctx,
    { action: "workplace.generate_activation_code", orgGuid: org.guid, targetType: "workplace", targetId: input.guid },
    (op) =>
      op.commit((tx) => {
        const now = services.clock.now();
        // The hot path runs prepared statements (lib/prepared.ts) inside this transaction.
        const q = prepared(services.db);
        // The workplace is the object in the path (NotFound); employee and outlet are references in the body.
        const workplace = q.workplaceInOrg.get({ orgGuid: org.guid, guid: input.guid });
        if (!workplace) throw notFound("workplace");
        assertNotArchived(workplace, "workplace");
        const employee = q.employeeInOrg.get({ orgGuid: org.guid, guid: input.employeeGuid });
        if (!employee) throw referenceNotFound("employee", "employeeGuid");
        assertNotArchived(employee);
        if (input.outletGuid !== undefined) {
          const outlet = tx
            .select()
            .from(outlets)
            .where(and(eq(outlets.orgGuid, org.guid), eq(outlets.guid, input.outletGuid)))
            .get();
          if (!outlet) throw referenceNotFound("outlet", "outletGuid");
          // The outlet in the request only confirms where the device is; moving a workplace is
          // `workplaces.update`. Binding a code to an outlet the workplace is not at would
          // activate the device under the wrong shop, so the request is refused, not corrected.
          if (outlet.guid !== workplace.outletGuid)
            throw new DomainError("RequestIsNotValid", "The workplace belongs to another outlet.", { field: "outletGuid" });
        }
        if (input.sendSms && !employee.phone) throw new DomainError("PhoneIsNotFound", "The employee has no phone number.");

        // A workplace has at most one unused code: the newest.
        q.revokeOpenCodesOfWorkplace.run({ workplaceGuid: workplace.guid, now });
        const { code, hash } = pickFreshCode(ctx, now);
        const ttlSeconds = org.activationCodeTtlSeconds;
        const expiresAt = now + ttlSeconds * 1000;
        q.insertActivationCode.run({
          orgGuid: org.guid,
          workplaceGuid: workplace.guid,
          employeeId: employee.id,
          outletGuid: workplace.outletGuid,
          hash,
          now,
          expiresAt,
        });
        // Only sending counts for the resend cooldown: a code returned to the caller never is refused by it.
        if (input.sendSms)
          queueCodeMessage(tx, services, employee, {
            channel: "sms",
            kind: "activation_code",
            ...activationCodeSms({ code, workplaceName: workplace.name, ttlSeconds }),
          });
        return {
          code,
          expiresAt: iso(expiresAt)!,
          workplaceGuid: workplace.guid,
          employeeGuid: employee.guid,
          smsQueued: input.sendSms,
        };
      }),
  );
}
