// Bearer tokens and session cookies: a public id that finds the row and a secret that is
// checked against its keyed hash. Neither secret is ever stored in clear.
import { keyedHash } from "./secrets";
import type { Random } from "./random";

const TOKEN_RE = /^lk_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;
const SESSION_RE = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

export interface IssuedSecret {
  /** What the caller is shown once. */
  value: string;
  /** The row's lookup key (token prefix or session id). */
  id: string;
  hash: string;
}

const ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

export function issueApiToken(random: Random, secret: Buffer): IssuedSecret {
  const prefix = Array.from(random.bytes(12), (b) => ALNUM[b % ALNUM.length]).join("");
  const tokenSecret = random.bytes(32).toString("base64url");
  return { value: `lk_${prefix}_${tokenSecret}`, id: prefix, hash: keyedHash(secret, tokenSecret) };
}

export function parseApiToken(value: string): { prefix: string; secret: string } | null {
  const m = TOKEN_RE.exec(value);
  return m ? { prefix: m[1]!, secret: m[2]! } : null;
}

export function issueSessionSecret(random: Random, secret: Buffer): IssuedSecret {
  const id = random.bytes(16).toString("base64url");
  const sessionSecret = random.bytes(32).toString("base64url");
  return { value: `${id}.${sessionSecret}`, id, hash: keyedHash(secret, sessionSecret) };
}

export function parseSessionCookie(value: string): { id: string; secret: string } | null {
  const m = SESSION_RE.exec(value);
  return m ? { id: m[1]!, secret: m[2]! } : null;
}

export const SESSION_COOKIE = "lk_session";
/**
 * Over https the cookie is `__Host-lk_session`: browsers then insist on Secure, Path=/ and no
 * Domain, so a sibling subdomain cannot plant or shadow it. Plain http keeps the bare name.
 */
export const sessionCookieName = (https: boolean): string => (https ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE);
/** Absolute lifetime of a web session, and how long it may sit idle. */
export const SESSION_TTL_MS = 7 * 24 * 3600_000;
export const SESSION_IDLE_MS = 24 * 3600_000;
