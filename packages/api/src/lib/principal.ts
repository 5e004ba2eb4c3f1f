// Turns a bearer token or a session cookie into a Principal, or null when it is not valid.
import { TOKEN_SCOPES, type Employee, type EmployeeRole, type Organization, type TokenScope, type Tx } from "@latchkey/db";
import type { Services } from "../services";
import { parseApiToken, parseSessionCookie, SESSION_IDLE_MS } from "./credentials";
import { prepared } from "./prepared";
import { keyedHash, safeEqual } from "./secrets";

/** Writes "last used" at most once a minute, so reads stay reads. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Who is calling, one kind at a time: a session and an employee's token act as their employee; a
 * service token acts for its organization with no employee; "system" is the operator at the
 * console (the CLI), an instance admin with no employee. Code branches on `kind` rather than on
 * which fields happen to be null.
 */
export type Principal = SessionPrincipal | EmployeeTokenPrincipal | ServiceTokenPrincipal | SystemPrincipal;

interface PrincipalBase {
  orgGuid: string;
  /**
   * That organization as read with the credential, in the same statement: a request acting in
   * its own organization needs no read of its own (lib/actingOrg.ts). Absent for the console.
   */
  org?: Organization;
  scopes: readonly TokenScope[];
  instanceAdmin: boolean;
}

interface SessionPrincipal extends PrincipalBase {
  kind: "session";
  employee: Employee;
  role: EmployeeRole;
  sessionId: string;
  /** Signed in while a password change is required: may only change the password. */
  restricted: boolean;
}

interface EmployeeTokenPrincipal extends PrincipalBase {
  kind: "employeeToken";
  employee: Employee;
  role: EmployeeRole;
  tokenId: string;
}

interface ServiceTokenPrincipal extends PrincipalBase {
  kind: "serviceToken";
  tokenId: string;
  instanceAdmin: false;
}

interface SystemPrincipal extends PrincipalBase {
  kind: "system";
  instanceAdmin: true;
}

/** The employee a caller acts as; null for a service token and the console. */
export function employeeOf(p: Principal): Employee | null {
  return p.kind === "session" || p.kind === "employeeToken" ? p.employee : null;
}

/** The role of the employee a caller acts as; null for a service token and the console. */
export function roleOf(p: Principal): EmployeeRole | null {
  return p.kind === "session" || p.kind === "employeeToken" ? p.role : null;
}

/** The token a caller presented, if it presented one. */
export function tokenIdOf(p: Principal): string | null {
  return p.kind === "employeeToken" || p.kind === "serviceToken" ? p.tokenId : null;
}

/** The session a caller signed in with, if it has one. */
export function sessionIdOf(p: Principal): string | null {
  return p.kind === "session" ? p.sessionId : null;
}

/** Whether the caller may only change its password (a session opened while a change is required). */
export function isRestricted(p: Principal): boolean {
  return p.kind === "session" && p.restricted;
}

/**
 * "Last used" and "last seen" are worth a write a minute, not an fsync, and not a failed request:
 * relaxed, and a failure is only logged (the database being away shows up elsewhere soon enough).
 */
async function touch(services: Services, write: (tx: Tx) => Promise<unknown>): Promise<void> {
  await services.database
    .writeRelaxed(async (handle) => void (await write(handle)))
    .catch((err: unknown) =>
      services.log.warn("could not record last use", { error: (err as { code?: string }).code ?? (err as Error).name }),
    );
}

export async function resolveApiToken(services: Services, raw: string): Promise<Principal | null> {
  const parsed = parseApiToken(raw);
  if (!parsed) return null;
  const q = prepared(services.database.db);
  const found = (await q.tokenWithEmployee.execute({ prefix: parsed.prefix }))[0];
  if (!found || !safeEqual(found.token.secretHash, keyedHash(services.secret, parsed.secret))) return null;
  const { token, employee, org } = found;
  const now = services.clock.now();
  if (token.revokedAt !== null || (token.expiresAt !== null && token.expiresAt <= now)) return null;
  if (token.employeeId !== null && (!employee || employee.status === "archived")) return null;
  if (token.lastUsedAt === null || now - token.lastUsedAt > TOUCH_EVERY_MS)
    await touch(services, (tx) => prepared(tx).touchToken.execute({ id: token.id, now }));
  const scopes = (JSON.parse(token.scopes) as string[]).filter((s): s is TokenScope => (TOKEN_SCOPES as readonly string[]).includes(s));
  const own = { orgGuid: token.orgGuid, ...(org ? { org } : {}) };
  if (employee === null) return { kind: "serviceToken", ...own, scopes, instanceAdmin: false, tokenId: token.id };
  return {
    kind: "employeeToken",
    ...own,
    employee,
    role: employee.role,
    instanceAdmin: employee.instanceAdmin,
    scopes,
    tokenId: token.id,
  };
}

export async function resolveSession(services: Services, raw: string): Promise<Principal | null> {
  const parsed = parseSessionCookie(raw);
  if (!parsed) return null;
  const q = prepared(services.database.db);
  const found = (await q.sessionWithEmployee.execute({ id: parsed.id }))[0];
  if (!found || !safeEqual(found.session.secretHash, keyedHash(services.secret, parsed.secret))) return null;
  const { session, employee, org } = found;
  const now = services.clock.now();
  if (session.revokedAt !== null || session.expiresAt <= now || now - session.lastSeenAt > SESSION_IDLE_MS) return null;
  if (employee.status === "archived") return null;
  if (now - session.lastSeenAt > TOUCH_EVERY_MS) await touch(services, (tx) => prepared(tx).touchSession.execute({ id: session.id, now }));
  return {
    kind: "session",
    orgGuid: session.orgGuid,
    ...(org ? { org } : {}),
    employee,
    role: employee.role,
    instanceAdmin: employee.instanceAdmin,
    // A session acts with the full rights of its employee's role.
    scopes: TOKEN_SCOPES,
    sessionId: session.id,
    restricted: session.restricted && employee.passwordChangeRequired,
  };
}
