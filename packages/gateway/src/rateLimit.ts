// Per-token and per-IP request limits, counted in the `rate_limits` table (fixed one-minute
// windows) so every instance shares them. A limit of 0 turns it off.
import { DomainError, limitSubject, type Context, type Services } from "@latchkey/api";
import { sql } from "@latchkey/db";

const WINDOW_MS = 60_000;

/** Counts one request against `key`; returns the seconds to wait when over `limit`, else null. */
export async function hit(services: Services, key: string, limit: number): Promise<number | null> {
  if (limit <= 0) return null;
  const now = services.clock.now();
  // One upsert: requests counted at once by several instances all count. A counter lost in a
  // power cut costs nothing, so it is written relaxed (its own fsync would cost a third of a request).
  const row = await services.database.writeRelaxed(async (handle) => {
    const { rateLimits } = handle.tables;
    const expired = sql`${rateLimits.windowStart} <= ${now - WINDOW_MS}`;
    const [counted] = await handle
      .insert(rateLimits)
      .values({ key, count: 1, windowStart: now })
      .onConflictDoUpdate({
        target: rateLimits.key,
        set: {
          count: sql`CASE WHEN ${expired} THEN 1 ELSE ${rateLimits.count} + 1 END`,
          windowStart: sql`CASE WHEN ${expired} THEN ${now} ELSE ${rateLimits.windowStart} END`,
        },
      })
      .returning({ count: rateLimits.count, windowStart: rateLimits.windowStart });
    return counted;
  });
  if (!row || row.count <= limit) return null;
  return Math.max(1, Math.ceil((row.windowStart + WINDOW_MS - now) / 1000));
}

/** The bucket of a request: its token or session when the credentials are valid, else its address (an IPv6 /64). */
export function bucketOf(ctx: Context): { key: string; limit: number } {
  const { config } = ctx.services;
  const p = ctx.principal;
  if (p?.kind === "employeeToken" || p?.kind === "serviceToken")
    return { key: `api:token:${p.tokenId}`, limit: config.LATCHKEY_RATE_LIMIT_PER_TOKEN };
  if (p?.kind === "session") return { key: `api:session:${p.sessionId}`, limit: config.LATCHKEY_RATE_LIMIT_PER_TOKEN };
  return { key: `api:ip:${limitSubject(ctx.meta.ip) ?? "unknown"}`, limit: config.LATCHKEY_RATE_LIMIT_PER_IP };
}

/** Throws TooManyRequests (with Retry-After seconds) when the caller's bucket is over its limit. */
export async function enforceRateLimit(ctx: Context): Promise<void> {
  const { key, limit } = bucketOf(ctx);
  const wait = await hit(ctx.services, key, limit);
  if (wait !== null)
    throw new DomainError("TooManyRequests", "Too many requests: the rate limit is exceeded.", { retryAfterSeconds: wait });
}
