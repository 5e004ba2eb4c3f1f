// Completing a reset with its one-time code: by a caller of the organization naming the employee
// (ZITADEL v2 with verificationCode) or by anyone on the public /reset page naming a login.
// Sets the new password, consumes the code, signs nothing in.
import type { Employee, Organization, ResetCode } from "@latchkey/db";
import type { Context, Principal } from "../../context";
import { audited, type AuditedOp } from "../../lib/audited";
import { assertNotArchived, findLoginCandidates, requireEmployee } from "../../lib/lookups";
import { hashNewPassword } from "../../lib/newPassword";
import { clearLoginFailures, loginKey } from "../../lib/signInLockout";
import { changeDetails, type PasswordChangeOutput } from "./schemas";
import {
  addressSpentCode,
  consumeResetCode,
  countWrongResetCode,
  countWrongResetCodeFrom,
  findLiveResetCode,
  invalidResetCode,
  resetCodeMatches,
} from "./support/resetCodes";
import { storeNewPassword } from "./support/storeNewPassword";

type OrgMemberContext = Context & { principal: Principal; org: Organization };
type Candidate = { e: Employee; org: Organization };

interface Completion {
  code: string;
  password: string;
  passwordField: string;
  changeRequired: boolean;
}

async function complete(ctx: Context, op: AuditedOp, candidates: Candidate[], c: Completion): Promise<PasswordChangeOutput> {
  const { services } = ctx;
  const now = services.clock.now();
  const ip = ctx.meta.ip;
  const live: { cand: Candidate; row: ResetCode }[] = [];
  for (const cand of candidates) {
    const row = await findLiveResetCode(services.database.db, cand.e.id, now);
    // A code this address has used up its wrong tries on is, for this address, no code at all.
    if (row && !(await addressSpentCode(services.database.db, row.id, ip))) live.push({ cand, row });
  }
  const match = live.find((l) => resetCodeMatches(services, l.row, c.code));
  if (!match) {
    if (candidates.length === 1) {
      op.org(candidates[0]!.org.guid);
      op.target("employee", candidates[0]!.e.guid);
    }
    // A wrong try counts against every live code it could have been meant for.
    op.onFailure(async (tx) => {
      for (const l of live) {
        await countWrongResetCode(tx, l.row.id, now);
        await countWrongResetCodeFrom(tx, l.row, ip, now);
      }
    });
    throw invalidResetCode();
  }
  const { e, org } = match.cand;
  op.org(org.guid);
  op.target("employee", e.guid);
  // The policy runs after the code check: a bad password leaves the code usable for a retry.
  const hash = await hashNewPassword(services, org, c.password, c.passwordField, e);
  const row = await op.commit(async (tx) => {
    const at = services.clock.now();
    if (!(await consumeResetCode(tx, match.row.id, at))) throw invalidResetCode();
    // Holding the code proves who this is, so the sign-in lockout is lifted too (the employee's
    // own counter and the one of each login the employee signs in with).
    for (const login of [e.email, e.username]) if (login) await clearLoginFailures(tx, loginKey(login));
    return storeNewPassword(tx, { employeeId: e.id, hash, changeRequired: c.changeRequired, now: at, clearFailedSignIns: true });
  });
  return { employee: changeDetails(row) };
}

/** employees.completePasswordReset. No owner rule: only the employee received the code. */
export async function completeResetByGuid(
  ctx: OrgMemberContext,
  input: { guid: string; code: string; password: string; changeRequired: boolean },
): Promise<PasswordChangeOutput> {
  return await audited(ctx, { orgGuid: ctx.org.guid }, async (op) => {
    const e = await requireEmployee(ctx.services.database.db, ctx.org.guid, input.guid);
    op.target("employee", e.guid);
    assertNotArchived(e);
    return await complete(ctx, op, [{ e, org: ctx.org }], {
      code: input.code,
      password: input.password,
      passwordField: "password",
      changeRequired: input.changeRequired,
    });
  });
}

/**
 * auth.completePasswordReset (the public /reset page). An unknown login, an archived one and a
 * wrong code all get the same InvalidConfirmationCode, so the page never tells whether a login exists.
 */
export async function completeResetByLogin(
  ctx: Context,
  input: { login: string; organization?: string | undefined; code: string; newPassword: string },
): Promise<PasswordChangeOutput> {
  return await audited(ctx, { orgGuid: null }, async (op) => {
    const candidates = await findLoginCandidates(ctx.services.database.db, input.login, input.organization);
    return await complete(ctx, op, candidates, {
      code: input.code,
      password: input.newPassword,
      passwordField: "newPassword",
      changeRequired: false,
    });
  });
}
