// Password sign-in for the web app. Wrong passwords are counted per employee: the lockout
// policy of the organization (default 10 in 15 min -> locked 15 min). Every attempt is audited.
import type { z } from "zod";
import { and, employees, eq, passwordHistory, sessions, type Employee, type Organization, type Tx } from "@latchkey/db";
import type { Context } from "../../context";
import { DomainError } from "../../errors";
import { audited } from "../../lib/audited";
import { issueSessionSecret, SESSION_TTL_MS } from "../../lib/credentials";
import { findLoginCandidates } from "../../lib/lookups";
import { burnVerify, hashPassword, needsRehash, verifyPassword } from "../../lib/passwords";
import { employeeView } from "../employees/schemas";
import type { signInInput } from "./schemas";

const wrong = () => new DomainError("WrongUsernameOrPassword", "The login or password is wrong.");

function countFailure(tx: Tx, e: Employee, org: Organization, now: number) {
  const fresh = tx.select().from(employees).where(eq(employees.id, e.id)).get()!;
  const windowStart = fresh.failedSignInWindowStart;
  const inWindow = windowStart !== null && now - windowStart < org.lockoutWindowSeconds * 1000;
  const failures = inWindow ? fresh.failedSignIns + 1 : 1;
  tx.update(employees)
    .set({
      failedSignIns: failures,
      failedSignInWindowStart: inWindow ? windowStart : now,
      lockedUntil: failures >= org.lockoutThreshold ? now + org.lockoutDurationSeconds * 1000 : fresh.lockedUntil,
    })
    .where(eq(employees.id, e.id))
    .run();
}

export function signIn(ctx: Context, input: z.infer<typeof signInInput>) {
  return audited(ctx, { action: "auth.sign_in", orgGuid: null }, async (op) => {
    const { services } = ctx;
    const found = findLoginCandidates(services.db, input.login, input.organization);
    if (found.length === 0) {
      await burnVerify(input.password, services.hashParams);
      throw wrong();
    }
    const now = services.clock.now();
    const normalized = input.password.normalize("NFKC");
    let match: { e: Employee; org: Organization } | undefined;
    let lockedFor = 0;
    for (const c of found) {
      if (c.e.lockedUntil !== null && c.e.lockedUntil > now) {
        lockedFor = Math.max(lockedFor, c.e.lockedUntil - now);
        continue;
      }
      if (c.e.passwordHash && (await verifyPassword(c.e.passwordHash, normalized))) {
        match = c;
        break;
      }
    }
    if (!match) {
      const only = found.length === 1 ? found[0]! : undefined;
      if (only) {
        op.org(only.org.guid);
        op.target("employee", only.e.guid);
      }
      if (lockedFor > 0 && found.length === 1)
        throw new DomainError("TryLater", "Too many wrong passwords: the account is locked for a while.", {
          retryAfterSeconds: lockedFor / 1000,
        });
      op.onFailure((tx) => {
        for (const c of found) if (!(c.e.lockedUntil !== null && c.e.lockedUntil > now)) countFailure(tx, c.e, c.org, now);
      });
      throw wrong();
    }
    const { e, org } = match;
    op.org(org.guid);
    op.target("employee", e.guid);
    const rehash =
      e.passwordHash && needsRehash(e.passwordHash, services.hashParams) ? await hashPassword(normalized, services.hashParams) : null;
    const issued = issueSessionSecret(services.random, services.secret);
    const restricted = e.passwordChangeRequired;
    const employee = op.commit((tx) => {
      const updated = tx
        .update(employees)
        .set({ failedSignIns: 0, failedSignInWindowStart: null, lockedUntil: null, ...(rehash ? { passwordHash: rehash } : {}) })
        .where(eq(employees.id, e.id))
        .returning()
        .get()!;
      if (rehash)
        tx.update(passwordHistory)
          .set({ passwordHash: rehash })
          .where(and(eq(passwordHistory.employeeId, e.id), eq(passwordHistory.passwordHash, e.passwordHash!)))
          .run();
      tx.insert(sessions)
        .values({
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
        })
        .run();
      return updated;
    });
    ctx.cookies.setSession(issued.value, SESSION_TTL_MS / 1000);
    return {
      employee: employeeView(employee),
      organization: { guid: org.guid, alias: org.alias, name: org.name },
      passwordChangeRequired: restricted,
    };
  });
}
