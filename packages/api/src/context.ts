// The tRPC context: long-lived services, what the request says about itself, and who the
// caller is. Surfaces build it with createContext; tests build it the same way.
import type { AuditAction } from "./lib/auditActions";
import type { Services } from "./services";
import { resolveApiToken, resolveSession, type Principal } from "./lib/principal";

export type { Principal };

export interface RequestMeta {
  ip: string | null;
  requestId: string;
  userAgent?: string | null;
  /** Client headers worth auditing (X-LP-Client-*), already validated by the surface. */
  client?: Record<string, string>;
  /** The organization the request names (x-zitadel-orgid, X-LP-Organization-Alias, a path). */
  org?: { guid?: string; alias?: string };
  idempotencyKey?: string;
}

/** How a surface hears about cookies the procedures set or clear. */
export interface CookieSink {
  setSession(value: string, maxAgeSeconds: number): void;
  clearSession(): void;
}

export interface Context {
  services: Services;
  meta: RequestMeta;
  principal: Principal | null;
  /** Credentials were presented but are invalid, expired or revoked. */
  credentialsRejected: boolean;
  cookies: CookieSink;
  /** What the procedures tell the surface about the answer beyond its data. */
  response: ResponseSignals;
  /** Set for each mutation call by the procedure chain (trpc.ts `auditRefusals`). */
  auditScope?: AuditScope;
  /** Set for each signed-in mutation sent with an Idempotency-Key (trpc.ts `idempotent`). */
  idempotency?: IdempotencyClaim;
}

/**
 * Per call (not per request: a tRPC batch shares one context), the audit name the procedure
 * declares and whether `audited` recorded the attempt, so refusals that happen before any action
 * runs (no credentials, no rights, another organization, malformed input) are recorded too.
 */
export interface AuditScope {
  readonly action: AuditAction;
  recorded: boolean;
}

/** An Idempotency-Key a call holds until its change commits (lib/idempotency.ts). */
export interface IdempotencyClaim {
  scope: string;
  key: string;
  requestHash: string;
  /** Set once the key is written in the change's transaction. */
  reserved: boolean;
  /** Set when the reservation found a twin holding the key (its record may not be readable yet). */
  heldByTwin?: boolean;
}

interface ResponseSignals {
  /** The result is a stored one, replayed for a repeated idempotency key (no second effect). */
  replayed: boolean;
}

export interface CreateContextOptions {
  services: Services;
  meta: RequestMeta;
  /** The raw Authorization header. */
  authorization?: string | null;
  /** The raw session cookie value. */
  sessionCookie?: string | null;
  cookies?: CookieSink;
}

const noCookies: CookieSink = { setSession() {}, clearSession() {} };

/** The context of the operator at the console: the CLI and the first-start bootstrap. */
export function createSystemContext(services: Services, meta: Partial<RequestMeta> = {}): Context {
  return {
    services,
    meta: { ip: null, requestId: services.random.uuid(), ...meta },
    principal: { kind: "system", orgGuid: "", instanceAdmin: true, scopes: ["admin"] },
    credentialsRejected: false,
    cookies: noCookies,
    response: { replayed: false },
  };
}

export async function createContext(opts: CreateContextOptions): Promise<Context> {
  const { services } = opts;
  let principal: Principal | null = null;
  let credentialsRejected = false;
  if (opts.authorization) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(opts.authorization);
    principal = m ? await resolveApiToken(services, m[1]!) : null;
    credentialsRejected = principal === null;
  } else if (opts.sessionCookie) {
    principal = await resolveSession(services, opts.sessionCookie);
    credentialsRejected = principal === null;
  }
  return { services, meta: opts.meta, principal, credentialsRejected, cookies: opts.cookies ?? noCookies, response: { replayed: false } };
}
