// Issues a one-time activation code that binds a workplace to the organization. The code is
// returned once and stored only as a keyed hash; regenerating revokes the previous one.
import type { z } from "zod";
import { and, eq, type Tx } from "@latchkey/db";
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
 * Stores the workplace's new code under a value no live code of the installation shares
 * (activation carries only the code). The partial unique index on live hashes decides: an
 * insert that meets a live code's hash stores nothing and another value is drawn, so two
 * instances can never hand out one value. Expired codes still hold their hash in that index,
 * so they are revoked here, lazily, when an insert meets one, and the same value is tried again.
 * (Revoking only after a refused insert keeps the usual path at one statement: on PostgreSQL each
 * statement is a round trip, the main cost of this transaction; see BENCHMARKS.md.)
 */
async function storeFreshCode(
  ctx: OrgAdminContext,
  tx: Tx,
  row: { workplaceGuid: string; employeeId: number; outletGuid: string; now: number; expiresAt: number },
): Promise<string> {
  const q = prepared(tx);
  for (let i = 0; i < MAX_CODE_TRIES; i++) {
    const code = ctx.services.random.digits(8);
    const hash = keyedHash(ctx.services.secret, code);
    const insert = () => q.insertActivationCode.execute({ orgGuid: ctx.org.guid, ...row, hash });
    if ((await insert()).length === 1) return code;
    const expired = await q.revokeExpiredCodeByHash.execute({ hash, now: row.now });
    if (expired.length === 1 && (await insert()).length === 1) return code;
  }
  throw new DomainError("InternalServerError", "Could not pick a unique activation code.");
}

export async function generateActivationCode(
  ctx: OrgAdminContext,
  input: z.infer<typeof generateActivationCodeInput>,
): Promise<GenerateActivationCodeOutput> {
  const { outlets } = ctx.services.database.tables;
  const { services, org } = ctx;
  return await audited(
    ctx,
    { orgGuid: org.guid, targetType: "workplace", targetId: input.guid },
    async (op) =>
      await op.commit(async (tx) => {
        const now = services.clock.now();
        // The hot path runs prepared statements (lib/prepared.ts) inside this transaction.
        const q = prepared(tx);
        // The workplace is the object in the path (NotFound); employee and outlet are references in the body.
        const found = (await q.workplaceForCode.execute({ orgGuid: org.guid, guid: input.guid, employeeGuid: input.employeeGuid }))[0];
        if (!found) throw notFound("workplace");
        const { workplace, employee } = found;
        assertNotArchived(workplace, "workplace");
        if (!employee) throw referenceNotFound("employee", "employeeGuid");
        assertNotArchived(employee);
        if (input.outletGuid !== undefined) {
          const outlet = (
            await tx
              .select()
              .from(outlets)
              .where(and(eq(outlets.orgGuid, org.guid), eq(outlets.guid, input.outletGuid)))
          )[0];
          if (!outlet) throw referenceNotFound("outlet", "outletGuid");
          // The outlet in the request only confirms where the device is; moving a workplace is
          // `workplaces.update`. Binding a code to an outlet the workplace is not at would
          // activate the device under the wrong shop, so the request is refused, not corrected.
          if (outlet.guid !== workplace.outletGuid)
            throw new DomainError("RequestIsNotValid", "The workplace belongs to another outlet.", { field: "outletGuid" });
        }
        if (input.sendSms && !employee.phone) throw new DomainError("PhoneIsNotFound", "The employee has no phone number.");

        // A workplace has at most one unused code: the newest. Concurrent requests for one
        // workplace (on any instance) took turns at the workplace's read, so exactly one code
        // stays open.
        await q.revokeOpenCodesOfWorkplace.execute({ workplaceGuid: workplace.guid, now });
        const ttlSeconds = org.activationCodeTtlSeconds;
        const expiresAt = now + ttlSeconds * 1000;
        const code = await storeFreshCode(ctx, tx, {
          workplaceGuid: workplace.guid,
          employeeId: employee.id,
          outletGuid: workplace.outletGuid,
          now,
          expiresAt,
        });
        // Only sending counts for the resend cooldown: a code returned to the caller never is refused by it.
        if (input.sendSms)
          await queueCodeMessage(tx, services, employee, {
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
