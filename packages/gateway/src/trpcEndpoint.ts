// /api/trpc: the typed client's and the web app's endpoint (fetch adapter, batching on).
import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { Hono } from "hono";
import type { ApiEnv } from "./requestLog";
import { EdgeError } from "./edgeError";
import { readBody } from "./http";
import { bucketOf, hit } from "./rateLimit";
import { appRouter, createContext, reachedOverHttps, isUuid, sessionCookieName, toDomainError, type Services } from "@latchkey/api";
import { readIdempotencyKey } from "./idempotency";
import { baseMeta, peerOf, readCookie } from "./requestMeta";

function sessionCookieHeader(value: string, maxAge: number, https: boolean): string {
  return `${sessionCookieName(https)}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${https ? "; Secure" : ""}`;
}

/**
 * Cookie-authenticated writes must come from our own pages: a cross-site form or fetch could
 * otherwise ride the cookie. Bearer-token callers are not affected (browsers never add tokens).
 */
function crossSiteWrite(req: Request): boolean {
  if (req.method !== "POST") return false;
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = req.headers.get("origin");
  if (origin) {
    try {
      if (new URL(origin).host !== new URL(req.url).host) return true;
    } catch {
      return true;
    }
  }
  const type = req.headers.get("content-type") ?? "";
  return !type.toLowerCase().startsWith("application/json");
}

const PROCEDURES = new Set(Object.keys(appRouter._def.procedures));

/** The route a call is counted under: one per procedure, batches and unknown names pooled (labels stay a closed set). */
function routeOf(names: string): string {
  if (names.includes(",")) return "/api/trpc/{batch}";
  return PROCEDURES.has(names) ? `/api/trpc/${names}` : "/api/trpc/{unknown}";
}

export function mountTrpc(app: Hono<ApiEnv>, services: Services): void {
  app.all("/api/trpc/*", async (c) => {
    const pathname = new URL(c.req.url).pathname;
    const names = pathname.slice("/api/trpc/".length);
    c.set("family", "trpc");
    c.set("route", routeOf(names));
    c.set("procedure", names.slice(0, 300));
    // Procedure paths are names joined by dots and commas: anything else (a trailing slash,
    // an encoded byte) names no procedure, rather than whatever tRPC would normalize it to.
    if (!/^\/api\/trpc\/[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*(?:,[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*)*$/.test(pathname)) {
      return c.json(
        { error: { message: "Not found.", code: -32004, data: { code: "NOT_FOUND", httpStatus: 404, domainCode: "NotFound" } } },
        404,
      );
    }
    let req = c.req.raw;
    if (req.body) {
      // The same 64 KiB bound as REST, checked on Content-Length and counted while streaming.
      let raw: string;
      try {
        raw = await readBody(req);
      } catch (err) {
        const large = err instanceof EdgeError;
        const status = large ? 413 : 400;
        const code = large ? "PAYLOAD_TOO_LARGE" : "BAD_REQUEST";
        return c.json(
          { error: { message: (err as Error).message, code: -32600, data: { code, httpStatus: status, domainCode: "BadRequest" } } },
          status,
        );
      }
      req = new Request(req.url, { method: req.method, headers: req.headers, body: raw });
    }
    const authorization = req.headers.get("authorization");
    const https = reachedOverHttps(peerOf(c), req.headers.get("x-forwarded-proto"), services.config);
    // Over https only the __Host- cookie counts: a bare lk_session there could have been planted.
    const cookie = authorization ? null : readCookie(req.headers.get("cookie") ?? undefined, sessionCookieName(https));
    const orgHeader = req.headers.get("x-latchkey-org");
    return fetchRequestHandler({
      endpoint: "/api/trpc",
      req,
      router: appRouter,
      allowMethodOverride: false,
      // Results may carry a one-time code: never cached by a browser or a proxy.
      // A refusal that says when to retry (a lockout, a limit) says it in Retry-After too, as REST does.
      responseMeta: ({ errors }) => {
        const wait = Math.max(0, ...errors.map((e) => toDomainError(e).retryAfterSeconds ?? 0));
        return { headers: { "cache-control": "no-store", ...(wait > 0 ? { "retry-after": String(wait) } : {}) } };
      },
      createContext: async ({ resHeaders, info }) => {
        try {
          // The core's idempotency (packages/api lib/idempotency.ts) for the typed client and the web app too.
          let idempotencyKey: string | null;
          try {
            idempotencyKey = readIdempotencyKey(req.headers.get("idempotency-key"));
          } catch (err) {
            throw new TRPCError({ code: "BAD_REQUEST", message: (err as Error).message, cause: err });
          }
          const ctx = await createContext({
            services,
            meta: {
              ...baseMeta(c, services),
              ...(orgHeader ? { org: isUuid(orgHeader) ? { guid: orgHeader } : { alias: orgHeader } } : {}),
              ...(idempotencyKey ? { idempotencyKey } : {}),
            },
            authorization,
            // A cookie on a cross-site write is ignored, so the call runs as anonymous.
            sessionCookie: cookie && !crossSiteWrite(req) ? cookie : null,
            cookies: {
              setSession: (value, maxAge) => resHeaders.append("set-cookie", sessionCookieHeader(value, maxAge, https)),
              clearSession: () => resHeaders.append("set-cookie", sessionCookieHeader("", 0, https)),
            },
          });
          // The same limits as REST: per token or session, per IP for anonymous calls (sign-in).
          // Every call of a batch counts: one request of 500 sign-ins is 500 guesses, not one.
          const { key, limit } = bucketOf(ctx);
          let wait: number | null = null;
          for (let i = 0; i < Math.max(1, info.calls.length) && wait === null; i++) wait = await hit(services, key, limit);
          if (wait !== null) {
            resHeaders.set("retry-after", String(wait));
            throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: "Too many requests: the rate limit is exceeded." });
          }
          return ctx;
        } catch (err) {
          // The database out of reach while resolving the caller or counting the request: 503 as
          // in every other family (toDomainError says ServiceUnavailable), not tRPC's 500 for a
          // context that failed.
          if (toDomainError(err).code === "ServiceUnavailable")
            throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: "The service cannot reach its database right now.", cause: err });
          throw err;
        }
      },
      onError: ({ error }) => {
        if (error.code === "INTERNAL_SERVER_ERROR") services.log.error("trpc.internal_error", { name: error.cause?.name ?? error.name });
      },
    });
  });
}
