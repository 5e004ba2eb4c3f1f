// Turns a bearer token or a session cookie into a Principal, or null when it is not valid.
import { TOKEN_SCOPES, type Employee, type EmployeeRole, type TokenScope, type Tx } from "@latchkey/db";
import type { Services } from "../services";
import { parseApiToken, parseSessionCookie, SESSION_IDLE_MS } from "./credentials";
import { prepared } from "./prepared";
import { keyedHash, safeEqual } from "./secrets";

/** Writes "last used" at most once a minute, so reads stay reads. */
const TOUCH_EVERY_MS = 60_000;

export interface Principal {
  /** "system" is the operator at the console (the CLI): an instance admin with no employee. */
  kind: "session" | "token" | "system";
  orgGuid: string;
  /** Null for a service-account token. */
  employee: Employee | null;
  role: EmployeeRole | null;
  instanceAdmin: boolean;
  scopes: readonly TokenScope[];
  sessionId: string | null;
  tokenId: string | null;
  /** Signed in while a password change is required: may only change the password. */
  restricted: boolean;
}

/**
 * "Last used" and "last seen" are worth a write a minute, not an fsync, and not a failed request:
 * relaxed, and a failure is only logged (the database being away shows up elsewhere soon enough).
 */
async function touch(services: Services, write: (tx: Tx) => Promise<unknown>): Promise<void> {
  await services.database
    .transaction(async (tx) => void (await write(tx)), { relaxed: true })
    .catch((err: unknown) =>
      services.log.warn("could not record last use", { error: (err as { code?: string }).code ?? (err as Error).name }),
    );
}

export async function resolveApiToken(services: Services, raw: string): Promise<Principal | null> {
  const parsed = parseApiToken(raw);
  if (!parsed) return null;
  const q = prepared(services.database.db);
  const token = (await q.tokenByPrefix.execute({ prefix: parsed.prefix }))[0];
  if (!token || !safeEqual(token.secretHash, keyedHash(services.secret, parsed.secret))) return null;
  const now = services.clock.now();
  if (token.revokedAt !== null || (token.expiresAt !== null && token.expiresAt <= now)) return null;
  const employee = token.employeeId === null ? null : ((await q.employeeById.execute({ id: token.employeeId }))[0] ?? null);
  if (token.employeeId !== null && (!employee || employee.status === "archived")) return null;
  if (token.lastUsedAt === null || now - token.lastUsedAt > TOUCH_EVERY_MS)
    await touch(services, (tx) => prepared(tx).touchToken.execute({ id: token.id, now }));
  const scopes = (JSON.parse(token.scopes) as string[]).filter((s): s is TokenScope => (TOKEN_SCOPES as readonly string[]).includes(s));
  return {
    kind: "token",
    orgGuid: token.orgGuid,
    employee,
    role: employee?.role ?? null,
    instanceAdmin: employee?.instanceAdmin ?? false,
    scopes,
    sessionId: null,
    tokenId: token.id,
    restricted: false,
  };
}

export async function resolveSession(services: Services, raw: string): Promise<Principal | null> {
  const parsed = parseSessionCookie(raw);
  if (!parsed) return null;
  const q = prepared(services.database.db);
  const session = (await q.sessionById.execute({ id: parsed.id }))[0];
  if (!session || !safeEqual(session.secretHash, keyedHash(services.secret, parsed.secret))) return null;
  const now = services.clock.now();
  if (session.revokedAt !== null || session.expiresAt <= now || now - session.lastSeenAt > SESSION_IDLE_MS) return null;
  const employee = (await q.employeeById.execute({ id: session.employeeId }))[0];
  if (!employee || employee.status === "archived") return null;
  if (now - session.lastSeenAt > TOUCH_EVERY_MS) await touch(services, (tx) => prepared(tx).touchSession.execute({ id: session.id, now }));
  return {
    kind: "session",
    orgGuid: session.orgGuid,
    employee,
    role: employee.role,
    instanceAdmin: employee.instanceAdmin,
    // A session acts with the full rights of its employee's role.
    scopes: TOKEN_SCOPES,
    sessionId: session.id,
    tokenId: null,
    restricted: session.restricted && employee.passwordChangeRequired,
  };
}
