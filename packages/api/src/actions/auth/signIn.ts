// Password sign-in for the web app. Wrong passwords are counted per login as typed, known or not
// (lib/signInLockout.ts), and per employee (the organization's lockout policy, default 10 in
// 15 min -> locked 15 min). Every failing sign-in costs one argon2 verification, whatever the
// account's state, so neither the answer nor its timing tells which logins exist. Every attempt
// is audited.
import type { z } from "zod";
import { and, eq, type Employee, type Organization } from "@latchkey/db";
import type { Context } from "../../context";
import { DomainError } from "../../errors";
import { audited } from "../../lib/audited";
import { issueSessionSecret, SESSION_TTL_MS } from "../../lib/credentials";
import { findLoginCandidates } from "../../lib/lookups";
import { burnVerify, hashPassword, needsRehash, verifyPassword, type HashParams } from "../../lib/passwords";
import {
  clearLoginFailures,
  countLoginFailure,
  employeeLockedFor,
  lockoutPolicyFor,
  loginKey,
  loginLockedFor,
} from "../../lib/signInLockout";
import { countWrongPassword } from "../passwords/support/passwordGuards";
import { employeeView } from "../employees/schemas";
import type { signInInput } from "./schemas";

type Candidate = { e: Employee; org: Organization };

const wrong = () => new DomainError("WrongUsernameOrPassword", "The login or password is wrong.");

/**
 * The candidate the password opens, trying each one not locked out. One argon2 run per candidate
 * with a hash, and one against a throwaway hash when there is none (no account, no password
 * yet, a reset pending): a failure always costs at least one verification with the same parameters.
 */
async function findMatch(found: Candidate[], password: string, now: number, params: HashParams): Promise<Candidate | undefined> {
  let verified = false;
  for (const c of found) {
    if (employeeLockedFor(c.e, now) > 0 || !c.e.passwordHash) continue;
    verified = true;
    if (await verifyPassword(c.e.passwordHash, password)) return c;
  }
  if (!verified) await burnVerify(password, params);
  return undefined;
}

export async function signIn(ctx: Context, input: z.infer<typeof signInInput>) {
  const { employees, passwordHistory, sessions } = ctx.services.database.tables;
  return await audited(ctx, { orgGuid: null }, async (op) => {
    const { services } = ctx;
    const now = services.clock.now();
    const found = await findLoginCandidates(services.database.db, input.login, input.organization);
    const only = found.length === 1 ? found[0]! : undefined;
    if (only) {
      op.org(only.org.guid);
      op.target("employee", only.e.guid);
    }
    const key = loginKey(input.login);
    const normalized = input.password.normalize("NFKC");
    const lockedFor = Math.max(await loginLockedFor(services.database.db, key, now), only ? employeeLockedFor(only.e, now) : 0);
    if (lockedFor > 0) {
      // As slow as any other failure: a locked login must not answer sooner than a wrong password.
      await burnVerify(normalized, services.hashParams);
      throw new DomainError("TryLater", "Too many wrong passwords: the account is locked for a while.", {
        retryAfterSeconds: lockedFor / 1000,
      });
    }
    const match = await findMatch(found, normalized, now, services.hashParams);
    if (!match) {
      const policy = await lockoutPolicyFor(services.database.db, input.organization, only?.org);
      op.onFailure(async (tx) => {
        await countLoginFailure(tx, key, policy, now);
        for (const c of found) if (employeeLockedFor(c.e, now) === 0) await countWrongPassword(tx, c.e.id, c.org, now);
      });
      throw wrong();
    }
    const { e, org } = match;
    op.org(org.guid);
    op.target("employee", e.guid);
    // Recorded as the employee's own act (docs/SPEC.md §2.2, Audit: the event names its actor), set only
    // once the password matched: a failed attempt stays anonymous.
    op.actor("employee", e.guid);
    const rehash =
      e.passwordHash && needsRehash(e.passwordHash, services.hashParams) ? await hashPassword(normalized, services.hashParams) : null;
    const issued = issueSessionSecret(services.random, services.secret);
    const restricted = e.passwordChangeRequired;
    const employee = await op.commit(async (tx) => {
      const updated = (
        await tx
          .update(employees)
          .set({ failedSignIns: 0, failedSignInWindowStart: null, lockedUntil: null, ...(rehash ? { passwordHash: rehash } : {}) })
          .where(eq(employees.id, e.id))
          .returning()
      )[0]!;
      if (rehash)
        await tx
          .update(passwordHistory)
          .set({ passwordHash: rehash })
          .where(and(eq(passwordHistory.employeeId, e.id), eq(passwordHistory.passwordHash, e.passwordHash!)));
      await clearLoginFailures(tx, key);
      await tx.insert(sessions).values({
        id: issued.id,
        orgGuid: org.guid,
        employeeId: e.id,
        secretHash: issued.hash,
        restricted,
        ip: ctx.meta.ip,
        userAgent: ctx.meta.userAgent?.slice(0, 512) ?? null,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: now + SESSION_TTL_MS,
      });
      return updated;
    });
    ctx.cookies.setSession(issued.value, SESSION_TTL_MS / 1000);
    return {
      employee: employeeView(employee, now),
      organization: { guid: org.guid, alias: org.alias, name: org.name },
      passwordChangeRequired: restricted,
    };
  });
}
