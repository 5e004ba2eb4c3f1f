// The one adapter every REST row goes through: match, authenticate and limit (callContext.ts),
// read and decode the body, call the procedure through createCaller, and write the result or
// the error in the row's family envelope. Families differ only in what family.ts lets them decide.
import type { Context as HonoContext } from "hono";
import type { z } from "zod";
import { createCaller, toDomainError, type RequestMeta, type Services } from "@latchkey/api";
import { openCallContext, withDeadline } from "./callContext";
import { invalidRequest } from "./edgeError";
import type { Family } from "./family";
import { readBody } from "./http";
import { baseMeta } from "./requestMeta";
import type { Params, Route } from "./route";

/** A zod failure of a REST-level body, named by its field (never its value). */
function decodeBody(schema: z.ZodType, value: unknown): unknown {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join(".");
  const keys = issue.code === "unrecognized_keys" ? `unknown field(s): ${issue.keys.join(", ")}` : issue.message;
  throw invalidRequest(`${field ? `${field}: ` : ""}${keys}`, field || undefined);
}

export function failure(family: Family, err: unknown, headers: Headers, services: Services): Response {
  const domain = toDomainError(err);
  if (domain.code === "InternalServerError") services.log.error("rest.internal_error", { name: (err as Error)?.name ?? "unknown" });
  return family.error(domain, { headers });
}

/** Runs one REST request; the answer carries X-Request-Id, the id its audit event records. */
export async function handleRoute(c: HonoContext, services: Services, route: Route, params: Params): Promise<Response> {
  const base = baseMeta(c, services);
  const res = await respond(c, services, route, params, base);
  res.headers.set("x-request-id", base.requestId);
  return res;
}

async function respond(c: HonoContext, services: Services, route: Route, params: Params, base: RequestMeta): Promise<Response> {
  const { family } = route;
  const req = c.req.raw;
  const headers = req.headers;
  try {
    const orgGuid = route.orgParam ? { orgGuid: params[route.orgParam] ?? "" } : {};
    const ctx = await openCallContext(services, { headers, base, family, auth: route.auth, ...orgGuid });
    const raw = await readBody(req);
    const body = decodeBody(route.body, family.readBody(raw, headers.get("content-type")));
    const invoke = route.decode(body, params);
    const out = await withDeadline(invoke(createCaller(ctx)));
    const res = family.ok(route.success.status, route.encode(out), { headers });
    if (ctx.response.replayed) res.headers.set("idempotent-replayed", "true");
    return res;
  } catch (err) {
    return failure(family, err, headers, services);
  }
}
