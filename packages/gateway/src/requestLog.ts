// One JSON line per API request: method, route pattern (never the raw URL, which may carry
// ids), the procedure a /api/trpc call names, status, duration and the request id; the same
// request counted and timed in the metrics. Bodies are never logged. Every answer carries
// X-Request-Id: the caller's own (when it is a sane token) or a fresh one, also in the audit.
import type { MiddlewareHandler } from "hono";
import type { Services } from "@latchkey/api";

export type ApiEnv = {
  Variables: {
    /** The route pattern (a closed set: safe as a metrics label). */
    route: string;
    /** "trpc", "ops", "openapi" or the REST family's name. */
    family: string;
    /** The procedure(s) a /api/trpc path names, for the log only. */
    procedure: string;
    requestId: string;
  };
};

const REQUEST_ID = /^[\w.-]{1,100}$/;

/** The caller's X-Request-Id when it is a sane token, else a fresh one (every wire alike). */
export function chooseRequestId(services: Services, incoming: string | null | undefined): string {
  return incoming && REQUEST_ID.test(incoming) ? incoming : services.random.uuid();
}

export function requestLog(services: Services): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const started = performance.now();
    const requestId = chooseRequestId(services, c.req.header("x-request-id"));
    c.set("requestId", requestId);
    let status = 500;
    try {
      await next();
      status = c.res.status;
      c.res.headers.set("x-request-id", requestId);
    } finally {
      const seconds = (performance.now() - started) / 1000;
      const route = c.get("route") ?? "unmatched";
      const family = c.get("family") ?? "none";
      const procedure = c.get("procedure");
      services.metrics.request({ family, route, method: c.req.method, status, seconds });
      // Probes and scrapes arrive every few seconds: at info they would drown the log.
      const log = family === "ops" ? services.log.debug : services.log.info;
      log("http.request", {
        method: c.req.method,
        route,
        ...(procedure ? { procedure } : {}),
        family,
        status,
        durationMs: Math.round(seconds * 10_000) / 10,
        requestId,
      });
    }
  };
}
