// What operators and their machines ask the process: /healthz (alive), /readyz (can serve:
// database reachable and migrated, delivery worker running) and /metrics (Prometheus). No
// session, no request limits: a load balancer probing every second must never be refused.
// /metrics exists only with LATCHKEY_METRICS_TOKEN set, and answers only to that bearer token.
import { createHash, timingSafeEqual } from "node:crypto";
import type { Context, Hono } from "hono";
import { checkReadiness, type Services } from "@latchkey/api";
import type { ApiEnv } from "./requestLog";

export const OPS_PATHS = new Set(["/healthz", "/readyz", "/metrics"]);

const NO_STORE = { "cache-control": "no-store" };

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

/** Constant-time: compares digests, so neither the length nor a prefix of the token leaks. */
function bearerMatches(header: string | undefined, expected: Buffer): boolean {
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return m !== null && timingSafeEqual(digest(m[1]!), expected);
}

function notAllowed(c: Context<ApiEnv>): Response {
  return c.json({ error: "Method not allowed" }, 405, { allow: "GET, HEAD" });
}

export function mountOps(app: Hono<ApiEnv>, services: Services): void {
  const route = (path: string) => (c: Context<ApiEnv>, next: () => Promise<void>) => {
    c.set("family", "ops");
    c.set("route", path);
    return next();
  };
  for (const path of OPS_PATHS) app.use(path, route(path));

  app.get("/healthz", (c) => c.json({ status: "ok" }, 200, NO_STORE));

  app.get("/readyz", async (c) => {
    const readiness = await checkReadiness(services);
    return c.json({ status: readiness.ready ? "ready" : "not ready", checks: readiness.checks }, readiness.ready ? 200 : 503, NO_STORE);
  });

  const token = services.config.LATCHKEY_METRICS_TOKEN;
  if (token) {
    services.metrics.watchProcess();
    const expected = digest(token);
    app.get("/metrics", async (c) => {
      if (!bearerMatches(c.req.header("authorization"), expected))
        return c.json({ error: "Unauthorized" }, 401, { "www-authenticate": 'Bearer realm="metrics"', ...NO_STORE });
      const { registry } = services.metrics;
      return c.body(await registry.metrics(), 200, { "content-type": registry.contentType, ...NO_STORE });
    });
  } else {
    app.get("/metrics", (c) => c.json({ error: "Not found" }, 404));
  }

  for (const path of OPS_PATHS) app.on(["POST", "PUT", "PATCH", "DELETE", "OPTIONS"], path, notAllowed);
}
