// Web page requests get the same line and the same metrics as API requests (the API's come
// from the gateway's requestLog). The logged route is the path with ids replaced and without
// its query; a metrics label must stay a closed set, so only answered pages (2xx) are labelled
// by their path, static assets are pooled, and everything else (404s, redirects) is "(other)".
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Services } from "@latchkey/api";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REQUEST_ID = /^[\w.-]{1,100}$/;

/** "/console/employees/4f…" -> "/console/employees/{guid}"; numbers become {id}. */
export function webRoute(path: string): string {
  if (path.startsWith("/_next/")) return "/_next/{asset}";
  return path
    .split("/")
    .map((seg) => (UUID.test(seg) ? "{guid}" : /^\d+$/.test(seg) ? "{id}" : seg.slice(0, 100)))
    .join("/")
    .slice(0, 300);
}

/**
 * Gives the request its id (the caller's X-Request-Id when sane, else a fresh one), passes it on
 * to Next (server components record it in audit events) and back to the browser, then logs the
 * answer when it is sent.
 */
export function logWebRequest(services: Services, req: IncomingMessage, res: ServerResponse, path: string): void {
  const started = performance.now();
  const incoming = req.headers["x-request-id"];
  const requestId = typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : services.random.uuid();
  req.headers["x-request-id"] = requestId;
  res.setHeader("x-request-id", requestId);
  res.once("finish", () => {
    const seconds = (performance.now() - started) / 1000;
    const route = webRoute(path);
    const status = res.statusCode;
    const asset = route === "/_next/{asset}";
    services.metrics.request({
      family: "web",
      route: asset ? route : status >= 200 && status < 300 ? route : "(other)",
      method: req.method ?? "GET",
      status,
      seconds,
    });
    // Assets follow every page: only worth a line when debugging.
    (asset ? services.log.debug : services.log.info)("http.request", {
      method: req.method,
      route,
      family: "web",
      status,
      durationMs: Math.round(seconds * 10_000) / 10,
      requestId,
    });
  });
}
