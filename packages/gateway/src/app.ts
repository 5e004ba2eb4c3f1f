// The lean API handler: /api/trpc, the REST paths and /openapi.json, served by Hono beside
// Next (a Next route handler serves ~1k req/s here, raw node:http ~38k, Hono ~32k).
import { Hono } from "hono";
import type { Services } from "@latchkey/api";
import { buildOpenApi } from "./openapi";
import { requestLog, type ApiEnv } from "./requestLog";
import { handleRoute, failure } from "./restHandler";
import { matchRoute } from "./route";
import { ROUTES } from "./routeTable";
import { mountTrpc } from "./trpcEndpoint";
import { methodNotAllowed } from "./edgeError";
import { mountOps, OPS_PATHS } from "./ops";

export function createApiApp(services: Services): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.use("*", requestLog(services));
  mountOps(app, services);
  mountTrpc(app, services);
  let spec: string | null = null;
  app.get("/openapi.json", (c) => {
    c.set("family", "openapi");
    c.set("route", "/openapi.json");
    spec ??= JSON.stringify(buildOpenApi(ROUTES));
    return c.body(spec, 200, { "content-type": "application/json; charset=utf-8", "cache-control": "public, max-age=300" });
  });
  app.on(["POST", "PUT", "PATCH", "DELETE", "OPTIONS"], "/openapi.json", (c) => {
    c.set("family", "openapi");
    c.set("route", "/openapi.json");
    return c.json({ error: "Method not allowed" }, 405, { allow: "GET, HEAD" });
  });
  app.all("*", (c) => {
    const pathname = new URL(c.req.url).pathname;
    const match = matchRoute(ROUTES, c.req.method, pathname);
    if (!match) return c.json({ error: "Not found" }, 404);
    if (match.kind === "method") {
      c.set("family", match.family.name);
      c.set("route", match.pattern);
      return failure(match.family, methodNotAllowed(match.allow), c.req.raw.headers, services);
    }
    c.set("family", match.route.family.name);
    c.set("route", match.route.path);
    return handleRoute(c, services, match.route, match.params);
  });
  return app;
}

/** Paths the lean handler owns; everything else goes to Next. */
export function isApiPath(pathname: string): boolean {
  return (
    pathname.startsWith("/api/trpc") ||
    pathname === "/openapi.json" ||
    OPS_PATHS.has(pathname) ||
    ROUTES.some((r) => r.regex.test(pathname))
  );
}
