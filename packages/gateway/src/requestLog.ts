// One JSON line per API request: method, route pattern (never the raw URL, which may carry
// ids), status and duration. Bodies are never logged.
import type { MiddlewareHandler } from "hono";
import type { Services } from "@latchkey/api";

export type ApiEnv = { Variables: { route: string } };

export function requestLog(services: Services): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const started = performance.now();
    let status = 500;
    try {
      await next();
      status = c.res.status;
    } finally {
      services.log.info("http.request", {
        method: c.req.method,
        route: c.get("route") ?? null,
        status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      });
    }
  };
}
